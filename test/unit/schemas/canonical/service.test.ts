import { describe, expect, it } from 'vitest';
import { validate } from '../../../../core/validation/validate.ts';
import { CreateServiceRequest } from '../../../../schemas/api/services.ts';
import { Service } from '../../../../schemas/canonical/index.ts';
import { service, serviceInput } from '../../../fixtures/services.ts';

const pointers = (data: unknown) => {
  const result = validate(CreateServiceRequest, data);
  return result.ok ? [] : result.issues.map((i) => i.pointer);
};

describe('a service', () => {
  it('is valid as the fixtures build it, and as an administrator sends it', () => {
    expect(Service.safeParse(service()).success).toBe(true);
    expect(pointers(serviceInput())).toEqual([]);
  });

  it('requires a typeLabel with type other, and refuses one otherwise', () => {
    expect(pointers(serviceInput({ type: 'other' }))).toEqual(['/typeLabel']);
    expect(pointers(serviceInput({ type: 'other', typeLabel: 'Appui nutritionnel' }))).toEqual([]);
    expect(pointers(serviceInput({ typeLabel: 'Appui' }))).toEqual(['/typeLabel']);
  });

  it('has a name in French, English or both, never none', () => {
    expect(pointers(serviceInput({ name: { en: 'Shelter' } }))).toEqual([]);
    expect(pointers(serviceInput({ name: {} }))).toEqual(['/name']);
  });

  it('takes ages 0..120 with the minimum not above the maximum, in English and French', () => {
    const result = validate(CreateServiceRequest, serviceInput({ eligibility: { minimumAge: 12, maximumAge: 10 } }));
    expect(result.ok ? [] : result.issues).toEqual([
      {
        pointer: '/eligibility/maximumAge',
        code: 'custom',
        message: {
          en: 'The maximum age must not be below the minimum age',
          fr: "L'âge maximal ne doit pas être inférieur à l'âge minimal",
        },
      },
    ]);
    expect(pointers(serviceInput({ eligibility: { maximumAge: 121 } }))).toEqual(['/eligibility/maximumAge']);
    expect(pointers(serviceInput({ eligibility: { sexes: [] } }))).toEqual(['/eligibility/sexes']);
  });

  it('covers at least one area, each setting at least one level', () => {
    expect(pointers(serviceInput({ serviceAreas: [] }))).toEqual(['/serviceAreas']);
    expect(pointers(serviceInput({ serviceAreas: [{ country: 'CD' }, {}] }))).toEqual(['/serviceAreas/1']);
  });

  it('speaks at least one ISO 639-3 language', () => {
    expect(pointers(serviceInput({ languages: [] }))).toEqual(['/languages']);
    expect(pointers(serviceInput({ languages: ['fr'] }))).toEqual(['/languages/0']);
  });

  it('has no more places available than in total', () => {
    expect(pointers(serviceInput({ capacity: { total: 3, available: 4 } }))).toEqual(['/capacity/available']);
    expect(pointers(serviceInput({ capacity: { total: 0 } }))).toEqual([]);
  });

  it('has a focal point with a role, an e-mail and an E.164 office line', () => {
    expect(pointers(serviceInput({ focalPoint: { email: 'x@example.org' } }))).toEqual(['/focalPoint/role']);
    expect(pointers(serviceInput({ focalPoint: { role: 'Chargé', phone: '0810000000' } }))).toEqual([
      '/focalPoint/phone',
    ]);
  });

  it('is created without id, organisation, version or lastModified: Relais sets them', () => {
    expect(
      pointers(serviceInput({ id: 'svc_0000000000000001', organisationId: 'org_alpha', version: 3 })).sort(),
    ).toEqual(['/id', '/organisationId', '/version']);
  });
});
