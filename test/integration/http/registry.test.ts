import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const child = (sourceRecordId: string, person: Record<string, unknown>, sourceUpdatedAt = '2026-03-01T10:00:00Z') => ({
  sourceRecordId,
  sourceUpdatedAt,
  person: { location: { country: 'CD', province: 'Lualaba', territory: 'Kolwezi', locality: 'Kasulo' }, ...person },
  case: { status: 'open', protectionConcerns: ['worst_forms_of_child_labor'] },
});
const jeanAtAlpha = child('A-001', {
  name: { family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean' },
  sex: 'male',
  birthDate: { value: '2014-03-02', precision: 'exact' },
  caregivers: [{ relationship: 'mother', name: { given: 'Neema', family: 'KABASELE' }, phone: '+243812345678' }],
});
const jeanAtBeta = child('B-771', {
  name: { family: 'Kabasele', given: 'Jean Tshimanga' },
  sex: 'male',
  birthDate: { value: '2014-03-02', precision: 'exact' },
  caregivers: [{ relationship: 'mother', name: { given: 'Neema', family: 'Kabasele' }, phone: '+243812345678' }],
});
// Twins: same family, birth date, caregiver and village; different given names.
const twin = (id: string, given: string) =>
  child(id, {
    name: { family: 'MUTOMBO', middle: 'ILUNGA', given },
    sex: 'female',
    birthDate: { value: '2016-07-19', precision: 'exact' },
    caregivers: [{ relationship: 'father', name: { given: 'Pierre', family: 'MUTOMBO' }, phone: '+243990001122' }],
  });

const reader = (key: string) => ({ 'x-api-key': key });
/** Pushes one record, waits for the matcher (it runs off the request path), and returns the record's person. */
async function push(sourceId: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await api.signedPost(sourceId, JSON.stringify(body));
  await api.runtime.drain();
  const key = sourceId.startsWith('src_b') ? api.keys.bReader : api.keys.aReader;
  for (const r of res.body.records ?? [])
    r.personId = (await api.request('GET', `/v1/records/${r.id}`, { headers: reader(key) })).body.personId;
  return res;
}

describe('the person registry behind ingestion', () => {
  let personId: string;

  it('links the records of one child pushed by two organisations to one person', async () => {
    const a = await push('src_a-signed', jeanAtAlpha);
    const b = await push('src_b-signed', jeanAtBeta);
    expect(a.status).toBe(202);
    personId = a.body.records[0].personId;
    expect(personId).toMatch(/^per_/);
    expect(b.body.records[0].personId).toBe(personId);
  });

  it('shows each organisation only its own records of the person', async () => {
    const seenByA = await api.request('GET', `/v1/persons/${personId}`, { headers: reader(api.keys.aReader) });
    expect(seenByA.status).toBe(200);
    expect(seenByA.body.records).toHaveLength(1);
    expect(seenByA.body.otherRecords).toBe(1);
    const seenByB = await api.request('GET', `/v1/persons/${personId}`, { headers: reader(api.keys.bReader) });
    expect(seenByB.body.records[0].recordId).not.toBe(seenByA.body.records[0].recordId);
    expect(JSON.stringify(seenByB.body)).not.toContain(seenByA.body.records[0].recordId);
  });

  it('never auto-links twins: they become a review item, and "different" survives re-ingestion', async () => {
    const grace = await push('src_a-signed', twin('A-201', 'Grace'));
    const gloire = await push('src_a-signed', twin('A-202', 'Gloire'));
    const gracePerson = grace.body.records[0].personId;
    expect(gloire.body.records[0].personId).not.toBe(gracePerson);

    const queue = await api.request('GET', '/v1/admin/reviews', { headers: reader(api.keys.aAdmin) });
    const review = queue.body.items.find((r: { personId: string; candidatePersonId: string }) =>
      [r.personId, r.candidatePersonId].includes(gracePerson),
    );
    expect(review).toBeDefined();
    expect(review.guard).toBe('same-household');
    const decided = await api.request('POST', `/v1/admin/reviews/${review.id}`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'different', reason: 'Jumelles, vérifié avec le père' }),
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('different');
    const contrary = await api.request('POST', `/v1/admin/reviews/${review.id}`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'same', reason: 'changed my mind' }),
    });
    expect(contrary.status).toBe(409);
    expect(contrary.body.code).toBe('review-decided');
    const same = await api.request('POST', `/v1/admin/reviews/${review.id}`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'different', reason: 'again' }),
    });
    expect(same.status).toBe(409);
    expect(same.headers.get('content-type')).toContain('application/problem+json');
    expect(same.body.code).toBe('review-decided');
    // New versions of both records, now identical but for the given name, still stay apart.
    const again1 = await push('src_a-signed', { ...twin('A-201', 'Grace'), sourceUpdatedAt: '2026-04-01T10:00:00Z' });
    const again2 = await push('src_a-signed', { ...twin('A-202', 'Gloire'), sourceUpdatedAt: '2026-04-01T10:00:00Z' });
    expect(again1.body.records[0].personId).not.toBe(again2.body.records[0].personId);
    const reopened = (
      await api.request('GET', '/v1/admin/reviews', { headers: reader(api.keys.aAdmin) })
    ).body.items.filter(
      (r: { personId: string; candidatePersonId: string }) =>
        [r.personId, r.candidatePersonId].includes(again1.body.records[0].personId) &&
        [r.personId, r.candidatePersonId].includes(again2.body.records[0].personId),
    );
    expect(reopened).toEqual([]);
  });

  it('opens one review by id for an administrator whose organisation holds a record of it, and no one else', async () => {
    const sister = (id: string, given: string) =>
      child(id, {
        name: { family: 'KALALA', given },
        sex: 'female',
        birthDate: { value: '2013-01-05', precision: 'exact' },
        caregivers: [{ relationship: 'mother', name: { given: 'Ruth', family: 'KALALA' }, phone: '+243970001111' }],
      });
    const first = (await push('src_a-signed', sister('A-211', 'Esther'))).body.records[0];
    await push('src_a-signed', sister('A-212', 'Estelle'));
    const queue = await api.request('GET', '/v1/admin/reviews', { headers: reader(api.keys.aAdmin) });
    const listed = queue.body.items.find((r: { personId: string; candidatePersonId: string }) =>
      [r.personId, r.candidatePersonId].includes(first.personId),
    );
    const one = await api.request('GET', `/v1/admin/reviews/${listed.id}`, { headers: reader(api.keys.aAdmin) });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(listed);
    await api.request('POST', `/v1/admin/reviews/${listed.id}`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'different', reason: 'Sœurs' }),
    });
    const decided = await api.request('GET', `/v1/admin/reviews/${listed.id}`, { headers: reader(api.keys.aAdmin) });
    expect([decided.body.status, decided.body.reason]).toEqual(['different', 'Sœurs']);
    const elsewhere = await api.request('GET', `/v1/admin/reviews/${listed.id}`, { headers: reader(api.keys.bAdmin) });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'review-not-found']);
    const unknown = await api.request('GET', `/v1/admin/reviews/rev_${'a'.repeat(26)}`, {
      headers: reader(api.keys.aAdmin),
    });
    expect(unknown.status).toBe(404);
    expect((await api.request('GET', `/v1/admin/reviews/not-an-id`, { headers: reader(api.keys.aAdmin) })).status).toBe(
      404,
    );
    expect(
      (await api.request('GET', `/v1/admin/reviews/${listed.id}`, { headers: reader(api.keys.aReader) })).status,
    ).toBe(403);
  });

  it("answers a profile search with explained candidates, without other organisations' record ids", async () => {
    const res = await api.request('POST', '/v1/persons/match', {
      headers: { ...reader(api.keys.aReader), 'content-type': 'application/json' },
      body: JSON.stringify({ person: jeanAtBeta.person }),
    });
    expect(res.status).toBe(200);
    const best = res.body.candidates[0];
    expect(best.personId).toBe(personId);
    expect(best.fields.length).toBeGreaterThan(0);
    // The closest record may be Beta's: then Alpha does not see its id.
    if (best.closestRecordId)
      expect(
        (await api.request('GET', `/v1/records/${best.closestRecordId}`, { headers: reader(api.keys.aReader) })).status,
      ).toBe(200);
  });

  it('tells a searcher only how many organisations may know a child it holds no record of', async () => {
    const grace = (await push('src_a-signed', twin('A-201', 'Grace'))).body.records[0].personId;
    const res = await api.request('POST', '/v1/persons/match', {
      headers: { ...reader(api.keys.bReader), 'content-type': 'application/json' },
      body: JSON.stringify({ person: twin('X-1', 'Grace').person }),
    });
    expect(res.status).toBe(200);
    expect(res.body.knownElsewhere).toEqual({ organisations: 1 });
    expect(JSON.stringify(res.body)).not.toContain(grace);
    // Beta holds a record of Jean only: that candidate keeps its detail, nothing else is listed.
    for (const c of res.body.candidates)
      expect(
        (await api.request('GET', `/v1/persons/${c.personId}`, { headers: reader(api.keys.bReader) })).status,
      ).toBe(200);
  });

  it('lists records with their registry person', async () => {
    const res = await api.request('GET', '/v1/records?sourceId=src_b-signed', { headers: reader(api.keys.bReader) });
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) expect(item.personId).toMatch(/^per_/);
  });

  it("pages a person's history with an opaque cursor, and answers 400 to a bad one", async () => {
    const first = await api.request('GET', `/v1/persons/${personId}?historyLimit=1`, {
      headers: reader(api.keys.aReader),
    });
    expect(first.status).toBe(200);
    expect(first.body.history).toHaveLength(1);
    expect(first.body.historyNextCursor).toEqual(expect.any(String));
    const all = await api.request('GET', `/v1/persons/${personId}`, { headers: reader(api.keys.aReader) });
    const next = await api.request(
      'GET',
      `/v1/persons/${personId}?historyLimit=1&historyCursor=${first.body.historyNextCursor}`,
      { headers: reader(api.keys.aReader) },
    );
    expect(next.status).toBe(200);
    expect([...first.body.history, ...next.body.history]).toEqual(all.body.history.slice(0, 2));
    const forged = Buffer.from('{"pk":"person#x"}').toString('base64url');
    for (const cursor of ['not-a-cursor!', forged, 'A'.repeat(300)]) {
      const bad = await api.request('GET', `/v1/persons/${personId}?historyCursor=${encodeURIComponent(cursor)}`, {
        headers: reader(api.keys.aReader),
      });
      expect(bad.status, cursor).toBe(400);
      expect(bad.body.code, cursor).toBe('invalid-cursor');
      expect(bad.body.errors[0].pointer, cursor).toBe('/historyCursor');
    }
    // The cursor is sealed to the person and the organisation it was handed to.
    const otherPerson = `per_${'a'.repeat(26)}`;
    for (const [path, key] of [
      [`/v1/persons/${otherPerson}`, api.keys.aReader],
      [`/v1/persons/${personId}`, api.keys.bReader],
    ] as const) {
      const replayed = await api.request('GET', `${path}?historyCursor=${first.body.historyNextCursor}`, {
        headers: reader(key),
      });
      expect(replayed.status, path).toBe(400);
      expect(replayed.body.code, path).toBe('invalid-cursor');
    }
  });

  it('refuses to merge a person into itself (409)', async () => {
    const res = await api.request('POST', `/v1/admin/persons/${personId}/merge`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ personId, reason: 'x' }),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('merge-same-person');
  });

  it("answers 404 for a person none of whose records are the caller's", async () => {
    const grace = (await push('src_a-signed', twin('A-201', 'Grace'))).body.records[0].personId;
    expect((await api.request('GET', `/v1/persons/${grace}`, { headers: reader(api.keys.bReader) })).status).toBe(404);
  });

  it('lets an administrator split out their record, and refuses a merge with a person they hold no record in', async () => {
    const seen = await api.request('GET', `/v1/persons/${personId}`, { headers: reader(api.keys.aAdmin) });
    const mine = seen.body.records[0].recordId;
    const split = await api.request('POST', `/v1/admin/persons/${personId}/split`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ recordIds: [mine], reason: 'Deux enfants différents' }),
    });
    expect(split.status).toBe(201);
    expect(split.body.id).not.toBe(personId);
    const merged = await api.request('POST', `/v1/admin/persons/${split.body.id}/merge`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ personId, reason: 'Erreur de saisie corrigée' }),
    });
    // Alpha holds no record in the person that stayed with Beta's record only: it cannot merge it.
    expect(merged.status).toBe(404);
    const history = (await api.request('GET', `/v1/persons/${split.body.id}`, { headers: reader(api.keys.aAdmin) }))
      .body.history;
    expect(history.map((h: { action: string }) => h.action)).toContain('split');
  });

  it('lets an administrator merge two persons they hold records in, overriding the matcher, audited', async () => {
    const a = (
      await push(
        'src_a-signed',
        child('A-301', {
          name: { family: 'NIYONZIMA', given: 'Claude' },
          sex: 'male',
          birthDate: { value: '2011', precision: 'year' },
        }),
      )
    ).body.records[0].personId;
    const b = (
      await push(
        'src_a-signed',
        child('A-302', {
          name: { family: 'HAKIZIMANA', given: 'Eric' },
          sex: 'male',
          birthDate: { value: '2009', precision: 'year' },
        }),
      )
    ).body.records[0].personId;
    expect(a).not.toBe(b);
    const merged = await api.request('POST', `/v1/admin/persons/${a}/merge`, {
      headers: { ...reader(api.keys.aAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ personId: b, reason: 'Même enfant, nom changé après adoption' }),
    });
    expect(merged.status).toBe(200);
    expect(merged.body.records).toHaveLength(2);
    expect(merged.body.history.find((h: { action: string }) => h.action === 'merge')).toMatchObject({
      by: expect.stringMatching(/^key:/),
      reason: 'Même enfant, nom changé après adoption',
    });
  });

  it('rejects a split that names a record of another organisation, pointing at it', async () => {
    const res = await api.request('POST', `/v1/admin/persons/${personId}/split`, {
      headers: { ...reader(api.keys.bAdmin), 'content-type': 'application/json' },
      body: JSON.stringify({ recordIds: ['rec_aaaaaaaaaaaaaaaaaaaaaaaaaa'], reason: 'x' }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/recordIds/0');
  });

  it('limits registry searches per organisation, whichever of its keys searches (429 with Retry-After)', async () => {
    const search = (key: string) =>
      api.request('POST', '/v1/persons/match', {
        headers: { ...reader(key), 'content-type': 'application/json' },
        body: JSON.stringify({ person: { name: { given: 'Amani' }, sex: 'male' } }),
      });
    const answers = [];
    // Two keys of one organisation, 16 searches each: more keys must not mean more searches.
    for (let i = 0; i < 32; i++) answers.push(await search(i % 2 ? api.keys.bAdmin : api.keys.bReader));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
