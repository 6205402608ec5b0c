import { createHash } from 'node:crypto';
import type { Principal } from '../access/principal.ts';
import { requireReferralParty } from '../access/referrals.ts';
import { ownScope } from '../access/scope.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Referral, StatusChange } from '../../schemas/canonical/referral.ts';
import { applyStatusChange } from './lifecycle.ts';
import type { ReferralDeps } from './refer.ts';
import { withChange } from './ports.ts';
import { queueChange, requeue } from './queue-event.ts';
import { revokeConsent } from './revoke-consent.ts';

const keyDigest = (organisationId: string, key: string) =>
  createHash('sha256').update(`${organisationId}\u0000${key}`).digest('hex').slice(0, 32);

/**
 * One side changes a referral's status. The lifecycle decides whether it may (409 otherwise); the store
 * takes it only at the version it was decided at (409 if the other side moved meanwhile), with its
 * event queued for the other side just before. A retry with the same Idempotency-Key after a failure finds the
 * change already made and queues its event again, instead of answering 409.
 */
export async function changeStatus(
  deps: Pick<ReferralDeps, 'referrals' | 'queue' | 'clock'>,
  principal: Principal,
  referralId: string,
  change: StatusChange,
  idempotencyKey?: string,
): Promise<Referral> {
  const current = await deps.referrals.get(referralId);
  const side = requireReferralParty(ownScope(principal), current);
  const requestKey = idempotencyKey ? keyDigest(principal.organisationId, idempotencyKey) : undefined;
  const done = requestKey ? current!.history.find((h) => h.requestKey === requestKey) : undefined;
  if (done) {
    await requeue(deps, current!, done.version);
    return current!;
  }
  if (change.status === 'cancelled' && change.reasonCode === 'consent-withdrawn' && side === 'referring') {
    // Withdrawn consent is more than a cancellation: it ends the grant and asks the receiver to purge.
    return revokeConsent(deps, principal, referralId, change.note);
  }
  const entry = applyStatusChange(
    current!,
    change,
    { side, organisationId: principal.organisationId },
    deps.clock.now(),
  );
  if (change.receiverCaseId !== undefined && side !== 'receiving') {
    throw new RelaisError('validation', 'invalid-document', [
      {
        pointer: '/receiverCaseId',
        code: 'receiver-only',
        message: { en: 'Only the receiver gives its case id', fr: 'Seul le destinataire donne son numéro de dossier' },
      },
    ]);
  }
  const stored = requestKey ? { ...entry, requestKey } : entry;
  const patch = change.receiverCaseId ? { receiverCaseId: change.receiverCaseId } : {};
  const queued = await queueChange(deps, withChange(current!, stored, patch), entry.version);
  const changed = await deps.referrals.change(referralId, current!.version, stored, patch, [queued]);
  if (changed === 'conflict') throw new RelaisError('conflict', 'referral-version-conflict');
  return changed;
}
