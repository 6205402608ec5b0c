import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoDirectory } from '../../../adapters/dynamodb/directory.ts';
import { seedDemo } from '../../../cli/serve/demo.ts';
import { startLocalRuntime } from '../../../cli/serve/local-runtime.ts';
import { canonicalInput, startLocalApi } from '../../support/local-api.ts';

describe('the local runtime on disk', () => {
  it('keeps records and credentials across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-restart-'));
    try {
      const first = await startLocalApi({ dataDir: dir });
      const posted = await first.signedPost('src_a-signed', JSON.stringify(canonicalInput()));
      const reader = first.keys.aReader;
      await first.close();

      const second = await startLocalRuntime({ dataDir: dir, logLevel: 'SILENT' });
      try {
        const res = await fetch(`${second.url}/v1/records/${posted.body.records[0].id}`, {
          headers: { 'x-api-key': reader },
        });
        expect(res.status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds the demo once and reuses it on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-demo-'));
    try {
      const runtime = await startLocalRuntime({ dataDir: dir, logLevel: 'SILENT' });
      const directory = new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!);
      const demo = await seedDemo(directory, dir);
      const again = await seedDemo(directory, dir);
      expect(again.keys).toEqual(demo.keys);
      const reader = demo.keys.find((k) => k.label === 'espoir-reader')!.token;
      expect((await fetch(`${runtime.url}/v1/records`, { headers: { 'x-api-key': reader } })).status).toBe(200);
      await runtime.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
