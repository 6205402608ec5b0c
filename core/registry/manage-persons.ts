import { notFound } from '../errors/relais-error.ts';
import type { RegistryDeps } from './deps.ts';
import { mergeInto } from './merge.ts';
import type { AuditEvent, RegistryPerson } from './model.ts';
import { resolvePerson } from './persons.ts';

export interface PersonView {
  person: RegistryPerson;
  /** Every link, unlink and review decision about this person, oldest first. */
  audit: AuditEvent[];
}

/**
 * A person as it stands now (a merged id answers with the survivor). The caller filters the members
 * to the records the requesting organisation may see.
 */
export async function getPerson(deps: RegistryDeps, id: string): Promise<PersonView | undefined> {
  const person = await resolvePerson(deps.store, id);
  if (!person) return undefined;
  // A stable sort: events of one instant keep the order the store gave them.
  const audit = (await deps.store.listAudit(person.id)).sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1));
  return { person, audit };
}

/**
 * An administrator's merge: `sourceId` joins `targetId`, whatever the matcher thought, and "different"
 * marks between them are lifted (the admin decided they are one child).
 */
export async function mergePersons(
  deps: RegistryDeps,
  input: { targetId: string; sourceId: string; by: string; reason: string },
): Promise<RegistryPerson> {
  const now = deps.clock.now().toISOString();
  const merged = await mergeInto(deps.store, now, {
    survivorId: input.targetId,
    loserId: input.sourceId,
    by: input.by,
    reason: input.reason,
    override: true,
  });
  if (!merged) throw notFound('person-not-found');
  return merged;
}

export { splitPerson } from './split.ts';
