import { beforeEach, expect, it } from 'vitest';
import { matchSubject } from '../../../core/matching/subject.ts';
import { encodeHistoryCursor } from '../../../core/registry/history-cursor.ts';
import type { AuditEvent, RecordLink, RegistryPerson, ReviewItem } from '../../../core/registry/model.ts';
import { BLOCK_CAPACITY, type RegistryStore } from '../../../core/registry/ports.ts';

/**
 * The behaviour every RegistryStore adapter owes the registry (core/registry/ports.ts): single-item
 * conditional writes, missing items left out of batch reads, bounded lookups, idempotent audit appends
 * and pages that go on where they stopped. registry-store.test.ts runs it against each adapter, with a fresh, empty store per case.
 */
export function registryStoreContract(freshStore: () => Promise<RegistryStore>): void {
  let store: RegistryStore;
  beforeEach(async () => {
    store = await freshStore();
  });

  const at = (second: number) => `2026-03-01T10:00:${String(second).padStart(2, '0')}.000Z`;
  const personId = (n: number) => `per_${'a'.repeat(25)}${'abcdefghijklmnopqrstuvwxyz'[n]}`;
  const link = (recordId: string, version = 1): RecordLink => ({
    recordId,
    personId: personId(0),
    subjectHash: 'h',
    version,
    updatedAt: at(0),
  });
  const person = (n: number, version = 1): RegistryPerson => ({
    id: personId(n),
    version,
    status: 'active',
    members: [
      {
        recordId: `rec_${n}`,
        organisationId: 'org_a',
        subject: matchSubject(
          { name: { given: 'Neema' }, sex: 'female' },
          { recordId: `rec_${n}`, organisationId: 'org_a' },
        ),
        subjectHash: 'h',
        linkedAt: at(0),
        linkedBy: 'matcher',
        distinctFrom: [],
      },
    ],
    createdAt: at(0),
    updatedAt: at(0),
  });
  const review = (n: number, createdAt = at(n)): ReviewItem => ({
    id: `rev_${'b'.repeat(25)}${'abcdefghijklmnopqrstuvwxyz'[n]}`,
    status: 'open',
    recordId: `rec_${n}`,
    personId: personId(0),
    candidatePersonId: personId(1),
    candidateRecordId: 'rec_x',
    score: 7,
    fields: [{ field: 'name', level: 'high', weight: 3, similarity: 0.9 }],
    createdAt,
    version: 1,
  });
  const event = (n: number, second: number): AuditEvent => ({
    id: `aud_${String(n).padStart(32, '0')}`,
    personId: personId(0),
    at: at(second),
    action: 'link',
    by: 'matcher',
    reason: 'score-above-link-threshold',
    recordIds: [`rec_${n}`],
    recordOrganisations: { [`rec_${n}`]: 'org_a' },
  });

  it('creates only if absent and replaces only at the expected version', async () => {
    expect(await store.putPerson(person(0), undefined)).toBe(true);
    expect(await store.putPerson(person(0), undefined)).toBe(false);
    expect(await store.putPerson(person(0, 2), 5)).toBe(false);
    expect(await store.putPerson(person(0, 2), 1)).toBe(true);
    expect((await store.getPerson(personId(0)))?.version).toBe(2);
    expect(await store.putLink(link('rec_a'))).toBe(true);
    expect(await store.putLink(link('rec_a'))).toBe(false);
    expect(await store.putLink(link('rec_a', 2), 1)).toBe(true);
    expect(await store.getLink('rec_a')).toEqual(link('rec_a', 2));
  });

  it('never lets a caller change what is stored through what it handed out', async () => {
    await store.putPerson(person(0), undefined);
    const read = (await store.getPerson(personId(0)))!;
    try {
      read.members.push(read.members[0]!);
    } catch (error) {
      // The memory store hands out frozen persons: the change is refused rather than copied away.
      expect(error).toBeInstanceOf(TypeError);
    }
    expect((await store.getPerson(personId(0)))?.members).toHaveLength(1);
  });

  it('reads persons and links in batches of any size, leaving out missing ones', async () => {
    for (let n = 0; n < 3; n++) await store.putPerson(person(n), undefined);
    const ids = [personId(0), personId(2), 'per_missingmissingmissingmis', personId(0)];
    expect((await store.getPersons(ids)).map((p) => p.id).sort()).toEqual([personId(0), personId(2)]);
    const recordIds = Array.from({ length: 130 }, (_, i) => `rec_${i}`);
    for (const id of recordIds.filter((_, i) => i % 2 === 0)) await store.putLink(link(id));
    const links = await store.getLinks([...recordIds, 'rec_none']);
    expect(links.map((l) => l.recordId).sort()).toEqual(recordIds.filter((_, i) => i % 2 === 0).sort());
    expect(await store.getLinks([])).toEqual([]);
  });

  it('finds persons by blocking key, flags a key shared by more than the cap, and unindexes', async () => {
    await store.indexPerson(personId(0), ['k:one', 'k:common']);
    await store.indexPerson(personId(1), ['k:common']);
    await store.indexPerson(personId(2), ['k:common']);
    const [one, common] = await store.lookup(['k:one', 'k:common'], 2);
    expect(one).toEqual({ key: 'k:one', personIds: [personId(0)], overflow: false });
    expect(common?.overflow).toBe(true);
    expect(common!.personIds.length).toBeLessThanOrEqual(3);
    await store.unindexPerson(personId(0), ['k:one']);
    expect((await store.lookup(['k:one'], 2))[0]).toEqual({ key: 'k:one', personIds: [], overflow: false });
  });

  it('files a person once however often, and keeps a block that reached capacity a stop key for good', async () => {
    await store.indexPerson(personId(0), ['k:twice', 'k:twice']);
    await store.indexPerson(personId(0), ['k:twice']);
    expect((await store.lookup(['k:twice'], 5))[0]?.personIds).toEqual([personId(0)]);
    const crowd = Array.from({ length: BLOCK_CAPACITY + 1 }, (_, i) => `per_crowd${i}`);
    for (const id of crowd) await store.indexPerson(id, ['k:crowded']);
    expect((await store.lookup(['k:crowded'], 200))[0]?.overflow).toBe(true);
    // Persons leaving do not make a block that once turned someone away pass for complete.
    for (const id of crowd.slice(0, 100)) await store.unindexPerson(id, ['k:crowded']);
    const [after] = await store.lookup(['k:crowded'], 200);
    expect(after?.overflow).toBe(true);
    expect(after!.personIds.length).toBeLessThanOrEqual(201);
  });

  it('lists reviews of one status oldest first, page by page', async () => {
    for (let n = 0; n < 5; n++) await store.putReview(review(n), undefined);
    await store.putReview({ ...review(2), status: 'different', version: 2 }, 1);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listReviews({ status: 'open', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.recordId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['rec_0', 'rec_1', 'rec_3', 'rec_4']);
    expect((await store.listReviews({ status: 'different', limit: 10 })).items.map((r) => r.recordId)).toEqual([
      'rec_2',
    ]);
  });

  it('appends an audit event once per id, keeping the first written', async () => {
    await store.appendAudit(event(1, 5));
    await store.appendAudit({ ...event(1, 9), reason: 'a retry' });
    const { items } = await store.listAudit(personId(0), { limit: 10 });
    expect(items).toEqual([event(1, 5)]);
  });

  it('pages the history in time order, then id order within an instant, reading no more than a page', async () => {
    const events = [event(3, 7), event(1, 2), event(4, 7), event(2, 5), event(5, 9)];
    for (const e of events) await store.appendAudit(e);
    const seen: AuditEvent[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listAudit(personId(0), { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen.map((e) => e.id)).toEqual([1, 2, 3, 4, 5].map((n) => event(n, 0).id));
    expect(pages).toBe(3);
    expect((await store.listAudit(personId(0), { limit: 5 })).nextCursor).toBeUndefined();
    expect(await store.listAudit(personId(1), { limit: 5 })).toEqual({ items: [] });
    // A cursor is a position: the next page starts after that event.
    const after = encodeHistoryCursor(event(4, 7));
    expect((await store.listAudit(personId(0), { limit: 5, cursor: after })).items).toEqual([event(5, 9)]);
  });

  it('rejects a malformed history cursor as a bad request', async () => {
    for (const cursor of ['=', 'not a cursor', Buffer.from('{"pk":"person#x"}').toString('base64url')]) {
      await expect(store.listAudit(personId(0), { limit: 2, cursor })).rejects.toMatchObject({
        kind: 'bad-request',
        reason: 'invalid-cursor',
      });
    }
  });
}
