import type { z } from 'zod';
import type { SampleOutcome, SourceSample } from '../../schemas/api/samples.ts';

export type SourceSample = z.output<typeof SourceSample>;
export type SampleOutcome = z.output<typeof SampleOutcome>;

/** Samples kept per source and outcome: the newest, in fixed slots, so a busy source's store never grows. */
export const SAMPLES_PER_OUTCOME = 10;
/** How long a sample is kept: long enough to prepare a mapping change, short enough to hold no history. */
export const SAMPLE_TTL_SECONDS = 14 * 24 * 3600;

/**
 * Recent minimised submissions of each source, for previewing a mapping on what the source really sends.
 * Only minimised payloads are ever given to it (core/mapping/minimise-sample.ts).
 */
export interface SampleStore {
  /**
   * Keeps the sample in one of its source's SAMPLES_PER_OUTCOME slots for its outcome, overwriting the one
   * written longest ago; it expires SAMPLE_TTL_SECONDS after its receipt.
   */
  put(sample: SourceSample): Promise<void>;
  /** The source's samples that have not expired, newest first. */
  list(sourceId: string): Promise<SourceSample[]>;
}

/** Receipt times are ISO 8601 in UTC, so their text orders as time does. */
export const newestFirst = (a: SourceSample, b: SourceSample): number =>
  a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0;
