import { indexKeys } from '../matching/blocking.ts';
import { audit } from './audit.ts';
import { syncBlocks } from './blocks.ts';
import type { RegistryMember, RegistryPerson } from './model.ts';
import type { RegistryStore } from './ports.ts';
import { clearDistinct, memberIds, resolvePerson, updatePerson } from './persons.ts';

export interface MergeInput {
  /** The two persons to join, in either order: the smaller id survives. */
  personIds: readonly [string, string];
  by: string;
  byOrganisationId?: string | undefined;
  reason: string;
  /** A person decided they are the same child: "different" marks between the two are lifted. */
  override?: boolean;
}

/**
 * Joins two persons without a transaction: (1) the survivor gains the loser's members, (2) the loser is
 * marked merged, on the condition that it did not change since (1) read it (else both steps run again,
 * so a record linked to the loser meanwhile is never lost), (3) links and blocking entries follow. Every
 * step is idempotent, so a crash anywhere is repaired by running the merge again, and readers follow
 * `mergedInto` in between.
 *
 * The survivor is always the smaller of the two ids as they stand when the merge runs (after following
 * earlier merges), so every `mergedInto` points to a smaller id and no chain can close into a cycle,
 * however merges interleave. Choosing by the ids the caller named is not enough: one of them may have
 * been merged meanwhile into a person with a smaller id than the other.
 */
export async function mergeInto(
  store: RegistryStore,
  now: string,
  input: MergeInput,
): Promise<RegistryPerson | undefined> {
  for (;;) {
    const [a, b] = [await resolvePerson(store, input.personIds[0]), await resolvePerson(store, input.personIds[1])];
    if (!a || !b || a.id === b.id) return a ?? b;
    const [survivorNow, loser] = a.id < b.id ? [a, b] : [b, a];
    const moved = loser.members;
    const movedIds = memberIds(loser);
    const survivor = await updatePerson(
      store,
      survivorNow.id,
      (p) => {
        const present = new Set(memberIds(p));
        const incoming = moved.filter((m) => !present.has(m.recordId));
        if (incoming.length === 0 && !input.override) return undefined;
        const members = [...p.members, ...incoming];
        return { ...p, members: input.override ? lift(members, movedIds, memberIds(p)) : members };
      },
      now,
    );
    const marked = {
      ...loser,
      status: 'merged' as const,
      mergedInto: survivor.id,
      version: loser.version + 1,
      updatedAt: now,
    };
    if (!(await store.putPerson(marked, loser.version))) continue;
    await relink(store, moved, survivor.id, now);
    const keys = [...new Set(moved.flatMap((m) => indexKeys(m.subject)))];
    await syncBlocks(store, survivor, keys);
    await syncBlocks(store, marked, keys);
    await audit(store, now, {
      personId: survivor.id,
      action: 'merge',
      by: input.by,
      byOrganisationId: input.byOrganisationId,
      reason: input.reason,
      records: moved,
      relatedPersonId: loser.id,
      key: [loser.id, loser.version],
    });
    return survivor;
  }
}

function lift(members: RegistryMember[], a: readonly string[], b: readonly string[]): RegistryMember[] {
  const inA = new Set(a);
  return members.map((m) => (inA.has(m.recordId) ? clearDistinct([m], b)[0]! : clearDistinct([m], a)[0]!));
}

/** Points each moved record's link at the person that now holds it (idempotent). */
export async function relink(
  store: RegistryStore,
  members: readonly RegistryMember[],
  personId: string,
  now: string,
): Promise<void> {
  for (const member of members) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const link = await store.getLink(member.recordId);
      const next = { recordId: member.recordId, personId, subjectHash: member.subjectHash, updatedAt: now };
      if (!link) {
        if (await store.putLink({ ...next, version: 1 })) break;
        continue;
      }
      if (link.personId === personId) break;
      if (await store.putLink({ ...next, subjectHash: link.subjectHash, version: link.version + 1 }, link.version))
        break;
    }
  }
}
