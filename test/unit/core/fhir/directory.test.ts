import type { Location } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { fhirSystems, healthcareServiceOf, organizationOf } from '../../../../core/fhir/index.ts';
import { service } from '../../../fixtures/services.ts';

const systems = fhirSystems('https://relais.test/fhir/');

describe('the directory in FHIR', () => {
  it('makes a service a HealthcareService of its organisation, with its areas as contained Locations', () => {
    const svc = service({
      type: 'other',
      typeLabel: 'Accueil de jour',
      status: 'temporarily-closed',
      serviceAreas: [
        { country: 'CD', province: 'Lualaba', territory: 'Kolwezi', locality: 'Manika' },
        { country: 'BI' },
      ],
      eligibility: { minimumAge: 6, maximumAge: 14, sexes: ['female'] },
      focalPoint: { role: 'Chargée de protection', email: 'protection@divas.example.org' },
    });
    const hs = healthcareServiceOf(svc, systems);
    expect(hs.identifier).toEqual([{ system: 'https://relais.test/fhir/sid/service', value: svc.id }]);
    expect(hs.active).toBe(false);
    expect(hs.providedBy).toEqual({
      type: 'Organization',
      identifier: { system: 'https://relais.test/fhir/sid/organisation', value: 'org_divas-lualaba' },
    });
    expect(hs.type).toEqual([
      {
        coding: [{ system: 'https://relais.test/fhir/CodeSystem/service-type', code: 'other' }],
        text: 'Accueil de jour',
      },
    ]);
    const areas = (hs.contained as Location[]).map((l) => l.address);
    expect(areas).toEqual([
      { country: 'CD', state: 'Lualaba', district: 'Kolwezi', city: 'Manika' },
      { country: 'BI' },
    ]);
    expect(hs.coverageArea).toEqual([{ reference: '#area-0' }, { reference: '#area-1' }]);
    expect(hs.telecom).toEqual([{ system: 'email', value: 'protection@divas.example.org', use: 'work' }]);
  });

  it('gives eligibility as text and as age and sex extensions', () => {
    const [eligibility] = healthcareServiceOf(
      service({ eligibility: { minimumAge: 6, maximumAge: 14, sexes: ['female', 'other'] } }),
      systems,
    ).eligibility!;
    expect(eligibility!.comment).toBe('age 6-14; sex female, other');
    expect(eligibility!.extension).toEqual([
      {
        url: 'https://relais.test/fhir/StructureDefinition/eligibility-age',
        valueRange: {
          low: { value: 6, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' },
          high: { value: 14, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' },
        },
      },
      { url: 'https://relais.test/fhir/StructureDefinition/eligibility-sex', valueCode: 'female' },
      { url: 'https://relais.test/fhir/StructureDefinition/eligibility-sex', valueCode: 'other' },
    ]);
    expect(healthcareServiceOf(service({ eligibility: {} }), systems).eligibility).toBeUndefined();
  });

  it('makes an organisation an Organization with its kind, name and country', () => {
    expect(organizationOf({ id: 'org_espoir', name: 'Espoir', kind: 'ngo', country: 'CD' }, systems)).toEqual({
      resourceType: 'Organization',
      identifier: [{ system: 'https://relais.test/fhir/sid/organisation', value: 'org_espoir' }],
      active: true,
      type: [{ coding: [{ system: 'https://relais.test/fhir/CodeSystem/organisation-kind', code: 'ngo' }] }],
      name: 'Espoir',
      address: [{ country: 'CD' }],
    });
  });
});
