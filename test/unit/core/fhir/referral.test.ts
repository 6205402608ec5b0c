import type { Bundle, Consent, ServiceRequest, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { bundleForReferral, fhirSystems } from '../../../../core/fhir/index.ts';
import type { ReferralView } from '../../../../schemas/api/referrals.ts';
import { fixtureReferralViews } from '../../../fixtures/fhir/exports.ts';

const systems = fhirSystems();
const one = <T>(bundle: Bundle, type: string) => {
  const entry = bundle.entry!.find((e) => e.resource!.resourceType === type)!;
  return { resource: entry.resource as T, fullUrl: entry.fullUrl! };
};

describe.each(fixtureReferralViews().map((v) => [`${v.id} ${v.yourSide} ${v.status}`, v] as [string, ReferralView]))(
  'a referral in the SDOH referral pattern (%s)',
  (_, view) => {
    const bundle = bundleForReferral(view);
    const { resource: request, fullUrl: requestUrl } = one<ServiceRequest>(bundle, 'ServiceRequest');
    const { resource: task } = one<Task>(bundle, 'Task');
    const { resource: consent, fullUrl: consentUrl } = one<Consent>(bundle, 'Consent');

    it('has a Task in the referral status, for its ServiceRequest of intent order, due when the referral is', () => {
      expect(task.status).toBe(view.status);
      expect(['received', 'ready', 'draft', 'entered-in-error']).not.toContain(task.status);
      expect(request.intent).toBe('order');
      expect(task.intent).toBe('order');
      expect(task.focus?.reference).toBe(requestUrl);
      expect(task.basedOn?.map((r) => r.reference)).toEqual([requestUrl]);
      // The recipient's Task is part of the referral's own, held by Relais as the coordination platform.
      expect(task.partOf).toEqual([
        { type: 'Task', identifier: { system: fhirSystems().referral, value: `${view.id}/coordination` } },
      ]);
      expect(task.restriction?.period?.end).toBe(view.dueAt);
      expect(request.supportingInfo?.map((r) => r.reference)).toEqual([consentUrl]);
    });

    it('carries placer and filler identifiers, the latest delivery fact and the reason of the status', () => {
      const typed = (code: string) =>
        request.identifier!.filter((i) => i.type?.coding?.[0]?.code === code).map((i) => i.value);
      expect(typed('PLAC')).toEqual([view.id, ...(view.referring.caseId ? [view.referring.caseId] : [])]);
      expect(typed('FILL')).toEqual(view.receiving.caseId ? [view.receiving.caseId] : []);
      const fact = view.delivery.filter((f) => f.version === view.version).at(-1);
      expect(task.businessStatus?.coding?.[0]?.code).toBe(fact?.fact);
      const entry = view.history.at(-1)!;
      expect(task.statusReason?.coding?.[0]?.code).toBe(entry.reasonCode);
      if (view.status === 'completed') {
        // The outputs a recipient sets on completing the Task, which a pull reads back (task-answers.ts).
        const output = (code: string) => task.output?.find((o) => o.type.coding?.[0]?.code === code);
        expect(output('outcome')?.valueCode).toBe(entry.feedback!.outcome);
        expect(output('service-provided')?.valueString).toBe(entry.feedback!.serviceProvided);
        expect(output('date')?.valueDate).toBe(entry.feedback!.date);
      } else expect(task.output).toBeUndefined();
    });

    it('has a Consent with policy, patient, the consented recipients, categories, purposes and period', () => {
      expect(consent.policy?.length).toBe(1);
      expect(consent.patient).toBeDefined();
      expect(consent.patient).toEqual(request.subject);
      expect(consent.provision?.class?.map((c) => c.code)).toEqual(view.consent.categories);
      if (view.consent.basis === 'consent') {
        expect(consent.policy![0]!.uri).toBe(systems.policy('referral-consent'));
        expect(consent.provision?.actor?.map((a) => a.reference.identifier?.value)).toEqual(view.consent.recipients);
        expect(consent.provision?.purpose?.map((c) => c.code)).toEqual(view.consent.purposes);
        const end = [view.consent.validUntil, view.consentRevokedAt].filter(Boolean).sort()[0];
        expect(consent.provision?.period).toEqual({ start: view.consent.givenAt, end });
      } else {
        expect(consent.policy![0]!.uri).toBe(systems.policy('consent-override'));
      }
      expect(consent.status).toBe(view.consentRevokedAt ? 'inactive' : 'active');
    });

    it('names the child by a Patient in the Bundle only while the party may see the child', () => {
      const patients = bundle.entry!.filter((e) => e.resource!.resourceType === 'Patient');
      expect(patients).toHaveLength(view.child ? 1 : 0);
      if (view.child) expect(request.subject.reference).toBe(patients[0]!.fullUrl);
      else
        expect(request.subject).toEqual({
          type: 'Patient',
          identifier: { system: systems.referralChild, value: view.id },
        });
    });
  },
);
