import { RelaisError, notFound } from '../errors/relais-error.ts';
import type { RegistryDeps } from './deps.ts';
import { mergeInto } from './merge.ts';
import type { RegistryPerson } from './model.ts';
import { resolvePerson } from './persons.ts';
import type { AuditPage, AuditQuery } from './ports.ts';

export interface PersonWithHistory {
  person: RegistryPerson;
  /** One page of the link, unlink and review decisions about this person, oldest first. */
  history: AuditPage;
}

/**
 * A person as it stands now (a merged id answers with the survivor). The caller filters the members
 * to the records the requesting organisation may see.
 */
export async function getPerson(
  deps: RegistryDeps,
  id: string,
  page: AuditQuery = { limit: 100 },
): Promise<PersonWithHistory | undefined> {
  const person = await resolvePerson(deps.store, id);
  if (!person) return undefined;
  return { person, history: await deps.store.listAudit(person.id, page) };
}

/**
 * An administrator's merge: `sourceId` and `targetId` become one person, whatever the matcher thought,
 * and "different" marks between them are lifted (the admin decided they are one child). The smaller id
 * survives, as in every merge; the other keeps answering, as the survivor.
 */
export async function mergePersons(
  deps: RegistryDeps,
  input: { targetId: string; sourceId: string; by: string; byOrganisationId?: string; reason: string },
): Promise<RegistryPerson> {
  const now = deps.clock.now().toISOString();
  const [target, source] = [
    await resolvePerson(deps.store, input.targetId),
    await resolvePerson(deps.store, input.sourceId),
  ];
  if (!target || !source) throw notFound('person-not-found');
  // Also when one was merged into the other earlier: there is nothing left to merge.
  if (target.id === source.id) throw new RelaisError('conflict', 'merge-same-person');
  const merged = await mergeInto(deps.store, now, {
    personIds: [target.id, source.id],
    by: input.by,
    byOrganisationId: input.byOrganisationId,
    reason: input.reason,
    override: true,
  });
  if (!merged) throw notFound('person-not-found');
  return merged;
}

export { splitPerson } from './split.ts';
