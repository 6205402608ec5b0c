/**
 * A phonetic key for names of the DRC and Burundi as French- and English-speaking registrars write them.
 * Soundex and Metaphone are built for English (and would put "tsh" and "ch" apart); this key folds the
 * letter shifts seen in Bantu names transcribed by francophones: tsh/tch/ch/sh, ou/u/w, final y/i, ph/f,
 * c/k/q, z/s, dj/j, doubled letters and silent h, then keeps the first letter and the consonant skeleton.
 * Input is a token from normaliseText (a-z, 0-9).
 */
const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/tsh|tch|sch|sh|ch/g, 'x'],
  [/dj|dz/g, 'j'],
  [/ph/g, 'f'],
  [/gh/g, 'g'],
  [/th/g, 't'],
  [/ck|q|c(?=[aouklrtx]|$)/g, 'k'],
  [/c/g, 's'],
  [/z/g, 's'],
  [/ou/g, 'u'],
  [/y$/g, 'i'],
  [/h/g, ''],
  [/(.)\1+/g, '$1'],
];

/**
 * Keys already computed: matching asks for the same few thousand names' keys millions of times (every
 * token pair of every comparison), and the rewrites are a dozen regular expressions. Bounded: past the
 * limit the cache starts afresh, which costs a moment, never memory.
 */
const KNOWN = new Map<string, string>();
const KNOWN_LIMIT = 200_000;

export function phoneticKey(token: string): string {
  const known = KNOWN.get(token);
  if (known !== undefined) return known;
  const key = computeKey(token);
  if (KNOWN.size >= KNOWN_LIMIT) KNOWN.clear();
  KNOWN.set(token, key);
  return key;
}

function computeKey(token: string): string {
  let key = token;
  for (const [pattern, replacement] of REWRITES) key = key.replace(pattern, replacement);
  if (key === '') return '';
  const first = key[0] === 'w' ? 'u' : key[0]!;
  const skeleton = key
    .slice(1)
    .replace(/[aeiouyw]/g, '')
    .replace(/(.)\1+/g, '$1');
  return first + skeleton;
}
