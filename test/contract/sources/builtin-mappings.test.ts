import { describe, expect, it } from 'vitest';
import { MAPPED_TOOLS, builtinMapping } from '../../../adapters/sources/index.ts';
import { targetSchemaOf } from '../../../core/mapping/targets.ts';
import { validate } from '../../../core/validation/validate.ts';
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

    // NormalisedRecord for a record mapping, MappedReferral (ReferralInput and its sourceRecordId) for a referral one.
    it(`produces output valid against ${normaliser.target === 'referral' ? 'MappedReferral' : 'NormalisedRecord'}`, () => {
      for (const golden of fixture.golden)
        expect(validate(targetSchemaOf(normaliser.mapping), golden)).toMatchObject({ ok: true });
    });

    it('maps deterministically', () => {
      for (const payload of fixture.payloads)
        expect(normaliser.normalise(payload)).toEqual(normaliser.normalise(payload));
    });
  });
});

describe('the built-in kobotoolbox-referral mapping', () => {
  it('targets referrals, while every other built-in mapping targets records', () => {
    for (const tool of MAPPED_TOOLS)
      expect(builtinMapping(tool).target).toBe(tool === 'kobotoolbox-referral' ? 'referral' : 'record');
  });
});
