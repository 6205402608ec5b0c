import type { CodeableConcept, HealthcareService, Location, Organization, Reference } from '@medplum/fhirtypes';
import type { Organisation } from '../../schemas/canonical/organisation.ts';
import type { Service, ServiceArea } from '../../schemas/canonical/service.ts';
import type { FhirSystems } from './systems.ts';

/**
 * Organisations and the partners' service directory in FHIR. A directory service becomes a
 * HealthcareService (the R4 resource for "a service offered at a place", which Gravity's referral
 * guide names as the thing referred to). Its coverage areas are contained Locations holding the
 * canonical levels as an Address (the same levels as a Patient's address), since R4 coverageArea takes
 * Locations only. Eligibility by age and sex, which R4 holds only as text, is also given as Relais
 * extensions so that a reader need not parse it.
 */

export const organisationReference = (organisationId: string, systems: FhirSystems): Reference<Organization> => ({
  type: 'Organization',
  identifier: { system: systems.organisation, value: organisationId },
});

export const serviceReference = (serviceId: string, systems: FhirSystems): Reference<HealthcareService> => ({
  type: 'HealthcareService',
  identifier: { system: systems.service, value: serviceId },
});

/** An organisation as far as it is known: a referral names only the id, the directory has the rest. */
export function organizationOf(organisation: Pick<Organisation, 'id'> & Partial<Organisation>, systems: FhirSystems) {
  const org: Organization = {
    resourceType: 'Organization',
    identifier: [{ system: systems.organisation, value: organisation.id }],
    active: true,
    ...(organisation.kind
      ? { type: [{ coding: [{ system: systems.codeSystem('organisation-kind'), code: organisation.kind }] }] }
      : {}),
    ...(organisation.name ? { name: organisation.name } : {}),
    ...(organisation.country ? { address: [{ country: organisation.country }] } : {}),
  };
  return org;
}

const textOf = (text: { fr?: string | undefined; en?: string | undefined } | undefined) => text?.fr ?? text?.en;

function areaLocation(area: ServiceArea, index: number): Location {
  return {
    resourceType: 'Location',
    id: `area-${index}`,
    mode: 'kind',
    address: {
      ...(area.locality !== undefined ? { city: area.locality } : {}),
      ...(area.territory !== undefined ? { district: area.territory } : {}),
      ...(area.province !== undefined ? { state: area.province } : {}),
      ...(area.country !== undefined ? { country: area.country } : {}),
    },
  };
}

function eligibilityOf(service: Service, systems: FhirSystems): NonNullable<HealthcareService['eligibility']> {
  const { minimumAge, maximumAge, sexes, description } = service.eligibility;
  const ages =
    minimumAge === undefined && maximumAge === undefined
      ? []
      : [
          {
            url: systems.extension('eligibility-age'),
            valueRange: {
              ...(minimumAge !== undefined
                ? { low: { value: minimumAge, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } }
                : {}),
              ...(maximumAge !== undefined
                ? { high: { value: maximumAge, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } }
                : {}),
            },
          },
        ];
  const sexList = (sexes ?? []).map((sex) => ({ url: systems.extension('eligibility-sex'), valueCode: sex }));
  const said = [
    minimumAge !== undefined || maximumAge !== undefined ? `age ${minimumAge ?? 0}-${maximumAge ?? '…'}` : undefined,
    sexes ? `sex ${sexes.join(', ')}` : undefined,
    textOf(description),
  ].filter((s): s is string => s !== undefined);
  if (ages.length === 0 && sexList.length === 0 && said.length === 0) return [];
  return [
    {
      extension: [...ages, ...sexList],
      code: { text: 'eligibility' },
      ...(said.length > 0 ? { comment: said.join('; ') } : {}),
    },
  ];
}

export function serviceTypeConcept(
  type: Service['type'],
  label: string | undefined,
  systems: FhirSystems,
): CodeableConcept {
  return {
    coding: [{ system: systems.codeSystem('service-type'), code: type }],
    ...(label !== undefined ? { text: label } : {}),
  };
}

export function healthcareServiceOf(service: Service, systems: FhirSystems): HealthcareService {
  const areas = service.serviceAreas.map(areaLocation);
  const eligibility = eligibilityOf(service, systems);
  const telecom = [
    ...(service.focalPoint.phone
      ? [{ system: 'phone' as const, value: service.focalPoint.phone, use: 'work' as const }]
      : []),
    ...(service.focalPoint.email
      ? [{ system: 'email' as const, value: service.focalPoint.email, use: 'work' as const }]
      : []),
  ];
  const name = textOf(service.name);
  const comment = textOf(service.description);
  return {
    resourceType: 'HealthcareService',
    contained: areas,
    identifier: [{ system: systems.service, value: service.id }],
    active: service.status === 'active',
    providedBy: organisationReference(service.organisationId, systems),
    type: [serviceTypeConcept(service.type, service.typeLabel, systems)],
    ...(name !== undefined ? { name } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
    coverageArea: areas.map((a) => ({ reference: `#${a.id}` })),
    ...(eligibility.length > 0 ? { eligibility } : {}),
    // ISO 639-3 codes are not all BCP 47 tags (fra is fr there), so they travel as text.
    communication: service.languages.map((code) => ({ text: code })),
  };
}
