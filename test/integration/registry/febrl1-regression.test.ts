import { describe, expect, it } from 'vitest';
import { MemoryRegistryStore } from '../../../adapters/memory/registry-store.ts';
import { ingestAll, pairScores } from '../../../bench/dedup/evaluate.ts';
import { febrlFile, loadFebrl } from '../../../bench/dedup/febrl.ts';
import { PROFILES } from '../../../core/matching/profiles.ts';
import { systemClock } from '../../../core/ports.ts';

const dataset1 = febrlFile('dataset1');
const records = loadFebrl(dataset1);

async function scores(siblingsGuard: boolean) {
  const run = await ingestAll(
    {
      store: new MemoryRegistryStore(),
      clock: systemClock,
      profile: PROFILES[siblingsGuard ? 'children' : 'generic']!,
    },
    records,
  );
  return pairScores(records, run.clusterOf);
}

/**
 * FEBRL corrupts duplicates by replacing a given name, which is exactly what twins look like, so the
 * siblings guard (on for children's data) sends those to review; the gate holds both policies.
 */
describe('registry accuracy regression gate (FEBRL1)', () => {
  it('keeps F1 at or above 0.99 without the siblings guard', async () => {
    const s = await scores(false);
    expect(s.truePairs).toBe(500);
    expect(s.precision).toBe(1);
    expect(s.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('makes no wrong link and keeps F1 at or above 0.985 with the guard on', async () => {
    const s = await scores(true);
    expect(s.precision).toBe(1);
    expect(s.f1).toBeGreaterThanOrEqual(0.985);
  });
});
