import { RELAIS_PERSON_SYSTEM, RELAIS_REFERRAL_SYSTEM } from '../../core/fhir/identifiers.ts';
import type { TransactionBundle } from '../../schemas/fhir/sync.ts';

/**
 * Hand-built transaction Bundles for the sync tests, shaped as the Relais Bundle builder makes them (a
 * Patient keyed by its Relais identifier, a referral's ServiceRequest and Task keyed by the referral id,
 * every entry conditional), so that a replay creates nothing. No child data: made-up names only.
 */
export const PERSON_SYSTEM = RELAIS_PERSON_SYSTEM;
export const REFERRAL_SYSTEM = RELAIS_REFERRAL_SYSTEM;

export function referralBundle(personId: string, referralId: string, family = 'Test'): TransactionBundle {
  const patient = `urn:uuid:${uuidFor(`p:${personId}`)}`;
  const serviceRequest = `urn:uuid:${uuidFor(`sr:${referralId}`)}`;
  const ident = (system: string, value: string) => [{ system, value }];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: patient,
        resource: { resourceType: 'Patient', identifier: ident(PERSON_SYSTEM, personId), name: [{ family }] },
        request: { method: 'PUT', url: `Patient?identifier=${PERSON_SYSTEM}|${personId}` },
      },
      {
        fullUrl: serviceRequest,
        resource: {
          resourceType: 'ServiceRequest',
          status: 'active',
          intent: 'order',
          identifier: ident(REFERRAL_SYSTEM, referralId),
          subject: { reference: patient },
        },
        request: { method: 'POST', url: 'ServiceRequest', ifNoneExist: `identifier=${REFERRAL_SYSTEM}|${referralId}` },
      },
      {
        fullUrl: `urn:uuid:${uuidFor(`t:${referralId}`)}`,
        resource: {
          resourceType: 'Task',
          status: 'requested',
          intent: 'order',
          identifier: ident(REFERRAL_SYSTEM, `${referralId}/task`),
          focus: { reference: serviceRequest },
          for: { reference: patient },
        },
        request: { method: 'POST', url: 'Task', ifNoneExist: `identifier=${REFERRAL_SYSTEM}|${referralId}/task` },
      },
    ],
  };
}

/** A stable version-4-shaped UUID for a name, so that the same Bundle is built twice alike. */
function uuidFor(name: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; hex.join('').length < 32; round++) {
    for (const c of `${round}:${name}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('').slice(0, 32);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
