import type { NameBearers } from './compare.ts';
import { phoneticKey } from './phonetic.ts';
import type { MatchSubject } from './subject.ts';

/**
 * Blocking keys: a record is compared only with persons that share at least one key. Several keys per
 * record, so that one misspelt name, one wrong year or one missing field does not hide a true pair:
 * - n|<phonetic token>|<birth year>  each name token × year (filed under the year ±1, ±2 if estimated)
 * - nn|<phonetic>|<phonetic>         each pair of name tokens, for records without or with wrong dates
 * - l|<locality>|<phonetic token>    each name token within a locality
 * - d|<yyyy-mm-dd>                   exact birth dates (looked up swapped too: dd/mm vs mm/dd)
 * - dn|<yyyy-mm-dd>|<ab>              exact birth date with the first two letters of a name token
 * - i|<scheme:value>, p|<phone>       identifiers and phone numbers
 * - a|<number>|<number>               pairs of numbers in a free-text address (house number, postcode)
 * - a|<number>|<abc>                  a number with the first letters of the next word (house and street)
 * - id|<scheme:value minus one char>  an identifier's deletion neighbourhood: one slipped, swapped,
 *                                     added or lost character still meets its original
 * Records are indexed under `indexKeys` and look others up under `queryKeys`; the two are built so that
 * A's query keys meet B's index keys exactly when B's query keys meet A's: what is compared does not
 * depend on which record came first. The year tolerance sits on the query side (a record is filed under
 * its own year, ±1 when estimated, and looks others up a year further): on DynamoDB one batch read
 * fetches a hundred blocks while each block a record is filed under is a write of its own. Every index
 * key is also a query key, so the first lookup tells which blocks already list a person.
 */

/** Changes whenever the keys do: a registry filed under another version is filed again at start. */
export const BLOCKING_VERSION = 2;

const MAX_PAIR_TOKENS = 4;

/** Years either side a record is filed under: its own uncertainty. */
const ownRadius = (s: MatchSubject): number => (s.birth && s.birth.slack > 0 ? 1 : 0);

function tokenKeys(s: MatchSubject): string[] {
  return [...new Set(s.names.map(phoneticKey).filter((k) => k.length > 0))].sort();
}

function yearKeys(s: MatchSubject, extra: number): string[] {
  const phonetic = tokenKeys(s);
  if (!s.birth) return phonetic.map((p) => `n|${p}|-`);
  const radius = ownRadius(s) + extra;
  const keys: string[] = [];
  for (const p of phonetic)
    for (let y = s.birth.year - radius; y <= s.birth.year + radius; y++) keys.push(`n|${p}|${y}`);
  return keys;
}

/** The key of persons bearing both name tokens, whatever their birth year: phonetic keys, sorted. */
const pairKey = (a: string, b: string): string => (a < b ? `nn|${a}|${b}` : `nn|${b}|${a}`);

function sharedKeys(s: MatchSubject): string[] {
  const phonetic = tokenKeys(s).slice(0, MAX_PAIR_TOKENS);
  const keys: string[] = [];
  for (let i = 0; i < phonetic.length; i++)
    for (let j = i + 1; j < phonetic.length; j++) keys.push(pairKey(phonetic[i]!, phonetic[j]!));
  if (s.locality) for (const p of tokenKeys(s)) keys.push(`l|${s.locality}|${p}`);
  for (const id of s.identifiers) keys.push(`i|${id}`, ...deletions(id));
  for (const phone of s.phones) keys.push(`p|${phone}`);
  const numbers = s.address.filter((t) => /^\d+$/.test(t)).slice(0, 3);
  for (let i = 0; i < numbers.length; i++)
    for (let j = i + 1; j < numbers.length; j++) keys.push(`a|${numbers[i]}|${numbers[j]}`);
  for (let i = 0; i + 1 < s.addressLine.length; i++) {
    const [number, word] = [s.addressLine[i]!, s.addressLine[i + 1]!];
    if (/^\d+$/.test(number) && /^[a-z]{3}/.test(word)) keys.push(`a|${number}|${word.slice(0, 3)}`);
  }
  return keys;
}

/** Identifiers of 5 to 20 characters, each with one character left out. */
function deletions(id: string): string[] {
  const colon = id.indexOf(':');
  const value = id.slice(colon + 1);
  if (value.length < 5 || value.length > 20) return [];
  const keys = new Set<string>();
  for (let i = 0; i < value.length; i++) keys.add(`id|${id.slice(0, colon)}:${value.slice(0, i)}${value.slice(i + 1)}`);
  return [...keys];
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dateKeys(s: MatchSubject, withSwap: boolean): string[] {
  const b = s.birth;
  if (!b || b.day === undefined || b.month === undefined) return [];
  const dates = [`${b.year}-${pad(b.month)}-${pad(b.day)}`];
  if (withSwap && b.day <= 12 && b.day !== b.month) dates.push(`${b.year}-${pad(b.day)}-${pad(b.month)}`);
  const initials = [...new Set(s.names.map((t) => t.slice(0, 2)))];
  return dates.flatMap((d) => [`d|${d}`, ...initials.map((i) => `dn|${d}|${i}`)]);
}

export function indexKeys(s: MatchSubject): string[] {
  return [...new Set([...yearKeys(s, 0), ...sharedKeys(s), ...dateKeys(s, false)])];
}

export function queryKeys(s: MatchSubject): string[] {
  return [...new Set([...yearKeys(s, 1), ...sharedKeys(s), ...dateKeys(s, true)])];
}

/**
 * Meta-blocking: a person is compared only when the keys it shares with the record weigh at least
 * MIN_SHARED_WEIGHT together. Keys that identify almost on their own weigh 2: an identifier, a phone,
 * a birth date with a name initial, two numbers of one address. Every other key weighs 1, so a
 * stranger who shares only a surname-and-year, a street, a birth date or an identifier with one
 * character different is not compared; true pairs share several keys. This keeps comparisons per
 * record nearly flat as the registry grows (bench/dedup: 1k vs 100k persons).
 */
export const MIN_SHARED_WEIGHT = 2;

const STRONG = /^(i|p|dn)\||^a\|\d+\|\d+$/;

export function keyWeight(key: string): number {
  return STRONG.test(key) ? 2 : 1;
}

/**
 * What a shared key says, once: one name token met in several birth years (an estimated age is filed
 * under three) is one piece of evidence, not three, else any child with an age would be compared with
 * everyone who shares one of its names.
 */
export const evidenceOf = (key: string): string => (key.startsWith('n|') ? key.slice(0, key.lastIndexOf('|')) : key);

/** The weight of the keys two records share, each piece of evidence counted once. */
export function sharedWeight(keys: Iterable<string>): number {
  const evidence = new Map<string, number>();
  for (const key of keys) evidence.set(evidenceOf(key), keyWeight(key));
  let total = 0;
  for (const weight of evidence.values()) total += weight;
  return total;
}

/** Whether blocking lets `b` be compared with `a` (already filed), as the registry decides it. */
export function blockedTogether(a: MatchSubject, b: MatchSubject): boolean {
  const filed = new Set(indexKeys(a));
  return sharedWeight(queryKeys(b).filter((k) => filed.has(k))) >= MIN_SHARED_WEIGHT;
}

/**
 * How many persons bear some name tokens together, read off the sizes of the name-pair blocks the
 * subject looked up (`sizes`: key to persons filed under it, a stop key counting as one more than the
 * cap): the rarest pair of the tokens bounds how many bear them all. The blocks are the frequency
 * table: they are kept exact by the same writes that keep blocking right (indexPerson and unindexPerson
 * on create, merge and split, idempotent set additions and removals), at a cost that does not grow with
 * the registry (a block is read only up to the cap).
 */
export function nameBearers(sizes: ReadonlyMap<string, number>): NameBearers {
  return (tokens) => {
    const phonetic = [...new Set(tokens.map(phoneticKey).filter((k) => k.length > 0))];
    let fewest: number | undefined;
    for (let i = 0; i < phonetic.length; i++)
      for (let j = i + 1; j < phonetic.length; j++) {
        const size = sizes.get(pairKey(phonetic[i]!, phonetic[j]!));
        if (size !== undefined && (fewest === undefined || size < fewest)) fewest = size;
      }
    return fewest;
  };
}
