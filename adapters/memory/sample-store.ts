import type { Clock } from '../../core/ports.ts';
import {
  SAMPLES_PER_OUTCOME,
  SAMPLE_TTL_SECONDS,
  type SampleStore,
  type SourceSample,
  newestFirst,
} from '../../core/mapping/sample-store.ts';

/** The same round of fixed slots as the DynamoDB store, in process memory: for unit tests. */
export class MemorySampleStore implements SampleStore {
  private readonly slots = new Map<string, SourceSample>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async put(sample: SourceSample): Promise<void> {
    const round = `${sample.sourceId}#${sample.outcome}`;
    const n = this.counters.get(round) ?? 0;
    this.counters.set(round, n + 1);
    // A structured copy: what is stored cannot change with the caller's object, as in DynamoDB.
    this.slots.set(`${round}#${n % SAMPLES_PER_OUTCOME}`, structuredClone(sample));
  }

  async list(sourceId: string): Promise<SourceSample[]> {
    const now = this.clock.now().getTime();
    return [...this.slots.values()]
      .filter((s) => s.sourceId === sourceId && Date.parse(s.receivedAt) + SAMPLE_TTL_SECONDS * 1000 > now)
      .map((s) => structuredClone(s))
      .sort(newestFirst);
  }
}
