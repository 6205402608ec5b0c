import type { Principal } from '../access/principal.ts';
import { isReferralParty } from '../access/referrals.ts';
import { ownScope } from '../access/scope.ts';
import type { ReferralStore } from '../referrals/ports.ts';
import type { DeadLetter } from '../../schemas/api/dead-letters.ts';

/**
 * The referral delivery queue's dead letters (adapters/sqs/dead-letters.ts on SQS). Its messages hold ids
 * only, so nothing here is child data. The DLQ is shared by every organisation: who sees which letter is
 * decided by the use cases below, through the access policy, never by the queue.
 */
export interface DeadLetterQueue {
  /** The letters in the DLQ, in order per referral, without taking them out of it. */
  list(): Promise<DeadLetter[]>;
  /**
   * Sends the selected letters back for delivery, in order per referral, each with a fresh schedule, and
   * returns them; the others are made visible again at once, untouched.
   */
  redrive(select: (letter: DeadLetter) => boolean): Promise<DeadLetter[]>;
}

export interface DeadLetterDeps {
  deadLetters: DeadLetterQueue;
  referrals: Pick<ReferralStore, 'get'>;
}

/**
 * The referrals, among those the letters are for, that the admin's organisation is a party to (sender or
 * receiver): one read per distinct referral. A referral that no longer exists is nobody's.
 */
async function partyReferrals(
  deps: DeadLetterDeps,
  admin: Principal,
  letters: readonly DeadLetter[],
): Promise<Set<string>> {
  const scope = ownScope(admin);
  const ids = [...new Set(letters.map((l) => l.referralId))];
  const referrals = await Promise.all(ids.map((id) => deps.referrals.get(id)));
  return new Set(ids.filter((_, i) => isReferralParty(scope, referrals[i])));
}

/** The dead letters of referrals the admin's organisation sent or received; those of others stay unseen. */
export async function listDeadLetters(deps: DeadLetterDeps, admin: Principal): Promise<DeadLetter[]> {
  const letters = await deps.deadLetters.list();
  const visible = await partyReferrals(deps, admin, letters);
  return letters.filter((l) => visible.has(l.referralId));
}

/**
 * Sends back for delivery the dead letters of the admin's referrals (of those named, when `referralIds`
 * is given), in order per referral. A named referral the organisation is not a party to is passed over
 * as if it had no dead letter, so the answer tells nothing of other organisations' referrals.
 */
export async function redriveDeadLetters(
  deps: DeadLetterDeps,
  admin: Principal,
  referralIds?: readonly string[],
): Promise<DeadLetter[]> {
  const named = referralIds ? new Set(referralIds) : undefined;
  const candidates = (await deps.deadLetters.list()).filter((l) => !named || named.has(l.referralId));
  const allowed = await partyReferrals(deps, admin, candidates);
  if (allowed.size === 0) return [];
  return deps.deadLetters.redrive((letter) => allowed.has(letter.referralId));
}
