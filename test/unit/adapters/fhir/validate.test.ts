import type { Bundle, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { fhirIssues } from '../../../../adapters/fhir/validate.ts';
import {
  bundleForPerson,
  bundleForReferral,
  fhirSystems,
  healthcareServiceOf,
  organizationOf,
} from '../../../../core/fhir/index.ts';
import {
  fixtureOrganisations,
  fixturePersons,
  fixtureReferralViews,
  fixtureServices,
} from '../../../fixtures/fhir/exports.ts';

const systems = fhirSystems();
const resourcesOf = (bundle: Bundle) => bundle.entry!.map((e) => e.resource!);

describe('every FHIR resource Relais emits for the fixtures', () => {
  const persons = fixturePersons();
  const referrals = fixtureReferralViews();

  it('covers every built-in source, both sides of a referral in every status, services and organisations', () => {
    expect(persons.flatMap((p) => p.records).length).toBeGreaterThanOrEqual(15);
    expect(new Set(referrals.map((r) => `${r.yourSide}:${r.status}`)).size).toBe(16);
    expect(referrals.some((r) => r.child === undefined)).toBe(true);
    expect(referrals.some((r) => r.consent.basis === 'override')).toBe(true);
  });

  it.each(persons.map((p) => [p.personId, p] as const))('validates against R4: the person bundle of %s', (_, p) => {
    const bundle = bundleForPerson(p);
    expect(fhirIssues(bundle)).toEqual([]);
    expect(resourcesOf(bundle).filter((r) => r.resourceType === 'Patient')).toHaveLength(p.records.length);
  });

  it('validates against R4 and the referral guide: every referral bundle', () => {
    for (const view of referrals) {
      const bundle = bundleForReferral(view);
      expect({ id: view.id, side: view.yourSide, status: view.status, issues: fhirIssues(bundle) }).toEqual({
        id: view.id,
        side: view.yourSide,
        status: view.status,
        issues: [],
      });
      const types = resourcesOf(bundle).map((r) => r.resourceType);
      expect(types).toEqual(expect.arrayContaining(['ServiceRequest', 'Task', 'Consent', 'Organization']));
    }
  });

  it('validates against R4: HealthcareServices and Organizations', () => {
    const resources: Resource[] = [
      ...fixtureServices().map((s) => healthcareServiceOf(s, systems)),
      ...fixtureOrganisations.map((o) => organizationOf(o, systems)),
    ];
    for (const resource of resources) expect(fhirIssues(resource)).toEqual([]);
  });
});

describe('the validator', () => {
  const task = () => resourcesOf(bundleForReferral(fixtureReferralViews()[0]!)).find((r) => r.resourceType === 'Task')!;

  it('refuses what R4 refuses: a bad date, an unknown element, a code outside a required binding', () => {
    const issues = fhirIssues({ resourceType: 'Patient', birthDate: '2015-13', gender: 'girl', colour: 1 } as never);
    expect(issues.map((i) => [i.rule, i.path])).toEqual(
      expect.arrayContaining([
        ['r4', 'Patient.birthDate'],
        ['r4', 'Patient.colour'],
        ['binding', 'Patient.gender'],
      ]),
    );
  });

  it('refuses a bad resource inside a Bundle at its place, an entry without its request, one with nothing', () => {
    const uuid = (n: number) => `urn:uuid:3f1f0a44-93a5-4a4b-8e8d-3b1e3c6a1b1${n}`;
    const issues = fhirIssues({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: uuid(1),
          resource: { resourceType: 'Patient', birthDate: '2015-13' },
          request: { method: 'PUT', url: 'Patient?identifier=a%7Cb' },
        },
        { fullUrl: uuid(2), resource: { resourceType: 'Patient' } },
        { fullUrl: uuid(3) },
      ],
    } as never);
    expect(issues.map((i) => [i.path, i.message.slice(0, 16)])).toEqual([
      ['Bundle', 'Constraint bdl-3'],
      ['Bundle.entry[2]', 'Constraint bdl-5'],
      ['Bundle.entry[0].resource.birthDate', 'Invalid date for'],
    ]);
  });

  it.each(['received', 'ready', 'draft'])('refuses a referral Task in status %s (outside the guide)', (status) => {
    expect(fhirIssues({ ...task(), status } as Resource)).toContainEqual(
      expect.objectContaining({ rule: 'guide', path: 'Task.status' }),
    );
  });

  it('refuses a referral Task without its due date, its focus or its owner', () => {
    const { restriction: _r, focus: _f, owner: _o, ...rest } = task() as never as Record<string, unknown>;
    const paths = fhirIssues(rest as never).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['Task.restriction.period.end', 'Task.focus', 'Task.owner']));
  });

  it('refuses a Consent without a policy or a patient', () => {
    const consent = resourcesOf(bundleForReferral(fixtureReferralViews()[0]!)).find(
      (r) => r.resourceType === 'Consent',
    )!;
    const { policy: _p, patient: _q, ...rest } = consent as never as Record<string, unknown>;
    const issues = fhirIssues(rest as never);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['Consent.policy', 'Consent.patient']));
    expect(issues.some((i) => i.rule === 'r4')).toBe(true);
  });
});
