import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { syntheticChildren } from '../../../bench/ingest/children.ts';
import { dataDir, push, serve, source, waitUntilMatched } from '../../support/durable-runtime.ts';
import { signedHeaders } from '../../support/serve-process.ts';

describe('queued work on disk', () => {
  it('on SIGTERM, finishes the request in flight, stops, and matches everything acknowledged after a restart', async () => {
    const dir = dataDir();
    const first = await serve(dir);
    const children = syntheticChildren(300, 11, 'term');
    const acknowledged: string[] = [];
    for (let i = 0; i < 2; i++)
      acknowledged.push(...((await push(first, children.slice(i * 100, (i + 1) * 100), `msg_term-${i}`)) ?? []));
    expect(acknowledged).toHaveLength(200);

    // A third batch is on its way when the signal comes: its headers are in, its body is not.
    const body = JSON.stringify(children.slice(200));
    const url = new URL(`${first.url}/v1/sources/${source(first)}/records`);
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: signedHeaders(first.demo, source(first), body, 'msg_term-2'),
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.flushHeaders();
      req.write(body.slice(0, 1000));
      setTimeout(() => {
        first.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(1000)), 200);
      }, 300);
    });
    const answer = await inFlight;
    expect(answer.status).toBe(202);
    acknowledged.push(...(JSON.parse(answer.body) as { records: Array<{ id: string }> }).records.map((r) => r.id));
    expect(await first.exited).toBe(0);

    const second = await serve(dir);
    expect(await waitUntilMatched(second, acknowledged, 60_000)).toBe(0);
  }, 120_000);
});
