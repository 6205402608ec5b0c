import { describe, expect, it } from 'vitest';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { type ReferralNeed, routeReferral } from '../../../../core/services/routing.ts';
import { service } from '../../../fixtures/services.ts';

const kolwezi = { country: 'CD', province: 'Lualaba', territory: 'Kolwezi' };
const need = (
  child: Partial<ReferralNeed['child']> = {},
  serviceType: ReferralNeed['serviceType'] = 'psychosocial',
) => ({
  serviceType,
  child: { location: kolwezi, ageYears: 12, sex: 'female' as const, ...child },
});

function refusal(run: () => unknown): RelaisError {
  try {
    run();
  } catch (error) {
    if (error instanceof RelaisError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('routeReferral: which criterion removed the last candidates', () => {
  it('names the type when no service of that type is listed (/serviceType)', () => {
    const error = refusal(() => routeReferral([service({ type: 'education' })], need(), 'best'));
    expect(error).toMatchObject({ kind: 'conflict', reason: 'no-eligible-service' });
    expect(error.issues).toEqual([
      {
        pointer: '/serviceType',
        code: 'no-service-of-type',
        message: {
          en: 'No psychosocial service is listed in the directory',
          fr: "Aucun service psychosocial n'est répertorié",
        },
      },
    ]);
  });

  it.each(['inactive', 'defunct', 'temporarily-closed'] as const)('never chooses a %s service', (status) => {
    const error = refusal(() => routeReferral([service({ status })], need(), 'best'));
    expect(error.issues.map((i) => [i.pointer, i.code])).toEqual([['/serviceType', 'no-active-service']]);
  });

  it('names the place when no active service covers it, in English and French', () => {
    const mutshatsha = service({ serviceAreas: [{ country: 'CD', province: 'Lualaba', territory: 'Mutshatsha' }] });
    const error = refusal(() =>
      routeReferral(
        [mutshatsha, service({ status: 'inactive' })],
        need({ location: { ...kolwezi, territory: 'Kolwezi' } }),
        'best',
      ),
    );
    expect(error.issues).toEqual([
      {
        pointer: '/child/location',
        code: 'no-service-covers-location',
        message: {
          en: 'No active psychosocial service covers Kolwezi, Lualaba, CD',
          fr: 'Aucun service psychosocial actif ne couvre Kolwezi, Lualaba, CD',
        },
      },
    ]);
  });

  it('finds no cover for a child whose location is unknown, and says so', () => {
    const error = refusal(() => routeReferral([service()], need({ location: undefined }), 'best'));
    expect(error.issues[0]).toMatchObject({ pointer: '/child/location' });
    expect(error.issues[0]!.message.en).toContain('an unknown location');
  });

  it('names the age criterion without stating the age', () => {
    const error = refusal(() =>
      routeReferral([service({ eligibility: { minimumAge: 0, maximumAge: 5 } })], need({ ageYears: 12 }), 'best'),
    );
    expect(error.issues.map((i) => [i.pointer, i.code])).toEqual([['/child/age', 'no-service-for-age']]);
    expect(JSON.stringify(error.issues)).not.toMatch(/12/);
  });

  it('names the sex criterion without stating the sex', () => {
    const error = refusal(() =>
      routeReferral([service({ eligibility: { sexes: ['female'] } })], need({ sex: 'male' }), 'best'),
    );
    expect(error.issues.map((i) => [i.pointer, i.code])).toEqual([['/child/sex', 'no-service-for-sex']]);
    expect(JSON.stringify(error.issues)).not.toMatch(/\bmale|female|masculin|féminin/);
  });

  it('reports the first criterion in the order type, status, area, age, sex that leaves nobody', () => {
    // One candidate fails on area, another on age: the area leaves the age-excluded one, so age is reported.
    const elsewhere = service({ serviceAreas: [{ country: 'BI' }] });
    const tooYoung = service({ eligibility: { maximumAge: 5 } });
    const error = refusal(() => routeReferral([elsewhere, tooYoung], need({ ageYears: 9 }), 'best'));
    expect(error.issues[0]!.pointer).toBe('/child/age');
  });

  it('compares place names case- and accent-insensitively, level by level', () => {
    const chosen = service({ serviceAreas: [{ province: 'LUALABA', territory: 'kolwézi' }] });
    expect(routeReferral([chosen], need({ location: { province: 'Lualaba ', territory: 'Kolwezi' } }), 'only')).toEqual(
      chosen,
    );
  });

  it('takes a child of unknown age into an age-limited service: the receiver checks at intake', () => {
    const limited = service({ eligibility: { minimumAge: 10, maximumAge: 17 } });
    expect(routeReferral([limited], need({ ageYears: undefined }), 'only')).toEqual(limited);
  });

  it('takes ages at both inclusive bounds', () => {
    const limited = service({ eligibility: { minimumAge: 10, maximumAge: 17 } });
    for (const ageYears of [10, 17]) expect(routeReferral([limited], need({ ageYears }), 'only')).toEqual(limited);
    for (const ageYears of [9, 18]) expect(() => routeReferral([limited], need({ ageYears }), 'only')).toThrow();
  });
});

describe('routeReferral: several eligible services', () => {
  it("with choice 'only', lists the candidates (id, organisation, name) for the caller to pick", () => {
    const a = service({ organisationId: 'org_espoir-kolwezi' });
    const b = service();
    const error = refusal(() => routeReferral([a, b, service({ type: 'food' })], need(), 'only'));
    expect(error).toMatchObject({ kind: 'conflict', reason: 'several-eligible-services' });
    expect(error.members.candidates).toEqual(
      [a, b].map(({ id, organisationId, name }) => ({ id, organisationId, name })),
    );
    expect(JSON.stringify(error.members)).not.toContain('focalPoint');
  });

  it("with choice 'best', prefers the most specific area: locality > territory > province > country", () => {
    const country = service({ serviceAreas: [{ country: 'CD' }] });
    const province = service({ serviceAreas: [{ province: 'Lualaba' }] });
    const territory = service({ serviceAreas: [{ country: 'BI' }, { province: 'Lualaba', territory: 'Kolwezi' }] });
    const locality = service({ serviceAreas: [{ territory: 'Kolwezi', locality: 'Kasulo' }] });
    const child = need({ location: { ...kolwezi, locality: 'Kasulo' } });
    expect(routeReferral([country, province, territory, locality], child, 'best')).toBe(locality);
    expect(routeReferral([country, province, territory], child, 'best')).toBe(territory);
    expect(routeReferral([country, province], child, 'best')).toBe(province);
  });

  it('then prefers free places, before unknown capacity, before a full service', () => {
    const full = service({ capacity: { total: 10, available: 0 } });
    const unknown = service({ capacity: { total: 10 } });
    const none = service();
    const free = service({ capacity: { total: 10, available: 1 } });
    expect(routeReferral([full, unknown, free], need(), 'best')).toBe(free);
    expect(routeReferral([full, unknown], need(), 'best')).toBe(unknown);
    expect(routeReferral([full, none], need(), 'best')).toBe(none);
  });

  it('then prefers more free places, then the smallest id', () => {
    const two = service({ capacity: { total: 10, available: 2 } });
    const five = service({ capacity: { total: 10, available: 5 } });
    expect(routeReferral([two, five], need(), 'best')).toBe(five);
    const first = service({ id: 'svc_0000000000000aaa' });
    const second = service({ id: 'svc_0000000000000bbb' });
    expect(routeReferral([second, first], need(), 'best')).toBe(first);
    expect(routeReferral([first, second], need(), 'best')).toBe(first);
  });
});
