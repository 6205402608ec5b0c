import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDirectory } from '../../../adapters/dynamodb/directory.ts';
import { quarterBefore } from '../../../cli/serve/demo-children.ts';
import { type Demo, seedDemo } from '../../../cli/serve/demo.ts';
import { seedDemoData } from '../../../cli/serve/demo-data.ts';
import { type DemoStart, startDemoData } from '../../../cli/serve/demo-start.ts';
import { type LocalRuntime, startLocalRuntime } from '../../../cli/serve/local-runtime.ts';

/**
 * `relais serve`'s first start on a fresh data dir, as cli/commands/serve.ts runs it: the runtime, the demo
 * directory, then the demo data seeded through the API. Everything below is read back through the API with
 * the demo's keys, as the admin screens will read it.
 */
let dir: string;
let runtime: LocalRuntime;
let demo: Demo;
let start: DemoStart;

const key = (label: string) => demo.keys.find((k) => k.label === label)!.token;
const get = async (path: string, label: string) => {
  const res = await fetch(`${runtime.url}${path}`, { headers: { 'x-api-key': key(label) } });
  return { status: res.status, body: (await res.json()) as any };
};
async function records(label: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await get(`/v1/records?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, label);
    items.push(...page.body.items);
    cursor = page.body.items.length > 0 ? page.body.nextCursor : undefined;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relais-demo-data-'));
  runtime = await startLocalRuntime({ dataDir: dir, logLevel: 'SILENT' });
  demo = await seedDemo(new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!), dir);
  start = await startDemoData(runtime, dir, demo);
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await start?.receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo data of a first start', () => {
  it('is seeded whole, with the queues drained, and marked in demo.json', () => {
    expect(start.failed).toBeUndefined();
    expect(start.seeded).toMatchObject({ drained: true, rejected: 2 });
    expect(start.seeded!.records).toBeGreaterThanOrEqual(60);
    expect(start.seeded!.records).toBeLessThanOrEqual(120);
    expect(JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'))).toMatchObject({ demoData: 'seeded' });
  });

  it('gives the Kobo source two mapping versions, the second live and differing by its code lists', async () => {
    const kobo = demo.sources.find((s) => s.tool === 'kobotoolbox')!.id;
    const versions = await get(`/v1/admin/sources/${kobo}/mappings`, 'espoir-admin');
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: any) => [v.version, v.active])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions.body.items[1].diff.changed).toEqual(['/person/sex', '/case/protectionConcerns']);
    const mappedBy = new Set(
      (await records('espoir-reader'))
        .filter((r) => r.provenance.sourceId === kobo)
        .map((r) => r.provenance.mappingVersion),
    );
    expect(mappedBy).toEqual(new Set(['kobotoolbox-default@1', 'kobotoolbox-default@2']));
  });

  it('registers children of both organisations in ended quarters, some linked across organisations', async () => {
    const espoir = await records('espoir-reader');
    const divas = await records('divas-reader');
    expect(espoir.length).toBeGreaterThanOrEqual(30);
    expect(divas.length).toBeGreaterThanOrEqual(30);
    const all = [...espoir, ...divas];
    expect(all.every((r) => r.personId)).toBe(true);
    const thisQuarter = quarterBefore(new Date(), 0).from;
    const earlier = all.filter((r) => r.case.registrationDate < thisQuarter);
    // One child was registered today (the "sex not noted" code of mapping version 2).
    expect(all.length - earlier.length).toBe(1);
    for (const territory of ['Kolwezi', 'Mutshatsha', 'Lubudi'])
      expect(all.some((r) => r.person.location.territory === territory)).toBe(true);
    expect(new Set(all.map((r) => r.person.sex))).toEqual(new Set(['female', 'male', 'unknown']));
    const espoirPersons = new Set(espoir.map((r) => r.personId));
    expect(divas.filter((r) => espoirPersons.has(r.personId)).length).toBeGreaterThanOrEqual(5);
  });

  it('leaves possible duplicates in the review queue, twins among them with a household warning', async () => {
    const reviews = await get('/v1/admin/reviews', 'divas-admin');
    expect(reviews.status).toBe(200);
    expect(reviews.body.items.length).toBeGreaterThanOrEqual(2);
    expect(reviews.body.items.some((r: any) => r.guard === 'same-household')).toBe(true);
    // A near-miss across organisations: each side sees its own record of the pair only.
    expect(reviews.body.items.some((r: any) => r.guard === undefined && !(r.recordId && r.candidateRecordId))).toBe(
      true,
    );
  });

  it('has referrals both ways in at least four statuses, one urgent and one whose consent was revoked', async () => {
    const sent = (await get('/v1/referrals?role=sent', 'espoir-admin')).body.items;
    const received = (await get('/v1/referrals?role=received', 'espoir-admin')).body.items;
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(received.length).toBeGreaterThanOrEqual(2);
    const statuses = new Set([...sent, ...received].map((r: any) => r.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    for (const status of ['requested', 'accepted', 'completed', 'rejected']) expect(statuses).toContain(status);
    expect(sent.some((r: any) => r.priority !== 'normal' && r.status === 'requested')).toBe(true);
    expect(sent.some((r: any) => r.consentRevokedAt && r.status === 'cancelled')).toBe(true);
    const completed = sent.find((r: any) => r.status === 'completed');
    const detail = await get(`/v1/referrals/${completed.id}`, 'espoir-admin');
    expect(detail.body.history.at(-1).feedback).toMatchObject({ outcome: 'needs-met' });
  });

  it('delivers DIVAS its events at its webhook: the channel shows every attempt delivered', async () => {
    const health = await get('/v1/admin/delivery-channel', 'divas-admin');
    expect(health.body.channel).toMatchObject({ kind: 'webhook', url: start.receiver.url });
    expect(health.body.attempts.length).toBeGreaterThanOrEqual(6);
    expect(health.body.attempts.every((a: any) => a.outcome === 'response' && a.status === 204)).toBe(true);
  });

  it('gives the last ended quarter a table across organisations with shown and suppressed cells', async () => {
    const { from, to } = quarterBefore(new Date(), 1);
    const table = await get(`/v1/stats?from=${from}&to=${to}&by=sex,ageBracket&view=all`, 'divas-reader');
    expect(table.status).toBe(200);
    expect(table.body.cells.some((c: any) => c.count >= 5)).toBe(true);
    expect(table.body.cells.some((c: any) => c.suppressed)).toBe(true);
    expect(table.body.children.count).toBeGreaterThanOrEqual(50);
  });

  it('changes nothing when seeded again as of the same moment (a first start killed while seeding)', async () => {
    const counts = async () => [
      (await records('espoir-reader')).length,
      (await records('divas-reader')).length,
      (await get('/v1/referrals?role=sent', 'espoir-admin')).body.items.length,
      (await get('/v1/referrals?role=sent', 'divas-admin')).body.items.length,
      (await get('/v1/admin/reviews', 'divas-admin')).body.items.length,
      (await get(`/v1/admin/sources/${demo.sources[1]!.id}/mappings`, 'espoir-admin')).body.items.length,
    ];
    const before = await counts();
    const again = await seedDemoData({
      url: runtime.url,
      demo,
      drain: (ms) => runtime.drain(ms),
      pointDivasChannel: () => start.receiver.point(),
      now: new Date(demo.dataAsOf!),
    });
    expect(again.drained).toBe(true);
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('seeds nothing on the next start, and DIVAS’s channel follows the new receiver', async () => {
    const before = (await records('espoir-reader')).length + (await records('divas-reader')).length;
    const referrals = (await get('/v1/referrals?role=sent', 'espoir-admin')).body.items.length;
    await runtime.close();
    await start.receiver.close();

    runtime = await startLocalRuntime({ dataDir: dir, logLevel: 'SILENT' });
    demo = await seedDemo(new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!), dir);
    start = await startDemoData(runtime, dir, demo);
    expect(start.seeded).toBeUndefined();
    expect(start.failed).toBeUndefined();
    expect((await records('espoir-reader')).length + (await records('divas-reader')).length).toBe(before);
    expect((await get('/v1/referrals?role=sent', 'espoir-admin')).body.items.length).toBe(referrals);
    expect((await get('/v1/admin/delivery-channel', 'divas-admin')).body.channel.url).toBe(start.receiver.url);
  }, 60_000);
});
