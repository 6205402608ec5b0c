import { RelaisError, type ProblemReason } from '../errors/relais-error.ts';
import type { GrantView, Scope } from './scope.ts';

/**
 * The one answer to "may this caller see this?". A resource is described by the organisation that owns
 * it; a caller sees what its own organisation owns, and a grant in force opens its own view of its own
 * subject, to read, and nothing else. Anything hidden answers like a missing thing (its kind's 404), so
 * a refusal never tells that another organisation holds it.
 */

/** Each kind's 404. A referral view that is hidden is a child the caller cannot see. */
const NOT_FOUND = {
  record: 'record-not-found',
  source: 'source-not-found',
  key: 'key-not-found',
  person: 'person-not-found',
  review: 'review-not-found',
  referral: 'referral-not-found',
  service: 'service-not-found',
  'referral-minimised': 'person-not-found',
} as const satisfies Record<string, ProblemReason> & Record<GrantView, ProblemReason>;

/** Things that have a 404 of their own, and `decision`: who decided something and why. */
export type FindableKind = keyof typeof NOT_FOUND;
export type ResourceKind = FindableKind | 'decision';

/** Reading is all a grant allows; pushing into, administering or deciding needs ownership. */
export type Purpose = 'read' | 'manage';

export interface Resource {
  kind: ResourceKind;
  /** Undefined when nobody is known to own it (older items): then only a grant could open it. */
  ownerOrganisationId: string | undefined;
  /** The registry person it is about, for the views a grant may open. */
  personId?: string | undefined;
  /** The referral a referral view belongs to. */
  referralId?: string | undefined;
}

export function canSee(scope: Scope, resource: Resource, purpose: Purpose = 'read'): boolean {
  if (resource.ownerOrganisationId !== undefined && resource.ownerOrganisationId === scope.organisationId) {
    return true;
  }
  if (purpose !== 'read') return false;
  return scope.grants.some(
    (grant) =>
      grant.organisationId === scope.organisationId &&
      grant.view === resource.kind &&
      grant.personId === resource.personId &&
      grant.referralId === resource.referralId,
  );
}

/** The kind's 404, for what the caller may not see or what does not exist: the two read alike. */
export const hidden = (kind: FindableKind) => new RelaisError('not-found', NOT_FOUND[kind]);

/** The thing found, if the scope may see it; otherwise (or if nothing was found) the kind's 404. */
export function requireVisible<T extends { organisationId: string }>(
  scope: Scope,
  kind: FindableKind,
  found: T | undefined,
  purpose: Purpose = 'read',
): T {
  if (!found || !canSee(scope, { kind, ownerOrganisationId: found.organisationId }, purpose)) throw hidden(kind);
  return found;
}

/** The records of a registry person the scope may see: those its organisation holds. */
export function visibleMembers<M extends { organisationId: string }>(
  scope: Scope,
  person: { id: string; members: readonly M[] },
  purpose: Purpose = 'read',
): M[] {
  return person.members.filter((m) =>
    canSee(scope, { kind: 'record', ownerOrganisationId: m.organisationId, personId: person.id }, purpose),
  );
}

/** A registry person is reachable only through a record the scope may see; otherwise person-not-found. */
export function requireVisiblePerson<P extends { id: string; members: readonly { organisationId: string }[] }>(
  scope: Scope,
  person: P | undefined,
  purpose: Purpose = 'read',
): P {
  if (!person || visibleMembers(scope, person, purpose).length === 0) throw hidden('person');
  return person;
}

/** Whether the scope's own organisation is this one: for rules about one's own things (no self-referral). */
export const isOwnOrganisation = (scope: Scope, organisationId: string): boolean =>
  canSee(scope, { kind: 'referral', ownerOrganisationId: organisationId }, 'manage');
