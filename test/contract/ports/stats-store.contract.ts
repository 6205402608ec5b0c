import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ChildFacts } from '../../../core/stats/facts.ts';
import type { ReferralFacts, StatsStore } from '../../../core/stats/ports.ts';
import type { StatsReport } from '../../../core/stats/report.ts';

const child = (personId: string, organisationId = 'org_aa'): ChildFacts => ({
  personId,
  records: [
    {
      organisationId,
      registeredOn: '2026-01-10',
      sex: 'female',
      birthDate: { value: '2014-03-02', precision: 'exact' },
      protectionConcerns: ['separated'],
      province: 'Ituri',
    },
  ],
  referrals: [{ serviceType: 'psychosocial', requestedOn: '2026-02-01' }],
});

const referral = (id: string, version: number, childKey?: string): ReferralFacts => ({
  id,
  version,
  ...(childKey ? { childKey } : {}),
  referring: { organisationId: 'org_aa' },
  receiving: { organisationId: 'org_bb' },
  serviceType: 'psychosocial',
  requestedAt: '2026-02-01T08:00:00.000Z',
  dueAt: '2026-02-04T08:00:00.000Z',
  history: [{ status: 'requested', at: '2026-02-01T08:00:00.000Z' }],
  delivery: [{ fact: 'queued', at: '2026-02-01T08:00:00.000Z' }],
});

const refId = () =>
  `ref_${randomUUID()
    .replace(/-/g, '')
    .slice(0, 26)
    .replace(/[0189]/g, 'a')}`;

/** What refreshes and reports rely on from any statistics store. */
export function statsStoreContract(store: () => StatsStore): void {
  it('keeps one row per child, overwritten whole, and forgets a deleted one', async () => {
    const s = store();
    const id = `per_${randomUUID()}`;
    await s.putChild(child(id, 'org_aa'));
    await s.putChild(child(id, 'org_bb'));
    expect((await s.getChild(id))?.records.map((r) => r.organisationId)).toEqual(['org_bb']);
    await s.deleteChild(id);
    expect(await s.getChild(id)).toBeUndefined();
    await s.deleteChild(id); // deleting what is gone is not an error
  });

  it('keeps the higher version of a referral row, whatever the order of the writes', async () => {
    const s = store();
    const id = refId();
    await s.putReferral({ ...referral(id, 2), history: [{ status: 'accepted', at: '2026-02-02T08:00:00.000Z' }] });
    await s.putReferral(referral(id, 1));
    expect((await s.getReferral(id))?.history.map((h) => h.status)).toEqual(['accepted']);
    await s.putReferral({ ...referral(id, 3), history: [{ status: 'completed', at: '2026-02-03T08:00:00.000Z' }] });
    expect((await s.getReferral(id))?.version).toBe(3);
  });

  it("finds a child's referrals by the child's keys, and no one else's", async () => {
    const s = store();
    const [mine, other] = [`record#rec_${randomUUID()}`, `record#rec_${randomUUID()}`];
    const [a, b, c] = [refId(), refId(), refId()];
    await s.putReferral(referral(a, 1, mine));
    await s.putReferral(referral(b, 1, other));
    await s.putReferral(referral(c, 1));
    // The index may lag an instant behind writes on AWS; dynalite and memory are immediate.
    expect((await s.referralsOf([mine])).map((r) => r.id)).toEqual([a]);
    expect((await s.referralsOf([mine, other])).map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(await s.referralsOf([])).toEqual([]);
  });

  it('reads every child row and every referral row, and nothing else, in one readAll', async () => {
    const s = store();
    const ids = Array.from({ length: 30 }, () => `per_${randomUUID()}`);
    for (const id of ids) await s.putChild(child(id));
    const r = refId();
    await s.putReferral(referral(r, 1));
    await s.publish({ key: `k-${randomUUID()}`, report: { computedAt: 'x' } as unknown as StatsReport });
    const all = await s.readAll();
    expect(all.children.map((c) => c.personId)).toEqual(expect.arrayContaining(ids));
    expect(all.children.every((c) => c.personId.startsWith('per_'))).toBe(true);
    expect(all.referrals.map((x) => x.id)).toContain(r);
    expect(all.children.find((c) => c.personId === ids[0])).toEqual(child(ids[0]!));
  });

  it('publishes a table once: the first publication stands against any later one', async () => {
    const s = store();
    const key = `2026-01-01|2026-03-31|sex|primero|${randomUUID()}`;
    const first = { computedAt: '2026-04-02T00:00:00.000Z', total: { count: 7 } } as unknown as StatsReport;
    const later = { computedAt: '2026-04-03T00:00:00.000Z', total: { count: 8 } } as unknown as StatsReport;
    expect(await s.getPublication(key)).toBeUndefined();
    expect((await s.publish({ key, report: first })).report).toEqual(first);
    expect((await s.publish({ key, report: later })).report).toEqual(first);
    expect((await s.getPublication(key))?.report).toEqual(first);
    const [x, y] = await Promise.all([
      s.publish({ key: `${key}-race`, report: first }),
      s.publish({ key: `${key}-race`, report: later }),
    ]);
    expect(x.report).toEqual(y.report);
  });
}
