import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalInput, type LocalApi, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await api?.close();
  api = undefined;
});

/** The JSON lines the process prints from now on. */
function printed(): Array<Record<string, any>> {
  const lines: Array<Record<string, any>> = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    for (const line of String(chunk).split('\n')) {
      try {
        lines.push(JSON.parse(line));
      } catch {
        /* not a log line */
      }
    }
    return true;
  });
  return lines;
}

const backlogLines = (lines: Array<Record<string, any>>) =>
  lines.filter((l) => l.message === 'queue backlog' || l.message === 'queues drained');

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the backlog line of the local runtime', () => {
  it('gives each queue its depth, DLQ depth and handled count while there is work, then once when drained', async () => {
    api = await startLocalApi({ logLevel: 'INFO', backlogIntervalMs: 100 });
    const lines = printed();
    const batch = Array.from({ length: 30 }, () =>
      canonicalInput({ person: { name: { family: 'KAPINGA', given: 'Neema' }, sex: 'female' } }),
    );
    expect((await api.signedPost('src_a-signed', JSON.stringify(batch))).status).toBe(202);
    await until(() => backlogLines(lines).some((l) => l.message === 'queues drained'));
    const during = backlogLines(lines).filter((l) => l.message === 'queue backlog');
    expect(during.length).toBeGreaterThan(0);
    expect(during[0]!.queues).toEqual([
      {
        queue: 'matching',
        depth: expect.any(Number),
        inFlight: expect.any(Number),
        dlq: 0,
        handled: expect.any(Number),
      },
      { queue: 'referralDelivery', depth: 0, inFlight: 0, dlq: 0, handled: 0 },
      { queue: 'fhirPush', depth: 0, inFlight: 0, dlq: 0, handled: 0 },
      // Each matched record queues a refresh of its child's statistics row.
      {
        queue: 'statsRefresh',
        depth: expect.any(Number),
        inFlight: expect.any(Number),
        dlq: 0,
        handled: expect.any(Number),
      },
    ]);
    for (const line of during) {
      // A line is written while some queue has work: matching's, or the statistics refreshes it queued.
      expect(line.queues.some((q: { depth: number }) => q.depth > 0)).toBe(true);
      const [{ depth, inFlight, handled }] = line.queues;
      expect(inFlight).toBeLessThanOrEqual(depth);
      // Queued and handled are each message once: together never more than was sent.
      expect(depth + handled).toBeLessThanOrEqual(30);
    }
    const drained = backlogLines(lines).find((l) => l.message === 'queues drained')!;
    expect(drained.queues).toEqual([
      { queue: 'matching', depth: 0, inFlight: 0, dlq: 0, handled: 30 },
      { queue: 'referralDelivery', depth: 0, inFlight: 0, dlq: 0, handled: 0 },
      { queue: 'fhirPush', depth: 0, inFlight: 0, dlq: 0, handled: 0 },
      { queue: 'statsRefresh', depth: 0, inFlight: 0, dlq: 0, handled: expect.any(Number) },
    ]);
    expect(drained.queues[3].handled).toBeGreaterThanOrEqual(30);

    // Nothing more to say until there is work again: a few more intervals bring no line.
    const said = backlogLines(lines).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(backlogLines(lines)).toHaveLength(said);
    expect(JSON.stringify(backlogLines(lines))).not.toMatch(/KAPINGA|Neema|rec_/);
  });

  it('is silent at log level SILENT', async () => {
    api = await startLocalApi({ logLevel: 'SILENT', backlogIntervalMs: 100 });
    const lines = printed();
    const batch = Array.from({ length: 10 }, () => canonicalInput());
    expect((await api.signedPost('src_a-signed', JSON.stringify(batch))).status).toBe(202);
    await api.runtime.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(backlogLines(lines)).toEqual([]);
  });
});
