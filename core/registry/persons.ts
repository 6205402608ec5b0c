import { RelaisError, notFound } from '../errors/relais-error.ts';
import type { RegistryMember, RegistryPerson } from './model.ts';
import type { RegistryStore } from './ports.ts';

/** Optimistic writes retry on conflict; past this many, contention means something is wrong. */
const MAX_ATTEMPTS = 50;
/** Merge chains are short; a longer one would be a cycle. */
const MAX_HOPS = 20;

/** The person as it stands now: merged persons are followed to the one that absorbed them. */
export async function resolvePerson(store: RegistryStore, id: string): Promise<RegistryPerson | undefined> {
  let person = await store.getPerson(id);
  for (let hops = 0; person?.status === 'merged' && person.mergedInto && hops < MAX_HOPS; hops++) {
    person = await store.getPerson(person.mergedInto);
  }
  return person;
}

/**
 * Several persons as they stand now, by the id asked for: one batch read per hop of merge chains instead
 * of a read per person.
 */
export async function resolvePersons(
  store: RegistryStore,
  ids: readonly string[],
): Promise<Map<string, RegistryPerson>> {
  const resolved = new Map<string, RegistryPerson>();
  // For each id asked for, the id its chain has reached.
  let pending = new Map([...new Set(ids)].map((id) => [id, id]));
  for (let hops = 0; pending.size > 0 && hops <= MAX_HOPS; hops++) {
    const found = new Map((await store.getPersons([...new Set(pending.values())])).map((p) => [p.id, p]));
    const next = new Map<string, string>();
    for (const [asked, at] of pending) {
      const person = found.get(at);
      if (!person) continue;
      if (person.status === 'merged' && person.mergedInto && hops < MAX_HOPS) next.set(asked, person.mergedInto);
      else resolved.set(asked, person);
    }
    pending = next;
  }
  return resolved;
}

/**
 * Read, change, write-if-unchanged, retried until it sticks: the only way the registry writes a person.
 * `change` returns undefined when there is nothing to do (which makes every step idempotent).
 */
export async function updatePerson(
  store: RegistryStore,
  id: string,
  change: (person: RegistryPerson) => RegistryPerson | undefined,
  now: string,
  /** The person as just read, if the caller has it: saves a read when nobody wrote since. */
  known?: RegistryPerson,
): Promise<RegistryPerson> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current =
      attempt === 0 && known?.id === id && known.status === 'active' ? known : await resolvePerson(store, id);
    if (!current) throw notFound('person-not-found');
    const next = change(current);
    if (!next) return current;
    const written = { ...next, version: current.version + 1, updatedAt: now };
    if (await store.putPerson(written, current.version)) return written;
  }
  // Retryable by the caller (503 + Retry-After): writes so far are idempotent.
  throw new RelaisError('unavailable', 'storage-unavailable', [], 1);
}

export const memberIds = (person: RegistryPerson): string[] => person.members.map((m) => m.recordId);

/** True when a person has said that some record of one is not the same child as some record of the other. */
export function declaredDifferent(a: readonly RegistryMember[], b: readonly RegistryMember[]): boolean {
  const inB = new Set(b.map((m) => m.recordId));
  const inA = new Set(a.map((m) => m.recordId));
  return a.some((m) => m.distinctFrom.some((r) => inB.has(r))) || b.some((m) => m.distinctFrom.some((r) => inA.has(r)));
}

/** Marks every record of `a` as a different child from every record of `b`, and the reverse. */
export function markDistinct(members: readonly RegistryMember[], others: readonly string[]): RegistryMember[] {
  return members.map((m) => ({ ...m, distinctFrom: [...new Set([...m.distinctFrom, ...others])].sort() }));
}

/** Removes "different" marks between two sets of records (a person decided they are the same child). */
export function clearDistinct(members: readonly RegistryMember[], others: readonly string[]): RegistryMember[] {
  const drop = new Set(others);
  return members.map((m) => ({ ...m, distinctFrom: m.distinctFrom.filter((r) => !drop.has(r)) }));
}
