import { createHash } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A record's id is derived from (source, source record id), so the same source record always lands on
 * the same item: re-deliveries and bulk re-syncs cannot create a second copy.
 */
export function recordIdFor(sourceId: string, sourceRecordId: string): string {
  const digest = createHash('sha256').update(sourceId).update('\u0000').update(sourceRecordId).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 26) break;
    value &= (1 << bits) - 1;
  }
  return `rec_${out}`;
}
