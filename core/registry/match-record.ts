import type { CanonicalRecord } from '../../schemas/canonical/record.ts';
import { indexKeys } from '../matching/blocking.ts';
import { type Comparison, compareSubjects } from '../matching/compare.ts';
import { decide } from '../matching/decide.ts';
import { DEFAULT_PROFILE } from '../matching/profiles.ts';
import { type MatchSubject, matchSubject } from '../matching/subject.ts';
import { contentHash } from '../records/content-hash.ts';
import { audit } from './audit.ts';
import { fileTouched, syncBlocks } from './blocks.ts';
import { type CandidateEvaluation, type ComparisonMemo, gather } from './candidates.ts';
import { MATCHER, type RegistryDeps } from './deps.ts';
import { personIdFor, reviewIdFor } from './ids.ts';
import { mergeInto } from './merge.ts';
import type { RegistryMember, RegistryPerson } from './model.ts';
import { declaredDifferent, resolvePerson, updatePerson } from './persons.ts';

/** What matching needs of a stored CanonicalRecord (any CanonicalRecord is one). */
export type RegistryInput = Pick<CanonicalRecord, 'id' | 'organisationId' | 'person'>;

export interface MatchResult {
  personId: string;
  outcome: 'created' | 'linked' | 'updated' | 'unchanged';
  /** Review items opened for this record. */
  reviewIds: string[];
  /** The comparison with the person it was linked to, when it was linked. */
  comparison?: Comparison;
  /** Member comparisons made, for the benchmark. */
  compared: number;
  /** The records it was compared with (blocking let them through), for the benchmark. */
  comparedRecordIds: string[];
  /**
   * The other persons this match may have merged into `personId` (the record bridged them): what depends
   * on persons (the statistics projection) looks at them again. Absent when there were none.
   */
  joined?: string[];
}

/** At most this many review items per record: beyond, a reviewer gains nothing. */
const MAX_REVIEWS = 3;

/**
 * Puts one stored record into the registry: called by ingestion for every CanonicalRecord it stores.
 * Re-running it for the same content is a no-op; new content of a linked record updates what the
 * matcher knows of it but never moves it (links and "different" decisions made by people stay).
 *
 * Concurrency without transactions, argued on DynamoDB's consistency model:
 * - every write is a conditional single-item write (the person, the link, a review) or an idempotent set
 *   addition or removal (a block), and every read the argument uses is strongly consistent: GetItem and
 *   BatchGetItem with ConsistentRead, blocks included, which live in the base table. No step rests on a
 *   GSI read, which may lag behind writes;
 * - blocks follow the person they were filed for (blocks.ts): a person changed by someone else between
 *   this record's person write and its second lookup has its blocks filed again as it now stands;
 * - after its own writes (person, then blocks) the record looks at its blocking keys again. Take two
 *   records A and B of one child matched at once, and say A's block writes completed first. B's second
 *   lookup starts after B's own block writes completed, hence after A's, so it sees A's person in the
 *   blocks they share; B compares, finds it linkable and joins the two persons;
 * - joins always merge into the smaller id as the persons stand when the merge runs (merge.ts), so the
 *   joins of both sides agree, and the merge's conditional writes keep any record linked meanwhile.
 * What this does not cover is blocking's own recall: two records sharing only stop keys never meet.
 * The property test runs it with a store whose GSI reads lag (test/property/registry).
 */
export async function matchRecord(deps: RegistryDeps, record: RegistryInput): Promise<MatchResult> {
  const { store } = deps;
  const now = deps.clock.now().toISOString();
  const subject = matchSubject(record.person, { recordId: record.id, organisationId: record.organisationId });
  const subjectHash = contentHash(subject);

  const link = await store.getLink(record.id);
  if (link) return refresh(deps, subject, subjectHash, link.personId, now);

  const memo: ComparisonMemo = new Map();
  const first = await gather(deps, subject, memo);
  const holding = first.evaluations.find((e) => e.person.members.some((m) => m.recordId === record.id));
  const member: RegistryMember = {
    recordId: record.id,
    organisationId: record.organisationId,
    subject,
    subjectHash,
    linkedAt: now,
    linkedBy: MATCHER,
    distinctFrom: [],
  };

  const linkable = first.evaluations.filter((e) => e.linkable);
  let person: RegistryPerson;
  let outcome: MatchResult['outcome'];
  let comparison: Comparison | undefined;
  if (holding) {
    // An earlier run stopped after writing the person: finish its work.
    person = holding.person;
    outcome = 'linked';
  } else if (linkable.length > 0) {
    const target = linkable[0]!;
    comparison = target.closest.decision.comparison;
    person = await updatePerson(
      store,
      target.person.id,
      (p) => (p.members.some((m) => m.recordId === record.id) ? undefined : { ...p, members: [...p.members, member] }),
      now,
      target.person,
    );
    outcome = 'linked';
  } else {
    person = await createPerson(deps, member, now);
    outcome = 'created';
  }
  // Only blocks that do not list the person yet: every index key was among the first lookup's keys.
  const keys = indexKeys(subject);
  await fileTouched(store, person, keys, first.filed(person.id));
  await audit(store, now, {
    personId: person.id,
    action: outcome === 'created' ? 'create' : 'link',
    by: MATCHER,
    reason: outcome === 'created' ? 'no-candidate-above-link-threshold' : 'score-above-link-threshold',
    records: [{ recordId: record.id, organisationId: record.organisationId }],
    ...(comparison ? { comparison } : {}),
    key: [record.id],
  });

  // Persons that also qualify (the record bridges them) and persons written meanwhile by a concurrent
  // ingestion of the same child join the smallest id: clusters are connected components of links.
  const second = await gather(deps, subject, memo, person.id);
  // The second lookup is the read after filing that blocks.ts asks for: if the person moved meanwhile
  // (merged, split, another record's content changed), its blocks are brought in line with what it is now.
  if (second.self && second.self.version !== person.version) await syncBlocks(store, second.self, keys);
  const { survivor: joined, joined: others } = await joinLinkable(
    deps,
    person.id,
    [...linkable, ...second.evaluations.filter((e) => e.linkable)],
    now,
  );
  const reviewIds = await openReviews(
    deps,
    record,
    joined,
    second.evaluations.filter((e) => e.reviewable),
    now,
  );
  // The link comes last: a run stopped before it is re-run whole (the record is found `holding` in its
  // person), so the blocks, the joins and the reviews above are never left half done. A merge that moved
  // the person meanwhile has already written the link (relink), and then this write is refused.
  await store.putLink({ recordId: record.id, personId: joined, subjectHash, version: 1, updatedAt: now });
  const comparedRecordIds = [...new Set([...first.comparedRecordIds, ...second.comparedRecordIds])].filter(
    (id) => id !== record.id,
  );
  const touched = [...new Set([person.id, ...others])].filter((id) => id !== joined);
  return {
    personId: joined,
    outcome,
    reviewIds,
    ...(touched.length ? { joined: touched } : {}),
    ...(comparison ? { comparison } : {}),
    compared: first.compared + second.compared,
    comparedRecordIds,
  };
}

async function createPerson(deps: RegistryDeps, member: RegistryMember, now: string): Promise<RegistryPerson> {
  const person: RegistryPerson = {
    id: personIdFor(member.recordId),
    version: 1,
    status: 'active',
    members: [member],
    createdAt: now,
    updatedAt: now,
  };
  if (await deps.store.putPerson(person, undefined)) return person;
  return (await resolvePerson(deps.store, person.id)) ?? person;
}

async function joinLinkable(
  deps: RegistryDeps,
  personId: string,
  linkable: CandidateEvaluation[],
  now: string,
): Promise<{ survivor: string; joined: string[] }> {
  const others = new Set(linkable.map((e) => e.person.id).filter((id) => id !== personId));
  if (others.size === 0) return { survivor: personId, joined: [] };
  const ids = [personId, ...others].sort();
  let survivor = personId;
  for (const id of ids) {
    const current = await resolvePerson(deps.store, id);
    const mine = await resolvePerson(deps.store, survivor);
    if (!current || !mine || current.id === mine.id) continue;
    if (declaredDifferent(current.members, mine.members) || looksLikeSiblings(deps, current, mine)) continue;
    const merged = await mergeInto(deps.store, now, {
      personIds: [current.id, mine.id],
      by: MATCHER,
      reason: 'record-links-both-persons',
    });
    survivor = merged?.id ?? (current.id < mine.id ? current.id : mine.id);
  }
  return { survivor: (await resolvePerson(deps.store, survivor))?.id ?? survivor, joined: [...others] };
}

async function openReviews(
  deps: RegistryDeps,
  record: RegistryInput,
  personId: string,
  reviewable: CandidateEvaluation[],
  now: string,
): Promise<string[]> {
  const recordId = record.id;
  const ids: string[] = [];
  const ranked = [...reviewable].sort(
    (a, b) => b.closest.decision.comparison.score - a.closest.decision.comparison.score,
  );
  for (const candidate of ranked) {
    if (ids.length >= MAX_REVIEWS) break;
    const current = await resolvePerson(deps.store, candidate.person.id);
    if (!current || current.id === personId) continue;
    const { member, decision } = candidate.closest;
    const id = reviewIdFor(personId, current.id);
    const created = await deps.store.putReview({
      id,
      status: 'open',
      recordId,
      personId,
      candidatePersonId: current.id,
      candidateRecordId: member.recordId,
      score: decision.comparison.score,
      fields: decision.comparison.fields,
      ...(decision.guard ? { guard: decision.guard } : {}),
      createdAt: now,
      version: 1,
    });
    if (created) {
      await audit(deps.store, now, {
        personId,
        action: 'review-opened',
        by: MATCHER,
        reason: decision.guard ?? 'score-in-review-band',
        records: [
          { recordId, organisationId: record.organisationId },
          { recordId: member.recordId, organisationId: member.organisationId },
        ],
        relatedPersonId: current.id,
        comparison: decision.comparison,
        key: [id],
      });
    }
    ids.push(id);
  }
  return ids;
}

/** A record already in the registry: only what the matcher knows of it changes, never where it is. */
async function refresh(
  deps: RegistryDeps,
  subject: MatchSubject,
  subjectHash: string,
  personId: string,
  now: string,
): Promise<MatchResult> {
  const { store } = deps;
  const person = await resolvePerson(store, personId);
  const current = person?.members.find((m) => m.recordId === subject.recordId);
  if (!person || !current || current.subjectHash === subjectHash)
    return {
      personId: person?.id ?? personId,
      outcome: 'unchanged',
      reviewIds: [],
      compared: 0,
      comparedRecordIds: [],
    };
  const updated = await updatePerson(
    store,
    person.id,
    (p) => {
      const index = p.members.findIndex((m) => m.recordId === subject.recordId);
      if (index < 0 || p.members[index]!.subjectHash === subjectHash) return undefined;
      const members = [...p.members];
      members[index] = { ...members[index]!, subject, subjectHash };
      return { ...p, members };
    },
    now,
  );
  // Keys only the old content had leave the blocks, so that block sizes stay the count of bearers.
  await syncBlocks(store, updated, [...indexKeys(subject), ...indexKeys(current.subject)]);
  const link = await store.getLink(subject.recordId);
  if (link && link.subjectHash !== subjectHash)
    await store.putLink({ ...link, subjectHash, version: link.version + 1, updatedAt: now }, link.version);
  await audit(store, now, {
    personId: updated.id,
    action: 'update',
    by: MATCHER,
    reason: 'record-content-changed',
    records: [{ recordId: subject.recordId, organisationId: subject.organisationId }],
    key: [subject.recordId, subjectHash],
  });
  return { personId: updated.id, outcome: 'updated', reviewIds: [], compared: 0, comparedRecordIds: [] };
}

/**
 * A record that links to two persons joins them only if no record of one looks like a sibling of a
 * record of the other: an ambiguous record (an age and a family name) must not bridge two children.
 */
function looksLikeSiblings(deps: RegistryDeps, a: RegistryPerson, b: RegistryPerson): boolean {
  const profile = deps.profile ?? DEFAULT_PROFILE;
  return a.members.some((x) =>
    b.members.some((y) => {
      const { guard } = decide(
        compareSubjects(x.subject, y.subject, { probabilities: profile.probabilities }),
        profile,
      );
      return guard !== undefined && guard !== 'declared-different';
    }),
  );
}
