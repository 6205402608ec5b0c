import { describe, expect, it } from 'vitest';
import { syntheticChildren } from '../../../bench/ingest/children.ts';
import { dataDir, matchedOnDisk, push, serve, waitUntilMatched } from '../../support/durable-runtime.ts';

describe('queued work on disk', () => {
  it('matches every acknowledged record after a kill -9 while the matcher is behind, with nothing sent again', async () => {
    const dir = dataDir();
    const first = await serve(dir);
    const children = syntheticChildren(500, 7, 'kill');
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ids = await push(first, children.slice(i * 100, (i + 1) * 100), `msg_kill-${i}`);
      if (ids) acknowledged.push(...ids);
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(acknowledged).toHaveLength(500);
    // The kill found work not done yet: that is what must survive it.
    expect(await matchedOnDisk(dir, acknowledged)).toBeLessThan(acknowledged.length);

    const second = await serve(dir);
    expect(await waitUntilMatched(second, acknowledged, 90_000)).toBe(0);
  }, 150_000);
});
