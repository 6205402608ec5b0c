import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangePage } from '../../../schemas/api/changes.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';
import { ORG_B, type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';

let api: LocalApi;
let gammaKey: string;

const headers = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const get = (path: string, key: string, more: Record<string, string> = {}) =>
  api.request('GET', path, { headers: { ...headers(key), ...more } });
const post = (path: string, key: string, body: unknown) =>
  api.request('POST', path, { headers: headers(key), body: JSON.stringify(body) });

/** Every item of a feed, pulled page by page with `limit`, and the cursor the last page gave. */
async function pullAll(key: string, options: { limit?: number; types?: string; cursor?: string } = {}) {
  const items: any[] = [];
  let cursor = options.cursor;
  for (let pages = 0; pages < 200; pages++) {
    const query = new URLSearchParams({
      limit: String(options.limit ?? 50),
      ...(options.types ? { types: options.types } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const res = await get(`/v1/changes?${query}`, key);
    expect(res.status).toBe(200);
    expect(ChangePage.safeParse(res.body).success).toBe(true);
    items.push(...res.body.items);
    if (res.body.nextCursor === cursor) break;
    cursor = res.body.nextCursor;
  }
  return { items, cursor: cursor! };
}

beforeAll(async () => {
  api = await startLocalApi();
  await api.directory.createOrganisation({ id: 'org_gamma', name: 'Gamma', kind: 'ngo', country: 'CD' });
  gammaKey = await api.issueKey('org_gamma', ['admin']);
});
afterAll(() => api?.close());

describe('GET /v1/changes', () => {
  let first: string;
  let second: string;
  /** Beta's record of the same child as Alpha's first two: the matcher links it into their person. */
  let ofBeta: string;
  beforeAll(async () => {
    const a1 = canonicalInput({ sourceRecordId: 'feed-a-1' });
    first = (await api.signedPost('src_a-signed', JSON.stringify(a1))).body.records[0].id;
    second = (await api.signedPost('src_a-signed', JSON.stringify(canonicalInput({ sourceRecordId: 'feed-a-2' })))).body
      .records[0].id;
    // A newer version of the first, and an identical redelivery (a new webhook-id), which is no change.
    const newer = { ...a1, sourceUpdatedAt: '2026-03-05T10:00:00Z', case: { ...a1.case, riskLevel: 'high' } };
    await api.signedPost('src_a-signed', JSON.stringify(newer));
    await api.signedPost('src_a-signed', JSON.stringify(newer));
    ofBeta = (await api.signedPost('src_b-signed', JSON.stringify(canonicalInput({ sourceRecordId: 'feed-b-1' })))).body
      .records[0].id;
    await api.runtime.drain();
  });

  it("gives the caller's record changes and its persons' links in order, and nothing of another organisation", async () => {
    const { items } = await pullAll(api.keys.aReader);
    const records = items.filter((i) => i.type.startsWith('record.'));
    expect(records.map((i) => [i.type, i.recordId])).toEqual([
      ['record.created', first],
      ['record.created', second],
      ['record.updated', first],
    ]);
    const linked = items.filter((i) => i.type === 'person.linked');
    expect(linked.flatMap((i) => i.recordIds).sort()).toEqual([first, second].sort());
    const personOfFirst = (await get(`/v1/records/${first}`, api.keys.aReader)).body.personId;
    expect(linked.find((i) => i.recordIds.includes(first)).personId).toBe(personOfFirst);
    const sequences = items.map((i) => i.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    // Beta's feed has Beta's record only; Gamma, which holds nothing, has an empty feed.
    const ofB = (await pullAll(api.keys.bReader)).items;
    expect(ofB.filter((i) => i.type.startsWith('record.')).map((i) => i.type)).toEqual(['record.created']);
    expect(JSON.stringify(ofB)).not.toContain(first);
    expect((await pullAll(gammaKey)).items).toEqual([]);
  });

  it('carries ids, types, versions and times only: no personal data', async () => {
    const text = JSON.stringify((await pullAll(api.keys.aReader)).items);
    for (const personal of ['NDUWIMANA', 'Aline', '2015-06', 'Bujumbura', 'Mukaza', 'separated']) {
      expect(text).not.toContain(personal);
    }
  });

  it('pages by small limits to the same items, and the cursor of the last page resumes after them', async () => {
    const whole = await pullAll(api.keys.aReader);
    const paged = await pullAll(api.keys.aReader, { limit: 1 });
    expect(paged.items).toEqual(whole.items);
    const later = canonicalInput({ sourceRecordId: 'feed-a-3' });
    const third = (await api.signedPost('src_a-signed', JSON.stringify(later))).body.records[0].id;
    const resumed = await pullAll(api.keys.aReader, { cursor: paged.cursor });
    expect(resumed.items[0]).toMatchObject({ type: 'record.created', recordId: third });
  });

  it('filters by types, and keeps a record it lists in GET /v1/records?updatedSince before its time, with its personId', async () => {
    // The previous test's record may still be in the matching queue: its personId comes once it is matched.
    await api.runtime.drain();
    const { items } = await pullAll(api.keys.aReader, { types: 'record.updated,record.created' });
    expect(new Set(items.map((i) => i.type))).toEqual(new Set(['record.created', 'record.updated']));
    for (const item of items) {
      const since = new Date(Date.parse(item.at) - 1).toISOString();
      const listed = await get(`/v1/records?updatedSince=${encodeURIComponent(since)}&limit=200`, api.keys.aReader);
      const found = listed.body.items.find((r: any) => r.id === item.recordId);
      expect(found).toBeDefined();
      expect(found.personId).toMatch(/^per_/);
    }
  });

  it('refuses a forged cursor, one of another organisation and one of other types with 400 problem+json', async () => {
    const { cursor } = await pullAll(api.keys.aReader);
    const forged = `${cursor.slice(0, -3)}AAA`;
    for (const [key, query] of [
      [api.keys.aReader, `cursor=${forged}`],
      [api.keys.aReader, 'cursor=12'],
      [api.keys.bReader, `cursor=${cursor}`],
      [api.keys.aReader, `cursor=${cursor}&types=record.created`],
    ] as const) {
      const res = await get(`/v1/changes?${query}`, key, { 'accept-language': 'fr' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('invalid-cursor');
      expect(res.body.errors[0].pointer).toBe('/cursor');
    }
    const badTypes = await get('/v1/changes?types=record.deleted', api.keys.aReader);
    expect(badTypes.status).toBe(400);
    expect(badTypes.body.errors[0].pointer).toBe('/types');
  });

  it("tells an admin's merge and split of persons to the organisation whose records moved", async () => {
    const other = canonicalInput({
      sourceRecordId: 'feed-a-other',
      person: {
        name: { family: 'KABILA', given: 'Déogratias' },
        sex: 'male',
        birthDate: { value: '2010', precision: 'year' },
      },
    });
    const otherId = (await api.signedPost('src_a-signed', JSON.stringify(other))).body.records[0].id;
    await api.runtime.drain();
    const personOf = async (id: string) => (await get(`/v1/records/${id}`, api.keys.aReader)).body.personId;
    const [kept, joining] = [await personOf(first), await personOf(otherId)];
    expect(kept).not.toBe(joining);
    const { cursor } = await pullAll(api.keys.aReader);
    const merged = await post(`/v1/admin/persons/${kept}/merge`, api.keys.aAdmin, {
      personId: joining,
      reason: 'same',
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const survivor = merged.body.id;
    const split = await post(`/v1/admin/persons/${survivor}/split`, api.keys.aAdmin, {
      recordIds: [otherId],
      reason: 'not the same child after all',
    });
    expect(split.status).toBe(201);
    const items = (await pullAll(api.keys.aReader, { cursor })).items.filter((i) =>
      ['person.merged', 'person.split'].includes(i.type),
    );
    expect(items.map((i) => i.type)).toEqual(['person.merged', 'person.split', 'person.split']);
    expect(items[0]).toMatchObject({
      personId: survivor,
      relatedPersonId: [kept, joining].find((p) => p !== survivor),
    });
    expect(items[1].recordIds).toEqual([otherId]);
    expect(new Set(items.slice(1).flatMap((i) => [i.personId, i.relatedPersonId]))).toEqual(
      new Set([survivor, split.body.id]),
    );
    // Beta's record of the same child moves if its person is the one merged away: Beta is then told, naming
    // its own record only.
    const ofB = (await pullAll(api.keys.bReader)).items.filter((i) => i.type === 'person.merged');
    const betaMoved = items[0].relatedPersonId === kept;
    expect(ofB.map((i) => i.recordIds)).toEqual(betaMoved ? [[ofBeta]] : []);
  });

  it('tells both parties of a referral its status changes and deliveries, and a third organisation nothing', async () => {
    await post('/v1/admin/services', api.keys.bAdmin, serviceInput());
    const created = await post('/v1/referrals', api.keys.aAdmin, {
      to: { serviceType: 'psychosocial' },
      child: { person: amani },
      reason: 'Enfant séparée de sa famille',
      protectionConcerns: ['separated'],
      priority: 'urgent',
      consent: consentFor([ORG_B]),
    });
    expect(created.status).toBe(201);
    const referralId = created.body.id;
    expect((await post(`/v1/referrals/${referralId}/status`, api.keys.bAdmin, { status: 'accepted' })).status).toBe(
      200,
    );
    await api.runtime.drain();
    const about = (items: any[]) =>
      items.filter((i) => i.referralId === referralId).map((i) => [i.type, i.referralVersion, i.status]);
    const expected = [
      ['referral.status-changed', 1, 'requested'],
      ['referral.delivered', 1, 'requested'],
      ['referral.status-changed', 2, 'accepted'],
      ['referral.delivered', 2, 'accepted'],
    ];
    for (const key of [api.keys.aReader, api.keys.bReader]) {
      const { items } = await pullAll(key, { types: 'referral.status-changed,referral.delivered' });
      expect(about(items)).toEqual(expected);
    }
    expect(JSON.stringify((await pullAll(gammaKey)).items)).not.toContain(referralId);
  });
});

describe('the change feed pushed to a subscribed webhook', () => {
  it('sends the subscribed types, signed, one change per message, in feed order, with the delivery machinery', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const configured = await api.request('PUT', '/v1/admin/delivery-channel', {
        headers: headers(api.keys.bAdmin),
        body: JSON.stringify({ kind: 'webhook', url: receiver.url, changes: ['record.created', 'person.linked'] }),
      });
      expect(configured.status).toBe(200);
      expect(configured.body.channel.changes).toEqual(['record.created', 'person.linked']);
      receiver.useSecret(configured.body.signingSecret);
      const pushed = await api.signedPost(
        'src_b-signed',
        JSON.stringify(canonicalInput({ sourceRecordId: 'feed-b-push' })),
      );
      const recordId = pushed.body.records[0].id;
      await api.runtime.drain();
      const received = await receiver.waitFor(2);
      const mine = received.filter((e) => JSON.stringify(e.body).includes(recordId));
      expect(mine.map((e) => e.type)).toEqual(['record.created', 'person.linked']);
      expect(mine.every((e) => e.verified)).toBe(true);
      expect(mine.map((e) => e.id)).toEqual(mine.map((e) => e.body.data.id));
      // The same items the feed gives, and nothing of another organisation or another type.
      const feed = (await pullAll(api.keys.bReader, { types: 'record.created,person.linked' })).items;
      expect(received.map((e) => e.body.data)).toEqual(feed.filter((i) => received.some((e) => e.id === i.id)));
      expect(received.every((e) => ['record.created', 'person.linked'].includes(e.type))).toBe(true);
      expect(JSON.stringify(received)).not.toContain('NDUWIMANA');
    } finally {
      await receiver.close();
    }
  }, 30_000);
});

describe('the change feed across a restart', () => {
  it('resumes from a cursor handed out before the restart, with the changes made after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-changes-'));
    try {
      const before = await startLocalApi({ dataDir: dir });
      await before.signedPost('src_a-signed', JSON.stringify(canonicalInput({ sourceRecordId: 'restart-1' })));
      const reader = before.keys.aReader;
      const first = await before.request('GET', '/v1/changes', { headers: { 'x-api-key': reader } });
      expect(first.body.items.map((i: any) => i.type)).toEqual(['record.created']);
      await before.close();

      const after = await startLocalApi({ dataDir: dir });
      try {
        const posted = await after.signedPost(
          'src_a-signed',
          JSON.stringify(canonicalInput({ sourceRecordId: 'restart-2' })),
        );
        const res = await after.request('GET', `/v1/changes?cursor=${first.body.nextCursor}`, {
          headers: { 'x-api-key': reader },
        });
        expect(res.status).toBe(200);
        expect(res.body.items.filter((i: any) => i.type.startsWith('record.'))).toEqual([
          expect.objectContaining({ type: 'record.created', recordId: posted.body.records[0].id }),
        ]);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
