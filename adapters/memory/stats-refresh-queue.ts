import type { StatsRefreshQueue } from '../../core/stats/ports.ts';

/** The statistics refresh queue in memory: `take` hands a test what was queued, oldest first. */
export class MemoryStatsRefreshQueue implements StatsRefreshQueue {
  private readonly queued: Array<{ personId?: string; referralId?: string }> = [];

  async refresh(requests: ReadonlyArray<{ personId?: string; referralId?: string }>): Promise<void> {
    this.queued.push(...requests.map((r) => ({ ...r })));
  }

  take(): Array<{ personId?: string; referralId?: string }> {
    return this.queued.splice(0);
  }
}
