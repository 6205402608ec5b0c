import type { FieldExplanation } from '../../schemas/api/persons.ts';
import type { Person } from '../../schemas/canonical/person.ts';
import type { Guard, Outcome } from '../matching/decide.ts';
import { matchSubject } from '../matching/subject.ts';
import { gather } from './candidates.ts';
import type { RegistryDeps } from './deps.ts';
import type { RegistryMember } from './model.ts';

export interface Candidate {
  personId: string;
  /** What matching this person would do: link, review, or nothing (`new`). */
  outcome: Outcome;
  guard?: Guard;
  score: number;
  similarity: number;
  /** The closest record of the person and the per-field explanation against it. */
  closestRecordId: string;
  fields: FieldExplanation[];
  /** Who holds the closest record: the caller may only be shown its own organisation's records. */
  closestOrganisationId: RegistryMember['organisationId'];
  /** Every organisation holding a record of the person. */
  organisationIds: Array<RegistryMember['organisationId']>;
}

/**
 * Scores the persons a search profile would be compared with (POST /v1/persons/match): best first,
 * with explanations. Reads only; nothing is stored.
 */
export async function findCandidates(
  deps: RegistryDeps,
  person: Person,
  options: { limit?: number; minScore?: number } = {},
): Promise<Candidate[]> {
  const subject = matchSubject(person, { recordId: '', organisationId: '' });
  const { evaluations } = await gather(deps, subject);
  const minScore = options.minScore ?? Number.NEGATIVE_INFINITY;
  return evaluations
    .map((e) => {
      const { member, decision } = e.closest;
      const candidate: Candidate = {
        personId: e.person.id,
        outcome: e.linkable ? 'link' : decision.outcome === 'link' ? 'review' : decision.outcome,
        score: decision.comparison.score,
        similarity: decision.comparison.similarity,
        closestRecordId: member.recordId,
        closestOrganisationId: member.organisationId,
        organisationIds: [...new Set(e.person.members.map((m) => m.organisationId))].sort(),
        fields: decision.comparison.fields,
      };
      if (decision.guard) candidate.guard = decision.guard;
      return candidate;
    })
    .filter((c) => c.score >= minScore)
    .sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1))
    .slice(0, options.limit ?? 10);
}
