import * as z from 'zod';
import { PersonId } from '../../schemas/api/persons.ts';
import { OrganisationId } from '../../schemas/canonical/index.ts';
import type { Principal } from './principal.ts';

/** What a grant may open: only ever a view made for it, never a record or a person as such. */
export const GrantView = z.enum(['referral-minimised']);
export type GrantView = z.infer<typeof GrantView>;

/**
 * From the moment a referral is requested, the receiving organisation may read the minimised referral
 * view of that child, for that referral. Closing, revoking or rejecting the referral sets `endedAt`;
 * `until` is when it expires of itself. Either ends the grant at that instant.
 */
export const ReferralGrant = z.strictObject({
  kind: z.literal('referral'),
  referralId: z.string().min(1),
  /** The registry person, once the child is matched; the grant is for the referral either way. */
  personId: PersonId.optional(),
  /** The grantee: the organisation the child is referred to. */
  organisationId: OrganisationId,
  view: z.literal('referral-minimised'),
  from: z.iso.datetime(),
  until: z.iso.datetime().optional(),
  endedAt: z.iso.datetime().optional(),
});

export const Grant = z.discriminatedUnion('kind', [ReferralGrant]);
export type Grant = z.infer<typeof Grant>;

/** In force from `from` (inclusive) until the first of `until` and `endedAt` (exclusive). */
export function inForce(grant: Grant, at: Date): boolean {
  const t = at.getTime();
  const notYetPassed = (end: string | undefined) => end === undefined || t < Date.parse(end);
  return Date.parse(grant.from) <= t && notYetPassed(grant.until) && notYetPassed(grant.endedAt);
}

/**
 * What a caller may see at one instant: everything its own organisation owns, plus the grants made to
 * that organisation and in force then. Build one with `ownScope` or `scopeAt`; visibility.ts decides.
 */
export interface Scope {
  readonly organisationId: string;
  readonly grants: readonly Grant[];
}

/** The grants made to an organisation for one subject (a registry person), whatever their state. */
export interface GrantSource {
  grantsFor(organisationId: string, personId: string): Promise<readonly Grant[]>;
}

/** No capability grants anything yet (referrals will): the composition root uses this one today. */
export const noGrants: GrantSource = { grantsFor: async () => [] };

export const ownScope = (principal: Pick<Principal, 'organisationId'>): Scope => ({
  organisationId: principal.organisationId,
  grants: [],
});

/** The scope at `at`: grants made to other organisations, or not in force then, are dropped. */
export async function scopeAt(
  principal: Pick<Principal, 'organisationId'>,
  grants: GrantSource,
  personId: string,
  at: Date,
): Promise<Scope> {
  const found = await grants.grantsFor(principal.organisationId, personId);
  return {
    organisationId: principal.organisationId,
    grants: found.filter((g) => g.organisationId === principal.organisationId && inForce(g, at)),
  };
}
