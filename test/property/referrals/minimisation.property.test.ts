import { MemoryChangeStore } from '../../../adapters/memory/change-store.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryChannelStore } from '../../../adapters/memory/channel-store.ts';
import { MemoryReferralStore } from '../../../adapters/memory/referral-store.ts';
import { MemoryServiceDirectory } from '../../../adapters/memory/service-directory.ts';
import { deliverEvent } from '../../../core/delivery/deliver-event.ts';
import { eventOf } from '../../../core/referrals/events.ts';
import { fieldsOf } from '../../../core/referrals/minimise.ts';
import { readReferral } from '../../../core/referrals/read.ts';
import { refer } from '../../../core/referrals/refer.ts';
import type { Principal } from '../../../core/access/principal.ts';
import { ServiceType } from '../../../schemas/canonical/codes.ts';
import { DataCategory, type ReferralEvent, ReferralInput } from '../../../schemas/canonical/referral.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';
import { service } from '../../fixtures/services.ts';
import { recordInTurn } from '../../../core/delivery/attempt-recorder.ts';

const referrer: Principal = {
  organisationId: 'org_espoir',
  roles: ['admin'],
  credential: { kind: 'api-key', keyId: 'k1' },
};
const receiver: Principal = {
  organisationId: 'org_divas-lualaba',
  roles: ['referrals'],
  credential: { kind: 'api-key', keyId: 'k2' },
};
const now = new Date('2026-12-01T10:00:00.000Z');
const child = { ...amani, location: { country: 'CD', province: 'Lualaba', territory: 'Kolwezi' } };

/** Every value of the child, as text, by the view field that holds it. */
const valuesByField: Record<string, string[]> = {
  name: [amani.name.given!, amani.name.family!, amani.name.middle!],
  // Quoted: the identifier KZ-2013-0417 holds the same digits.
  birthDate: [`"${amani.birthDate!.value}"`],
  caregivers: [amani.caregivers![0]!.phone!, amani.caregivers![0]!.name!.given!],
  phones: [amani.phones![0]!],
  identifiers: [amani.identifiers![0]!.value],
  location: ['Kolwezi'],
};

describe('minimisation of a referral, for random consents (property)', () => {
  it('never lets a field outside consent ∩ need reach the webhook, the inbox, the queue or the receiver', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...DataCategory.options], { minLength: 1 }),
        fc.constantFrom(...ServiceType.options.filter((t) => t !== 'other')),
        fc.constantFrom<'full' | 'thin'>('full', 'thin'),
        async (categories, type, events) => {
          const referrals = new MemoryReferralStore();
          const services = new MemoryServiceDirectory();
          const channels = new MemoryChannelStore();
          const queued: ReferralEvent[] = [];
          await services.create(service({ type, serviceAreas: [{ country: 'CD', province: 'Lualaba' }] }));
          const deps = {
            referrals,
            services,
            queue: { enqueue: async (e: ReferralEvent) => void queued.push(e) },
            records: { get: async () => undefined },
            links: { getLink: async () => undefined },
            clock: { now: () => now },
          };
          const input = ReferralInput.parse({
            to: { serviceType: type },
            child: { person: child },
            reason: 'Besoin de protection',
            protectionConcerns: ['separated'],
            priority: 'normal',
            consent: consentFor(['org_divas-lualaba'], { categories, purposes: [type] }),
          });
          const { referral } = await refer(deps, referrer, input);
          const allowed = new Set<string>(referral.child.categories.flatMap((c) => fieldsOf(c)));
          for (const c of referral.child.categories) expect(categories).toContain(c);
          const leaks = (text: string) =>
            Object.entries(valuesByField)
              .filter(([field]) => !allowed.has(field))
              .flatMap(([, values]) => values)
              .filter((v) => text.includes(v));

          // The receiver's read through the API.
          const { view } = await readReferral({ referrals }, receiver, referral.id, now);
          expect(Object.keys(view.child?.view ?? {}).every((k) => allowed.has(k))).toBe(true);
          expect(leaks(JSON.stringify(view))).toEqual([]);

          // The queue message names the event only.
          expect(queued).toHaveLength(1);
          expect(leaks(JSON.stringify(queued))).toEqual([]);
          expect(JSON.stringify(queued)).not.toContain(amani.name.given!);

          // The webhook body, full or thin.
          const sent: string[] = [];
          await channels.put(
            {
              kind: 'webhook',
              organisationId: 'org_divas-lualaba',
              url: 'https://x.example/h',
              events,
              configuredAt: now.toISOString(),
            },
            'whsec_c2VjcmV0c2VjcmV0',
          );
          const delivery = {
            referrals,
            channels,
            attempts: recordInTurn(channels, referrals),
            clock: { now: () => now },
            random: () => 0.5,
            changes: new MemoryChangeStore(),
            send: async (r: { body: string }) => {
              sent.push(r.body);
              return { kind: 'response' as const, status: 204, durationMs: 1 };
            },
          };
          const message = {
            type: 'referral.event' as const,
            version: 1 as const,
            eventId: eventOf(referral, 1).id,
            referralId: referral.id,
            referralVersion: 1,
            recipientOrganisationId: 'org_divas-lualaba',
          };
          await deliverEvent(delivery, message);
          expect(leaks(sent.join(''))).toEqual([]);
          if (events === 'thin') expect(sent.join('')).not.toContain(amani.name.given!);

          // The inbox holds the event, ids only (the same referral, as a receiver with no server gets it).
          const inboxStore = new MemoryReferralStore();
          await inboxStore.create({ ...(await referrals.get(referral.id))!, delivery: [] });
          await channels.put({ kind: 'inbox', organisationId: 'org_divas-lualaba', configuredAt: now.toISOString() });
          await deliverEvent({ ...delivery, referrals: inboxStore }, message);
          const inbox = await inboxStore.inbox('org_divas-lualaba', undefined, 10);
          expect(inbox.items).toHaveLength(1);
          expect(JSON.stringify(inbox)).not.toContain(amani.name.given!);
        },
      ),
      { numRuns: 60 },
    );
  });
});
