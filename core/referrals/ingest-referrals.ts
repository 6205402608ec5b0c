import type { Principal } from '../access/principal.ts';
import { type FieldIssue, prefixIssues } from '../errors/field-issue.ts';
import { RelaisError, invalid } from '../errors/relais-error.ts';
import type { Normaliser } from '../ports.ts';
import { MAX_BATCH } from '../records/ingest-records.ts';
import { checkMapped, sourcePointerFor } from '../records/normalise-record.ts';
import { MappedReferral, type ReferralRequest } from '../../schemas/canonical/referral.ts';
import type { Source } from '../../schemas/canonical/index.ts';
import { type PreparedReferral, type ReferralDeps, commitReferral, prepareReferral } from './refer.ts';

export type IngestedReferral =
  | { id: string; sourceRecordId: string; outcome: 'created' | 'unchanged' }
  /** The payload at `index` matched the mapping's skip condition: accepted, no referral made. */
  | { index: number; outcome: 'skipped' };

/**
 * A source pushes as its organisation's referrer, never as its admin: its credential may make referrals of
 * that organisation, and an override of consent (which needs an admin) is refused from it with 403.
 */
export const referrerOfSource = (source: Pick<Source, 'organisationId'>, principal: Principal): Principal => ({
  organisationId: source.organisationId,
  roles: ['referrals'],
  credential: principal.credential,
});

/** The key that makes a pushed submission one referral however often it is pushed. */
export const referralKeyFor = (sourceId: string, sourceRecordId: string) => `${sourceId}:${sourceRecordId}`;

/**
 * Where a canonical problem lies in the partner's payload: the mapped field at or above it, else the first
 * mapped field below it (a missing consent is the consent question's answer), else the canonical pointer.
 */
function pointAtSource(issues: readonly FieldIssue[], origins: Readonly<Record<string, string>>): FieldIssue[] {
  return issues.map((issue) => {
    const below = Object.keys(origins).find((target) => target.startsWith(issue.pointer + '/'));
    const origin = sourcePointerFor(issue.pointer, origins) ?? (below === undefined ? undefined : origins[below]);
    return origin === undefined ? issue : { ...issue, pointer: origin };
  });
}

interface Mapped {
  readonly index: number;
  readonly sourceRecordId: string;
  readonly input: ReferralRequest;
  readonly origins: Readonly<Record<string, string>>;
}

/**
 * Turns a push from a source whose mapping targets referrals into referrals. The whole batch is mapped and
 * validated against ReferralInput, then every referral is routed and checked against consent, before any
 * is stored: one refusal (422, 409 or 403, pointed at the partner's field and prefixed with the item's
 * index in a batch) stores nothing. The referrals are then stored in order; each is keyed by
 * (source, submission id), so a retry of a batch interrupted by a storage failure finishes it and answers
 * `unchanged` for what was already made.
 */
export async function ingestReferrals(
  deps: ReferralDeps,
  source: Source,
  principal: Principal,
  normaliser: Normaliser,
  body: unknown,
): Promise<IngestedReferral[]> {
  const isBatch = Array.isArray(body);
  const payloads: unknown[] = isBatch ? body : [body];
  if (payloads.length === 0) throw new RelaisError('validation', 'batch-empty');
  if (payloads.length > MAX_BATCH) throw new RelaisError('payload-too-large', 'batch-too-large');
  const at = (index: number, issues: readonly FieldIssue[]) => (isBatch ? prefixIssues(`/${index}`, issues) : issues);

  const mapped: Mapped[] = [];
  const skipped: number[] = [];
  const issues: FieldIssue[] = [];
  const receivedAt = deps.clock.now().toISOString();
  payloads.forEach((payload, index) => {
    const result = normaliser.normalise(payload, { receivedAt });
    const checked = checkMapped(MappedReferral, result);
    if (checked.ok) {
      const { sourceRecordId, unmappedCodes: _kept, ...input } = checked.record;
      mapped.push({ index, sourceRecordId, input, origins: result.ok ? (result.origins ?? {}) : {} });
    } else if (checked.skipped) skipped.push(index);
    else issues.push(...at(index, checked.issues));
  });
  if (issues.length > 0) throw invalid(issues);

  const referrer = referrerOfSource(source, principal);
  const prepared: PreparedReferral[] = [];
  const firstOf = new Map<string, Mapped>();
  for (const item of mapped) {
    // The same submission twice in one batch is one referral, unless the two differ.
    const first = firstOf.get(item.sourceRecordId);
    if (first && JSON.stringify(first.input) !== JSON.stringify(item.input))
      throw invalid(at(item.index, [{ pointer: item.origins['/sourceRecordId'] ?? '', ...DUPLICATE }]));
    firstOf.set(item.sourceRecordId, first ?? item);
    try {
      prepared.push(await prepareReferral(deps, referrer, item.input, referralKeyFor(source.id, item.sourceRecordId)));
    } catch (error) {
      if (!(error instanceof RelaisError)) throw error;
      throw new RelaisError(
        error.kind,
        error.reason,
        at(item.index, pointAtSource(error.issues, item.origins)),
        error.retryAfterSeconds,
        error.members,
      );
    }
  }

  const answers = new Array<IngestedReferral>(payloads.length);
  for (let i = 0; i < mapped.length; i++) {
    const { referral, created } = await commitReferral(deps, prepared[i]!);
    answers[mapped[i]!.index] = {
      id: referral.id,
      sourceRecordId: mapped[i]!.sourceRecordId,
      outcome: created ? 'created' : 'unchanged',
    };
  }
  for (const index of skipped) answers[index] = { index, outcome: 'skipped' };
  return answers;
}

const DUPLICATE = {
  code: 'duplicate-submission',
  message: {
    en: 'The same submission appears twice in the batch with different content',
    fr: 'La même soumission figure deux fois dans le lot avec un contenu différent',
  },
};
