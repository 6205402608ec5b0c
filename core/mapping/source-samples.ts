import { MAX_SAMPLE_ERRORS } from '../../schemas/api/samples.ts';
import type { Source } from '../../schemas/canonical/index.ts';
import type { Principal } from '../access/principal.ts';
import { ownSource } from '../directory/sources.ts';
import type { FieldIssue } from '../errors/field-issue.ts';
import type { Clock, DirectoryAdmin, Normaliser } from '../ports.ts';
import { minimiseSample } from './minimise-sample.ts';
import type { SampleOutcome, SampleStore, SourceSample } from './sample-store.ts';

/** One submission offered as a sample: its payload as sent, and for a rejected one why. */
export interface SampleOffer {
  readonly outcome: SampleOutcome;
  readonly payload: unknown;
  readonly issues?: readonly FieldIssue[];
}

/** Why a sample was not kept: for the log, which names the source and outcome and nothing of the payload. */
export interface SampleNotKept {
  readonly sourceId: string;
  readonly outcome: SampleOutcome;
  readonly reason: 'write-failed' | 'too-large' | 'slow';
  /** The error's name (e.g. ProvisionedThroughputExceededException), never its message. */
  readonly error?: string;
}

export interface SamplingOptions {
  /** At most one sample per source and outcome in this interval, per process (the first always taken). */
  readonly intervalMs?: number;
  /** How long ingestion waits for a sample write before answering anyway; the write goes on meanwhile. */
  readonly waitMs?: number;
  /** A minimised payload larger than this (JSON text) is not kept: a DynamoDB item holds 400 KB. */
  readonly maxBytes?: number;
  /** How many (source, outcome) pairs the throttle remembers; the oldest are forgotten first. */
  readonly maxTracked?: number;
}

const DEFAULTS = { intervalMs: 60_000, waitMs: 150, maxBytes: 64 * 1024, maxTracked: 10_000 };

/**
 * Takes samples of what sources send, for mapping previews, at a bounded cost: at most one write per source
 * and outcome per interval in each process, however many submissions arrive, so national-scale ingestion
 * is not doubled. Sampling is best effort: `offer` never throws, and waits at most `waitMs` for the store.
 */
export class SampleRecorder {
  private readonly lastTaken = new Map<string, number>();
  private readonly options: Required<SamplingOptions>;

  constructor(
    private readonly deps: { samples: SampleStore; clock: Clock; notKept?: (why: SampleNotKept) => void },
    options: SamplingOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Whether a sample of this source and outcome is due now; if so, it counts as taken. */
  private due(sourceId: string, outcome: SampleOutcome, now: number): boolean {
    const key = `${sourceId}#${outcome}`;
    const last = this.lastTaken.get(key);
    if (last !== undefined && now - last < this.options.intervalMs) return false;
    // Re-inserted, so that the map's order is the order of use and its first key the one to forget.
    this.lastTaken.delete(key);
    this.lastTaken.set(key, now);
    if (this.lastTaken.size > this.options.maxTracked) this.lastTaken.delete(this.lastTaken.keys().next().value!);
    return true;
  }

  /**
   * Offers the first submission of each outcome of one push. Minimises and writes those that are due,
   * then resolves when they are written or after `waitMs`, whichever comes first; never rejects.
   */
  async offer(
    source: Pick<Source, 'id'>,
    normaliser: Normaliser,
    receivedAt: string,
    offers: readonly SampleOffer[],
  ): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const taken = offers.filter((offer) => this.due(source.id, offer.outcome, now));
    if (taken.length === 0) return;
    const writes = taken.map((offer) => this.write(source.id, normaliser, receivedAt, offer));
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), this.options.waitMs);
      timer.unref?.();
    });
    const done = Promise.all(writes).then(() => 'done' as const);
    if ((await Promise.race([done, slow])) === 'slow')
      for (const offer of taken) this.deps.notKept?.({ sourceId: source.id, outcome: offer.outcome, reason: 'slow' });
    clearTimeout(timer);
  }

  private async write(sourceId: string, normaliser: Normaliser, receivedAt: string, offer: SampleOffer): Promise<void> {
    try {
      const payload = minimiseSample(offer.payload, normaliser.mapping);
      if (JSON.stringify(payload).length > this.options.maxBytes) {
        this.deps.notKept?.({ sourceId, outcome: offer.outcome, reason: 'too-large' });
        return;
      }
      const sample: SourceSample = {
        sourceId,
        outcome: offer.outcome,
        receivedAt,
        mappingVersion: normaliser.mappingVersion,
        payload,
        ...(offer.issues
          ? { errors: offer.issues.slice(0, MAX_SAMPLE_ERRORS).map(({ pointer, code }) => ({ pointer, code })) }
          : {}),
      };
      await this.deps.samples.put(sample);
    } catch (error) {
      this.deps.notKept?.({
        sourceId,
        outcome: offer.outcome,
        reason: 'write-failed',
        error: error instanceof Error ? error.name : typeof error,
      });
    }
  }
}

/** A source's recent samples, for its organisation's administrators only (another's source is a 404). */
export async function listSourceSamples(
  deps: { directory: DirectoryAdmin; samples: SampleStore },
  admin: Principal,
  sourceId: string,
): Promise<{ items: SourceSample[] }> {
  const source = await ownSource(deps.directory, admin, sourceId);
  return { items: await deps.samples.list(source.id) };
}
