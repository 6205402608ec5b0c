import type { ChangeSubject } from '../changes/ports.ts';
import type { Scope } from './scope.ts';
import { canSee } from './visibility.ts';

/**
 * Change feed entries in the access policy. A record's change (its storing, or its person's link, merge or
 * split) is seen by the organisation holding the record; a referral's change by either of its two parties,
 * as its tracking is (core/access/referrals.ts). A grant opens no feed: it opens a view, to read, not the
 * stream of another organisation's changes.
 */
export function canSeeChange(scope: Scope, subject: ChangeSubject): boolean {
  if (subject.kind === 'record') {
    return canSee(scope, { kind: 'record', ownerOrganisationId: subject.organisationId }, 'manage');
  }
  return [subject.referringOrganisationId, subject.receivingOrganisationId].some((organisationId) =>
    canSee(scope, { kind: 'referral', ownerOrganisationId: organisationId }, 'manage'),
  );
}
