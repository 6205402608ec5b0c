import { RelaisError } from '../errors/relais-error.ts';
import type { FieldIssue } from '../errors/field-issue.ts';
import type { ReferralStatus, StatusChange, StatusEntry } from '../../schemas/canonical/referral.ts';

/**
 * The referral lifecycle: which status may follow which, and which side may make each move. It says no
 * (409) to an illegal, repeated or out-of-turn change instead of ignoring it, so both organisations
 * always agree on where a referral stands.
 */

export type Side = StatusEntry['side'];

/** Statuses that end a referral and its grant: nothing follows them. */
export const FINAL_STATUSES: ReadonlySet<ReferralStatus> = new Set(['rejected', 'cancelled', 'completed', 'failed']);

/** Statuses after which the receiving organisation no longer reads the child's view. */
export const isClosed = (status: ReferralStatus): boolean => FINAL_STATUSES.has(status);

/**
 * Allowed moves and who makes them. The receiver accepts, rejects, starts, holds, completes and fails;
 * either side cancels. `on-hold → cancelled` is allowed (a choice: a held referral must be endable when
 * consent is revoked or the need disappears), `on-hold → completed` is not (resume first).
 */
const TRANSITIONS: Readonly<Record<ReferralStatus, Partial<Record<ReferralStatus, readonly Side[]>>>> = {
  requested: { accepted: ['receiving'], rejected: ['receiving'], cancelled: ['referring', 'receiving'] },
  accepted: {
    'in-progress': ['receiving'],
    'on-hold': ['receiving'],
    completed: ['receiving'],
    failed: ['receiving'],
    cancelled: ['referring', 'receiving'],
  },
  'in-progress': {
    'on-hold': ['receiving'],
    completed: ['receiving'],
    failed: ['receiving'],
    cancelled: ['referring', 'receiving'],
  },
  'on-hold': { 'in-progress': ['receiving'], cancelled: ['referring', 'receiving'] },
  rejected: {},
  cancelled: {},
  completed: {},
  failed: {},
};

/** Statuses that must say why, with a reason code. */
const NEEDS_REASON: ReadonlySet<ReferralStatus> = new Set(['rejected', 'cancelled', 'on-hold', 'failed']);

/** Whether a change to this status must give a reason code (and only those may). */
export const needsReason = (status: ReferralStatus): boolean => NEEDS_REASON.has(status);

/** The statuses that may follow `from`, for this side. */
export function nextStatuses(from: ReferralStatus, side: Side): ReferralStatus[] {
  return (Object.entries(TRANSITIONS[from]) as Array<[ReferralStatus, readonly Side[]]>)
    .filter(([, sides]) => sides.includes(side))
    .map(([to]) => to);
}

export interface Actor {
  side: Side;
  organisationId: string;
}

const issue = (pointer: string, en: string, fr: string): FieldIssue => ({
  pointer,
  code: 'custom',
  message: { en, fr },
});

function checkDetails(change: StatusChange): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (NEEDS_REASON.has(change.status) && change.reasonCode === undefined) {
    issues.push(
      issue(
        '/reasonCode',
        `A reason code is required for ${change.status}`,
        `Un code motif est requis pour ${change.status}`,
      ),
    );
  }
  if (!NEEDS_REASON.has(change.status) && change.reasonCode !== undefined) {
    issues.push(
      issue(
        '/reasonCode',
        `No reason code is taken for ${change.status}`,
        `Aucun code motif n'est attendu pour ${change.status}`,
      ),
    );
  }
  if (change.status === 'completed' && change.feedback === undefined) {
    issues.push(
      issue('/feedback', 'Completing a referral needs feedback', 'Clore une référence demande un retour (feedback)'),
    );
  }
  if (change.status !== 'completed' && change.feedback !== undefined) {
    issues.push(issue('/feedback', 'Feedback is given when completing', 'Le retour (feedback) se donne à la clôture'));
  }
  return issues;
}

/**
 * Applies one change to a referral at `version`, or refuses it. A closed referral, a move the table does
 * not have (including to the same status) and a move of the other side are 409s; missing or unexpected
 * details are 422s naming the field. Returns the new status entry, one version up.
 */
export function applyStatusChange(
  state: { status: ReferralStatus; version: number },
  change: StatusChange,
  actor: Actor,
  at: Date,
): StatusEntry {
  if (isClosed(state.status)) throw new RelaisError('conflict', 'referral-closed');
  const sides = TRANSITIONS[state.status][change.status];
  if (!sides) throw new RelaisError('conflict', 'referral-transition-not-allowed');
  if (!sides.includes(actor.side)) throw new RelaisError('conflict', 'referral-transition-not-yours');
  const issues = checkDetails(change);
  if (issues.length > 0) throw new RelaisError('validation', 'invalid-document', issues);
  return {
    version: state.version + 1,
    status: change.status,
    at: at.toISOString(),
    byOrganisationId: actor.organisationId,
    side: actor.side,
    ...(change.reasonCode ? { reasonCode: change.reasonCode } : {}),
    ...(change.note ? { note: change.note } : {}),
    ...(change.feedback ? { feedback: change.feedback } : {}),
  };
}
