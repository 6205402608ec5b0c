import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalApi, startLocalApi } from '../../../support/local-api.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi({ logLevel: 'INFO' });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api.close();
});

describe('log lines of concurrent invocations', () => {
  it('carry the function name and request id of the invocation that wrote them', async () => {
    const lines: Array<Record<string, unknown>> = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n'))
        if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    });
    const admin = { 'x-api-key': api.keys.aAdmin, 'content-type': 'application/json' };
    // Two handlers, many invocations of each at once: each one's audit line comes after its own awaits,
    // while the others have started.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? api.request('POST', '/v1/admin/keys', { headers: admin, body: JSON.stringify({ roles: ['reader'] }) })
          : api.request('POST', '/v1/admin/sources', {
              headers: admin,
              body: JSON.stringify({ name: `Concurrent ${i}`, tool: 'canonical', auth: { method: 'api-key' } }),
            }),
      ),
    );
    vi.restoreAllMocks();
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 12 }, () => 201));

    const audits = lines.filter((l) => l.message === 'audit');
    expect(audits).toHaveLength(12);
    for (const line of audits) expect(line.function_name).toBe(line.audit);
    const requestIds = answers.map((a) => a.headers.get('apigw-requestid'));
    expect(audits.map((l) => l.function_request_id).sort()).toEqual(requestIds.sort());
  });
});
