import { indexKeys } from '../matching/blocking.ts';
import type { RegistryPerson } from './model.ts';
import type { RegistryStore } from './ports.ts';

/**
 * Keeps a person's blocks equal to its records' keys, whatever else writes at once. Blocks are the
 * registry's frequency table (a block's size is how many persons bear a name), so they must list exactly
 * the active persons whose records carry each key.
 *
 * Adding to a block and removing from it are single idempotent writes, but "remove the keys this person no
 * longer uses" races with a writer that has just given the person a record carrying one of them (a merge
 * moving a sibling in while a content change drops the key). The rule that closes the race: every writer
 * that changes a person's records writes the person first, then files the keys it touched as the person
 * it wrote says, then reads the person again (strongly consistent) and starts over from what it reads if
 * the version moved. Why that is enough, for one key k of person P: take the last block write for k.
 * Its writer read version V before writing and V again after, so no person write fell between; any later
 * person write that changes whether P uses k touches k, and its writer files k after that person write,
 * hence after this one: a later block write for k, a contradiction. So the last write matches the final
 * person. Writers only loop while the person keeps changing, so they finish.
 */

/** One pass: files or unfiles `touched` as `person` says; `alreadyFiled` keys are known to list it. */
export async function fileTouched(
  store: RegistryStore,
  person: RegistryPerson,
  touched: readonly string[],
  alreadyFiled: ReadonlySet<string> = new Set(),
): Promise<void> {
  const used = person.status === 'active' ? new Set(person.members.flatMap((m) => indexKeys(m.subject))) : new Set();
  const keys = [...new Set(touched)];
  const file = keys.filter((key) => used.has(key) && !alreadyFiled.has(key));
  const unfile = keys.filter((key) => !used.has(key));
  if (file.length > 0) await store.indexPerson(person.id, file);
  if (unfile.length > 0) await store.unindexPerson(person.id, unfile);
}

/**
 * Files `touched` for `person` as just written, then reads the person again until a read after the block
 * writes shows the version they were made for. A caller that already reads the person again after its
 * first pass (matching does, in its second lookup) calls fileTouched, then this only if the version moved.
 */
export async function syncBlocks(
  store: RegistryStore,
  person: RegistryPerson,
  touched: readonly string[],
  alreadyFiled?: ReadonlySet<string>,
): Promise<void> {
  let known = person;
  let filed = alreadyFiled;
  for (;;) {
    await fileTouched(store, known, touched, filed);
    const now = await store.getPerson(known.id);
    if (!now || now.version === known.version) return;
    known = now;
    filed = undefined;
  }
}
