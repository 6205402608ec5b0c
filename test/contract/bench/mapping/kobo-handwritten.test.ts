import { describe, expect, it } from 'vitest';
import { builtinMapping } from '../../../../adapters/sources/index.ts';
import { normaliseKobo } from '../../../../bench/mapping/kobo-handwritten.ts';
import { sourceFixtures } from '../../sources/fixtures.ts';

describe('the hand-written KoboToolbox normaliser', () => {
  const compiled = builtinMapping('kobotoolbox');

  it.each(sourceFixtures('kobotoolbox').map((f) => [f.name, f] as const))(
    'gives the same record and origins as the compiled mapping on %s',
    (_name, fixture) => {
      for (const payload of fixture.payloads) {
        const byHand = normaliseKobo(payload);
        expect(byHand).toMatchObject({ ok: true });
        expect(byHand).toEqual(compiled.normalise(payload));
      }
    },
  );

  it('skips a submission marked not approved, as the mapping does', () => {
    const payload = {
      ...(sourceFixtures('kobotoolbox')[0]!.payloads[0] as object),
      _validation_status: { uid: 'validation_status_not_approved' },
    };
    expect(normaliseKobo(payload)).toEqual(compiled.normalise(payload));
    expect(normaliseKobo(payload)).toMatchObject({ ok: false, issues: [{ code: 'mapping.skipped' }] });
  });
});
