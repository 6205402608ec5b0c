import { RelaisError, notFound } from '../errors/relais-error.ts';
import { indexKeys } from '../matching/blocking.ts';
import { audit } from './audit.ts';
import { syncBlocks } from './blocks.ts';
import type { RegistryDeps } from './deps.ts';
import { splitPersonIdFor } from './ids.ts';
import { relink } from './merge.ts';
import type { RegistryPerson } from './model.ts';
import { markDistinct, memberIds, resolvePerson, updatePerson } from './persons.ts';

export interface SplitInput {
  personId: string;
  /** The records that are another child: they leave for a new person. */
  recordIds: readonly string[];
  by: string;
  byOrganisationId?: string | undefined;
  reason: string;
}

/**
 * Takes records out of a person into a new one, and records that the two groups are different
 * children so that automatic matching never joins them again. Without a transaction: (1) the new
 * person is created holding the records (id derived from the request, so a retry finds it), (2) the
 * old person drops them on the condition of its version, (3) links and blocking entries follow.
 * Between (1) and (2) a record sits in both persons; links already point at the new one.
 */
export async function splitPerson(deps: RegistryDeps, input: SplitInput): Promise<RegistryPerson> {
  const { store } = deps;
  const now = deps.clock.now().toISOString();
  const source = await resolvePerson(store, input.personId);
  if (!source) throw notFound('person-not-found');
  const leaving = source.members.filter((m) => input.recordIds.includes(m.recordId));
  const staying = source.members.filter((m) => !input.recordIds.includes(m.recordId));
  const newId = splitPersonIdFor(source.id, input.recordIds);
  if (leaving.length === 0) {
    const done = await resolvePerson(store, newId);
    if (done) return done;
    throw notFound('person-not-found');
  }
  if (staying.length === 0) {
    throw new RelaisError('validation', 'invalid-document', [
      {
        pointer: '/recordIds',
        code: 'split_everything',
        message: {
          en: 'A split must leave at least one record in the person',
          fr: 'Une séparation doit laisser au moins un enregistrement dans la personne',
        },
      },
    ]);
  }
  const leavingIds = memberIds({ ...source, members: leaving });
  const stayingIds = memberIds({ ...source, members: staying });

  const created: RegistryPerson = {
    id: newId,
    version: 1,
    status: 'active',
    members: markDistinct(leaving, stayingIds).map((m) => ({ ...m, linkedAt: now, linkedBy: input.by })),
    createdAt: now,
    updatedAt: now,
  };
  const person = (await store.putPerson(created, undefined))
    ? created
    : ((await resolvePerson(store, newId)) ?? created);
  await relink(store, leaving, person.id, now);
  const touched = [...new Set(leaving.flatMap((m) => indexKeys(m.subject)))];
  await syncBlocks(store, person, touched);

  const remaining = await updatePerson(
    store,
    source.id,
    (p) => {
      if (!p.members.some((m) => leavingIds.includes(m.recordId))) return undefined;
      return {
        ...p,
        members: markDistinct(
          p.members.filter((m) => !leavingIds.includes(m.recordId)),
          leavingIds,
        ),
      };
    },
    now,
  );
  // Keys only the leaving records carried leave the source's blocks (blocks.ts: whatever else writes).
  await syncBlocks(store, remaining, touched);

  for (const [personId, related] of [
    [source.id, person.id],
    [person.id, source.id],
  ] as const) {
    await audit(store, now, {
      personId,
      action: 'split',
      by: input.by,
      byOrganisationId: input.byOrganisationId,
      reason: input.reason,
      records: leaving,
      relatedPersonId: related,
      key: [newId],
    });
  }
  return person;
}
