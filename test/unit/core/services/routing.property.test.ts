import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { type ReferralNeed, routeReferral } from '../../../../core/services/routing.ts';
import type { Service, ServiceArea } from '../../../../schemas/canonical/index.ts';
import { service } from '../../../fixtures/services.ts';

/** A small world of places, spelt in several ways, so that covers and misses are both frequent. */
const provinces = ['Lualaba', 'LUALABA', 'Haut-Katanga'];
const territories = ['Kolwezi', 'kolwézi', 'Mutshatsha', 'Likasi'];
const localities = ['Kasulo', 'Manika', 'kasulo'];
const types = ['psychosocial', 'safehouse', 'education'] as const;
const sexes = ['female', 'male', 'other', 'unknown'] as const;

const area: fc.Arbitrary<ServiceArea> = fc
  .record(
    {
      country: fc.constantFrom('CD', 'BI'),
      province: fc.constantFrom(...provinces),
      territory: fc.constantFrom(...territories),
      locality: fc.constantFrom(...localities),
    },
    { requiredKeys: [] },
  )
  .filter((a) => Object.keys(a).length > 0);

const candidate: fc.Arbitrary<Service> = fc
  .record({
    type: fc.constantFrom(...types),
    status: fc.constantFrom('active', 'active', 'inactive', 'defunct', 'temporarily-closed'),
    serviceAreas: fc.array(area, { minLength: 1, maxLength: 3 }),
    bounds: fc.option(fc.tuple(fc.nat(20), fc.nat(20)), { nil: undefined }),
    sexes: fc.option(fc.uniqueArray(fc.constantFrom(...sexes), { minLength: 1 }), { nil: undefined }),
    capacity: fc.option(
      fc
        .nat(5)
        .chain((total) =>
          fc.record({ total: fc.constant(total), available: fc.option(fc.nat(total), { nil: undefined }) }),
        ),
      { nil: undefined },
    ),
  })
  .map(({ bounds, sexes: taken, capacity, ...rest }) =>
    service({
      ...rest,
      eligibility: {
        ...(bounds ? { minimumAge: Math.min(...bounds), maximumAge: Math.max(...bounds) } : {}),
        ...(taken ? { sexes: taken } : {}),
      },
      ...(capacity ? { capacity: capacity.available === undefined ? { total: capacity.total } : capacity } : {}),
    }),
  );

const need: fc.Arbitrary<ReferralNeed> = fc.record({
  serviceType: fc.constantFrom(...types),
  child: fc.record(
    {
      location: fc.record(
        {
          country: fc.constantFrom('CD', 'BI'),
          province: fc.constantFrom(...provinces),
          territory: fc.constantFrom(...territories),
          locality: fc.constantFrom(...localities),
        },
        { requiredKeys: [] },
      ),
      ageYears: fc.nat(20),
      sex: fc.constantFrom(...sexes),
    },
    { requiredKeys: ['sex'] },
  ),
});

/** The criteria restated plainly, as the oracle: nothing shared with the code under test. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
function satisfiesAll(s: Service, n: ReferralNeed): boolean {
  const place = n.child.location ?? {};
  const covered = s.serviceAreas.some((a) =>
    (['country', 'province', 'territory', 'locality'] as const).every(
      (level) => a[level] === undefined || (place[level] !== undefined && fold(place[level]) === fold(a[level])),
    ),
  );
  const age = n.child.ageYears;
  const { minimumAge = 0, maximumAge = 120, sexes: taken } = s.eligibility;
  return (
    s.type === n.serviceType &&
    s.status === 'active' &&
    covered &&
    (age === undefined || (age >= minimumAge && age <= maximumAge)) &&
    (taken === undefined || taken.includes(n.child.sex))
  );
}

function outcome(run: () => Service): Service | RelaisError {
  try {
    return run();
  } catch (error) {
    if (error instanceof RelaisError) return error;
    throw error;
  }
}

describe('routeReferral, for any directory and any child', () => {
  it('chooses only a service that satisfies every criterion, and says "none" only when none does', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 8 }), need, (candidates, n) => {
        const eligible = candidates.filter((s) => satisfiesAll(s, n));
        const best = outcome(() => routeReferral(candidates, n, 'best'));
        if (best instanceof RelaisError) {
          expect(best.reason).toBe('no-eligible-service');
          expect(eligible).toEqual([]);
        } else {
          expect(candidates).toContain(best);
          expect(satisfiesAll(best, n)).toBe(true);
        }
        const only = outcome(() => routeReferral(candidates, n, 'only'));
        if (eligible.length === 1) expect(only).toBe(eligible[0]);
        if (eligible.length > 1) {
          expect(only).toMatchObject({ reason: 'several-eligible-services' });
          const listed = (only as RelaisError).members.candidates!.map((c) => c.id).sort();
          expect(listed).toEqual(eligible.map((s) => s.id).sort());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('answers the same whatever order the candidates come in', () => {
    fc.assert(
      fc.property(
        fc
          .array(candidate, { maxLength: 8 })
          .chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length }))),
        need,
        ([candidates, shuffled], n) => {
          const a = outcome(() => routeReferral(candidates, n, 'best'));
          const b = outcome(() => routeReferral(shuffled, n, 'best'));
          if (a instanceof RelaisError) expect((b as RelaisError).issues).toEqual(a.issues);
          else expect(b).toBe(a);
        },
      ),
      { numRuns: 300 },
    );
  });
});
