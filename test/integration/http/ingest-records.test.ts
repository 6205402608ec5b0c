import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Problem } from '../../../schemas/api/problem.ts';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

async function countRecords(key = api.keys.aReader, sourceId = 'src_a-signed'): Promise<number> {
  const res = await api.request('GET', `/v1/records?sourceId=${sourceId}&limit=200`, { headers: { 'x-api-key': key } });
  return res.body.items.length;
}

function expectProblem(res: { status: number; headers: Headers; body: unknown }, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Problem.safeParse(res.body).success).toBe(true);
  if (code) expect((res.body as { code: string }).code).toBe(code);
}

describe('POST /v1/sources/{sourceId}/records with Standard Webhooks', () => {
  it('accepts a correctly signed record once and answers 202 with its id', async () => {
    const before = await countRecords();
    const res = await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()));
    expect(res.status).toBe(202);
    expect(res.body.records).toHaveLength(1);
    expect(res.body.records[0]).toMatchObject({ outcome: 'created' });
    expect(res.body.records[0].id).toMatch(/^rec_[a-z2-7]{26}$/);
    expect(await countRecords()).toBe(before + 1);
  });

  it('answers a replayed webhook-id with the first answer and stores nothing new', async () => {
    const body = JSON.stringify(canonicalInput());
    const first = await api.signedPost('src_a-signed', body, { id: 'msg_replay-1' });
    const countAfterFirst = await countRecords();
    const replay = await api.signedPost('src_a-signed', body, { id: 'msg_replay-1' });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await countRecords()).toBe(countAfterFirst);
  });

  it('refuses a timestamp more than 5 minutes old with 401 and stores nothing', async () => {
    const before = await countRecords();
    const res = await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()), {
      timestamp: new Date(Date.now() - 6 * 60_000),
    });
    expectProblem(res, 401, 'signature-timestamp');
    expect(await countRecords()).toBe(before);
  });

  it('refuses a signature made with another secret', async () => {
    const res = await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()), {
      secret: `whsec_${randomBytes(24).toString('base64')}`,
    });
    expectProblem(res, 401, 'signature-invalid');
  });

  it('refuses an unsigned request to a signing source', async () => {
    const res = await api.request('POST', '/v1/sources/src_a-signed/records', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(canonicalInput()),
    });
    expectProblem(res, 401, 'signature-missing');
  });

  it('accepts both secrets during rotation and only the new one after the old is removed', async () => {
    const fresh = `whsec_${randomBytes(24).toString('base64')}`;
    await api.directory.addSigningSecret('src_a-signed', 's2', fresh, new Date().toISOString());
    expect(
      (await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()), { secret: api.secrets.aSigned })).status,
    ).toBe(202);
    expect((await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()), { secret: fresh })).status).toBe(
      202,
    );
    await api.directory.removeSigningSecret('src_a-signed', 's1');
    expectProblem(
      await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()), { secret: api.secrets.aSigned }),
      401,
      'signature-invalid',
    );
    expect((await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()), { secret: fresh })).status).toBe(
      202,
    );
    // restore for the other tests
    await api.directory.addSigningSecret('src_a-signed', 's1', api.secrets.aSigned, new Date().toISOString());
  });

  it('refuses the same webhook-id with a different body (422) and overwrites nothing', async () => {
    const original = canonicalInput();
    const first = await api.signedPost('src_a-signed', JSON.stringify(original), { id: 'msg_reuse-1' });
    expect(first.status).toBe(202);
    const changed = { ...original, person: { ...original.person, sex: 'male' } };
    const second = await api.signedPost('src_a-signed', JSON.stringify(changed), { id: 'msg_reuse-1' });
    expectProblem(second, 422, 'idempotency-key-reused');
    const stored = await api.request('GET', `/v1/records/${first.body.records[0].id}`, {
      headers: { 'x-api-key': api.keys.aReader },
    });
    expect(stored.body.person.sex).toBe('female');
    // and the original replay still gets the first answer
    expect((await api.signedPost('src_a-signed', JSON.stringify(original), { id: 'msg_reuse-1' })).body).toEqual(
      first.body,
    );
  });

  it('runs N concurrent identical requests once; the others get the stored answer or 409 with Retry-After', async () => {
    const body = JSON.stringify(canonicalInput());
    const before = await countRecords();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.signedPost('src_a-signed', body, { id: 'msg_concurrent-1' })),
    );
    const created = answers.filter(
      (a) =>
        a.status === 202 && a.body.records[0].outcome === 'created' && a.headers.get('idempotent-replayed') !== 'true',
    );
    expect(created).toHaveLength(1);
    for (const a of answers) {
      if (a.status === 409) expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
      else expect(a.body).toEqual(created[0]!.body);
    }
    expect(await countRecords()).toBe(before + 1);
  });

  it('leaves no idempotency record after a failed execution, so a retry with the same id runs again', async () => {
    const failed = await api.signedPost(
      'src_a-signed',
      JSON.stringify({ ...canonicalInput(), person: { sex: 'female' } }),
      { id: 'msg_retry-1' },
    );
    expect(failed.status).toBe(422);
    const retried = await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()), { id: 'msg_retry-1' });
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('POST /v1/sources/{sourceId}/records with API keys', () => {
  const post = (sourceId: string, headers: Record<string, string>, body: unknown = canonicalInput()) =>
    api.request('POST', `/v1/sources/${sourceId}/records`, {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('accepts the source key as bearer, x-api-key and basic auth', async () => {
    expect((await post('src_a-keyed', { authorization: `Bearer ${api.keys.aSource}` })).status).toBe(202);
    expect((await post('src_a-keyed', { 'x-api-key': api.keys.aSource })).status).toBe(202);
    const keyId = api.keys.aSource.split('_')[1];
    const basic = Buffer.from(`${keyId}:${api.keys.aSource}`).toString('base64');
    expect((await post('src_a-keyed', { authorization: `Basic ${basic}` })).status).toBe(202);
  });

  it('refuses a wrong or missing key with 401', async () => {
    expectProblem(
      await post('src_a-keyed', { 'x-api-key': api.keys.aSource.slice(0, -2) + 'xx' }),
      401,
      'credentials-invalid',
    );
    expectProblem(await post('src_a-keyed', { 'x-api-key': 'not-a-key' }), 401, 'credentials-invalid');
    expectProblem(await post('src_a-keyed', {}), 401, 'credentials-missing');
  });

  it("answers 404 when a key pushes into another organisation's source", async () => {
    expectProblem(await post('src_b-keyed', { 'x-api-key': api.keys.aSource }), 404, 'source-not-found');
    expectProblem(await post('src_b-keyed', { 'x-api-key': api.keys.aAdmin }), 404, 'source-not-found');
  });

  it('answers 404, as with a key, to a signed push into a source that does not exist', async () => {
    expectProblem(await api.signedPost('src_nowhere', JSON.stringify(canonicalInput())), 404, 'source-not-found');
  });

  it('refuses a reader key (403): pushing needs the source or admin role', async () => {
    expectProblem(await post('src_a-keyed', { 'x-api-key': api.keys.aReader }), 403, 'role-required');
  });
});

describe('ingestion of bad input', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    api.request('POST', '/v1/sources/src_a-keyed/records', {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource, ...headers },
      body,
    });

  it('answers 422 with a pointer to the field of the wrong type, in French with Accept-Language: fr', async () => {
    const res = await post(JSON.stringify({ ...canonicalInput(), person: { ...canonicalInput().person, sex: 42 } }), {
      'accept-language': 'fr-CD,fr;q=0.9,en;q=0.5',
    });
    expectProblem(res, 422, 'invalid-document');
    expect(res.body.title).toBe('Échec de la validation');
    expect(res.headers.get('content-language')).toBe('fr');
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/person/sex',
        detail: expect.stringMatching(/Option invalide|Entrée invalide/),
      }),
    ]);
  });

  it('answers in English by default', async () => {
    const res = await post(JSON.stringify({ ...canonicalInput(), person: { ...canonicalInput().person, sex: 42 } }));
    expect(res.body.title).toBe('Validation failed');
  });

  it('rejects unknown properties with a pointer to each', async () => {
    const res = await post(
      JSON.stringify({
        ...canonicalInput(),
        favouriteColour: 'blue',
        person: { ...canonicalInput().person, nickname: 'x' },
      }),
    );
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/favouriteColour',
      '/person/nickname',
    ]);
  });

  it('rejects a whole batch when one record is invalid, listing pointers into the array, and stores none', async () => {
    const before = await countRecords(api.keys.aReader, 'src_a-keyed');
    const good = canonicalInput();
    const bad = { ...canonicalInput(), case: { status: 'unknown-status' } };
    const res = await post(
      JSON.stringify([
        good,
        bad,
        {
          ...canonicalInput(),
          person: { ...canonicalInput().person, birthDate: { value: '2015-02-30', precision: 'exact' } },
        },
      ]),
    );
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/1/case/status',
      '/2/person/birthDate/value',
    ]);
    expect(await countRecords(api.keys.aReader, 'src_a-keyed')).toBe(before);
  });

  it('never quotes the submitted values in an error', async () => {
    const res = await post(
      JSON.stringify({ ...canonicalInput(), person: { name: { family: 'KABILA'.repeat(50) }, sex: 'KABONGO' } }),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/KABILA|KABONGO/);
  });

  it('answers 400 for malformed JSON without echoing it', async () => {
    const res = await post('{"person": MUTOMBO');
    expectProblem(res, 400, 'malformed-json');
    expect(JSON.stringify(res.body)).not.toContain('MUTOMBO');
  });

  it('answers 415 when the body is not JSON', async () => {
    expectProblem(await post('a,b', { 'content-type': 'text/csv' }), 415, 'json-required');
  });

  it('answers 413 for a body over the limit and for a batch of more than 500 records', async () => {
    expectProblem(await post(JSON.stringify({ pad: 'x'.repeat(6 * 1024 * 1024) })), 413, 'body-too-large');
    const batch = Array.from({ length: 501 }, () => canonicalInput());
    expectProblem(await post(JSON.stringify(batch)), 413, 'batch-too-large');
  });

  it('accepts a batch of 500 records', async () => {
    const res = await post(JSON.stringify(Array.from({ length: 500 }, () => canonicalInput())));
    expect(res.status).toBe(202);
    expect(res.body.records).toHaveLength(500);
  });

  it('answers 422 for an empty batch', async () => {
    expectProblem(await post('[]'), 422, 'batch-empty');
  });
});

describe('versions of one source record', () => {
  const post = (body: unknown) =>
    api.request('POST', '/v1/sources/src_a-keyed/records', {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource },
      body: JSON.stringify(body),
    });

  it('replaces an older version with a newer one and ignores older or identical deliveries', async () => {
    const v1 = canonicalInput({ sourceRecordId: 'versioned-1', sourceUpdatedAt: '2026-03-01T10:00:00Z' });
    const v2 = { ...v1, sourceUpdatedAt: '2026-03-02T10:00:00Z', case: { ...v1.case, riskLevel: 'high' } };
    expect((await post(v1)).body.records[0].outcome).toBe('created');
    expect((await post(v2)).body.records[0].outcome).toBe('updated');
    expect((await post(v1)).body.records[0].outcome).toBe('unchanged');
    expect((await post(v2)).body.records[0].outcome).toBe('unchanged');
    const id = (await post(v2)).body.records[0].id;
    const stored = await api.request('GET', `/v1/records/${id}`, { headers: { 'x-api-key': api.keys.aReader } });
    expect(stored.body.case.riskLevel).toBe('high');
    expect(stored.body.provenance).toMatchObject({
      sourceId: 'src_a-keyed',
      sourceRecordId: 'versioned-1',
      mappingVersion: 'canonical@1',
    });
  });
});
