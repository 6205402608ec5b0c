import { describe, expect, it } from 'vitest';
import { MAPPED_TOOLS, builtinMapping } from '../../../adapters/sources/index.ts';
import { validate } from '../../../core/validation/validate.ts';
import { NormalisedRecord } from '../../../schemas/canonical/record.ts';
import { sourceFixtures } from './fixtures.ts';

describe.each(MAPPED_TOOLS)('the built-in %s mapping', (tool) => {
  const normaliser = builtinMapping(tool);
  const fixtures = sourceFixtures(tool);

  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))('on %s', (_name, fixture) => {
    it('produces exactly the golden canonical records', () => {
      const records = fixture.payloads.map((payload) => {
        const result = normaliser.normalise(payload);
        expect(result.ok ? [] : result.issues).toEqual([]);
        return result.ok ? result.record : undefined;
      });
      expect(records).toEqual(fixture.golden);
    });

    it('produces records valid against NormalisedRecord', () => {
      for (const golden of fixture.golden) expect(validate(NormalisedRecord, golden)).toMatchObject({ ok: true });
    });

    it('maps deterministically', () => {
      for (const payload of fixture.payloads)
        expect(normaliser.normalise(payload)).toEqual(normaliser.normalise(payload));
    });
  });
});
