import { expect, it } from 'vitest';
import type { ReferralStore } from '../../../core/referrals/ports.ts';
import { eventOf } from '../../../core/referrals/events.ts';
import type { StatusEntry } from '../../../schemas/canonical/referral.ts';
import { consentFor, storedReferral } from '../../fixtures/referrals/referrals.ts';

const accepted = (version: number): StatusEntry => ({
  version,
  status: 'accepted',
  at: '2026-12-01T11:00:00.000Z',
  byOrganisationId: 'org_divas',
  side: 'receiving',
});

/** What every ReferralStore must do, whatever holds it. */
export function referralStoreContract(make: () => ReferralStore) {
  it('stores a referral once; a second creation of the id stores nothing', async () => {
    const store = make();
    const referral = storedReferral();
    expect(await store.create(referral)).toBe('created');
    expect(await store.create({ ...referral, reason: 'autre' })).toBe('exists');
    expect((await store.get(referral.id))?.reason).toBe(referral.reason);
    expect(await store.get('ref_zzzzzzzzzzzzzzzzzzzzzzzzzz')).toBeUndefined();
  });

  it('changes a referral only at the expected version, and keeps the history its events come from', async () => {
    const store = make();
    const referral = storedReferral();
    await store.create(referral);
    const changed = await store.change(referral.id, 1, accepted(2), { receiverCaseId: 'DIVAS-77' });
    expect(changed).not.toBe('conflict');
    expect(changed).toMatchObject({ version: 2, status: 'accepted', receiving: { caseId: 'DIVAS-77' } });
    expect(await store.change(referral.id, 1, accepted(2))).toBe('conflict');
    const read = await store.get(referral.id);
    expect(read?.history.map((h) => h.status)).toEqual(['requested', 'accepted']);
    expect(eventOf(read!, 2)).toMatchObject({ type: 'referral.status-changed', recipientOrganisationId: 'org_espoir' });
    expect(eventOf(read!, 1)).toMatchObject({ type: 'referral.requested', recipientOrganisationId: 'org_divas' });
  });

  it('keeps delivery facts apart from the status: a fact never undoes a change, nor a change a fact', async () => {
    const store = make();
    const referral = storedReferral();
    await store.create(referral);
    const fact = {
      fact: 'delivered',
      at: '2026-12-01T10:00:05.000Z',
      toOrganisationId: 'org_divas',
      version: 1,
      channel: 'webhook',
    } as const;
    await Promise.all([store.addFact(referral.id, fact), store.change(referral.id, 1, accepted(2))]);
    const read = await store.get(referral.id);
    expect(read?.delivery).toEqual([fact]);
    expect(read?.status).toBe('accepted');
  });

  it('records the facts a creation or a change carries with it, in time order among the others', async () => {
    const store = make();
    const referral = storedReferral();
    const fact = (kind: 'queued' | 'delivered', version: number, at: string) => ({
      fact: kind,
      version,
      at: `2026-12-01T11:00:0${at}.000Z`,
      toOrganisationId: version === 1 ? 'org_divas' : 'org_espoir',
    });
    expect(await store.create({ ...referral, delivery: [fact('queued', 1, '1')] })).toBe('created');
    await store.addFact(referral.id, fact('delivered', 1, '2'));
    const changed = await store.change(referral.id, 1, accepted(2), {}, [fact('queued', 2, '3')]);
    expect(changed).not.toBe('conflict');
    const expected = [
      ['queued', 1],
      ['delivered', 1],
      ['queued', 2],
    ];
    const facts = (r: { delivery: Array<{ fact: string; version: number }> }) =>
      r.delivery.map((f) => [f.fact, f.version]);
    expect(facts(changed as never)).toEqual(expected);
    expect(facts((await store.get(referral.id))!)).toEqual(expected);
    // A change refused keeps none of its facts.
    expect(await store.change(referral.id, 1, accepted(2), {}, [fact('queued', 2, '4')])).toBe('conflict');
    expect(facts((await store.get(referral.id))!)).toEqual(expected);
  });

  it('lists sent and received referrals newest first, by status, a page at a time', async () => {
    const store = make();
    const org = `org_list-${crypto.randomUUID().slice(0, 8)}`;
    const made = [];
    for (let i = 0; i < 5; i++) {
      const r = storedReferral({ referring: { organisationId: org } });
      made.push(r);
      await store.create(r);
    }
    await store.change(made[0]!.id, 1, accepted(2));
    const first = await store.list({ organisationId: org, role: 'sent', limit: 3 });
    expect(first.items).toHaveLength(3);
    const rest = await store.list({ organisationId: org, role: 'sent', limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((r) => r.id)).toEqual(
      [...made].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)).map((r) => r.id),
    );
    expect(rest.nextCursor).toBeUndefined();
    expect(
      (await store.list({ organisationId: org, role: 'sent', status: 'accepted', limit: 10 })).items.map((r) => r.id),
    ).toEqual([made[0]!.id]);
    expect((await store.list({ organisationId: org, role: 'received', limit: 10 })).items).toEqual([]);
  });

  it("finds the referrals an organisation sent under one consent record, oldest first, and no one else's", async () => {
    const store = make();
    const org = `org_consent-${crypto.randomUUID().slice(0, 8)}`;
    const other = `org_other-${crypto.randomUUID().slice(0, 8)}`;
    const under = (organisationId: string, reference?: string, requestedAt = '2026-11-01T08:00:00.000Z') =>
      storedReferral({
        referring: { organisationId },
        requestedAt,
        consent: consentFor(['org_divas'], reference ? { reference } : {}) as never,
      });
    const first = under(org, 'CF-2026-0117', '2026-11-02T08:00:00.000Z');
    const second = under(org, 'CF-2026-0117', '2026-11-03T08:00:00.000Z');
    const unrelated = [under(org, 'CF-2026-0118'), under(org), under(other, 'CF-2026-0117')];
    const override = storedReferral({
      referring: { organisationId: org },
      consent: {
        basis: 'override',
        justification: 'Danger immédiat, personne à joindre',
        recordedBy: 'CW-1',
        categories: ['identity'],
      },
    });
    // Made in reverse order: the answer follows the referrals' request times, not the writes.
    for (const r of [second, ...unrelated, override, first]) await store.create(r);
    expect(await store.listByConsent(org, 'CF-2026-0117')).toEqual([first.id, second.id]);
    // A change rewrites the referral: it stays under its consent record.
    await store.change(first.id, 1, accepted(2));
    expect(await store.listByConsent(org, 'CF-2026-0117')).toEqual([first.id, second.id]);
    expect(await store.listByConsent(other, 'CF-2026-0117')).toEqual([unrelated[2]!.id]);
    expect(await store.listByConsent(org, 'CF-2026-9999')).toEqual([]);
  });

  it("keeps each organisation's inbox of events in arrival order, resumable, each event once", async () => {
    const store = make();
    const org = `org_inbox-${crypto.randomUUID().slice(0, 8)}`;
    const events = [];
    for (let i = 0; i < 3; i++) {
      const r = storedReferral({ receiving: { organisationId: org, serviceId: 'svc_00000000000000a1' } });
      await store.create(r);
      const e = eventOf(r, 1);
      events.push(e);
      await store.putInInbox(e);
      await store.putInInbox(e);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await store.inbox(org, undefined, 2);
    const rest = await store.inbox(org, first.nextCursor, 2);
    expect([...first.items, ...rest.items]).toEqual(events);
    // Read to its end, the inbox still says where: a later poll resumes there and sees only what is new.
    expect(rest.nextCursor).toBeDefined();
    expect((await store.inbox(org, rest.nextCursor, 2)).items).toEqual([]);
    const later = storedReferral({ receiving: { organisationId: org, serviceId: 'svc_00000000000000a1' } });
    await store.create(later);
    await store.putInInbox(eventOf(later, 1));
    expect((await store.inbox(org, rest.nextCursor, 2)).items).toEqual([eventOf(later, 1)]);
    expect((await store.inbox('org_nobody', undefined, 5)).items).toEqual([]);
  });
}
