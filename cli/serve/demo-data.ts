import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { ServiceType } from '../../schemas/canonical/codes.ts';
import type { ReferralInput, StatusChange } from '../../schemas/canonical/referral.ts';
import { type Registration, demoRegistrations } from './demo-children.ts';
import { canonicalRecord, koboMappingVersions, koboSubmission, rejectedSubmissions } from './demo-payloads.ts';
import type { Demo } from './demo.ts';

/**
 * The demo data every admin screen can show, seeded on the first start of a data dir through the public
 * HTTP API of the runtime that just started, as the partners' tools would send it: signed webhooks from the
 * two case apps, Espoir's KoboToolbox form through its source key, and everything else with the
 * organisations' admin keys. Nothing is written behind the API's back, so what the screens show is what
 * Relais made of real requests: links, review items, delivery attempts, statistics.
 */

const ESPOIR = 'org_espoir-kolwezi';
const DIVAS = 'org_divas-lualaba';

export interface SeedOptions {
  url: string;
  demo: Demo;
  /** Resolves once the queues are empty (LocalRuntime.drain): matching, deliveries and statistics done. */
  drain: (timeoutMs: number) => Promise<void>;
  /** DIVAS's webhook endpoint (the in-process demo receiver), set as its delivery channel. */
  pointDivasChannel: () => Promise<void>;
  /** How long to wait for the queues in all, before the examples are printed anyway. */
  drainBudgetMs?: number;
  now?: Date;
}

export interface SeedReport {
  records: number;
  rejected: number;
  mappingVersions: number;
  referrals: Record<string, string>;
  /** False when the queues were still busy when the budget ran out. */
  drained: boolean;
  ms: number;
}

interface Answer {
  status: number;
  body: unknown;
}

/** The demo's seeding: each step asks the API and checks its answer, so a refusal stops it with the reason. */
export async function seedDemoData(options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const budgetEnds = started + (options.drainBudgetMs ?? 60_000);
  let drained = true;
  const drain = async () => {
    if (!drained) return;
    try {
      await options.drain(Math.max(0, budgetEnds - Date.now()));
    } catch {
      drained = false;
    }
  };
  const key = (label: string) => options.demo.keys.find((k) => k.label === label)!.token;
  const sourceOf = (organisationId: string, tool: string) =>
    options.demo.sources.find((s) => s.organisationId === organisationId && s.tool === tool)!.id;
  const [espoirApp, espoirKobo, divasApp] = [
    sourceOf(ESPOIR, 'canonical'),
    sourceOf(ESPOIR, 'kobotoolbox'),
    sourceOf(DIVAS, 'canonical'),
  ];

  const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string }) => {
    const res = await fetch(`${options.url}${path}`, {
      method,
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined } as Answer;
  };
  const expect = (answer: Answer, statuses: number[], what: string) => {
    if (!statuses.includes(answer.status)) {
      const detail = (answer.body as { detail?: string; code?: string } | undefined) ?? {};
      throw new Error(`demo data: ${what} answered ${answer.status} ${detail.code ?? ''} ${detail.detail ?? ''}`);
    }
    return answer.body;
  };
  const asAdmin = (label: 'espoir-admin' | 'divas-admin', extra: Record<string, string> = {}) => ({
    'x-api-key': key(label),
    ...extra,
  });
  const json = { 'content-type': 'application/json' };

  // 1. Espoir's KoboToolbox form: the built-in mapping as version 1, then version 2, live.
  const { v1: koboYaml, v2: v2Yaml } = koboMappingVersions();
  const putMapping = async (yaml: string) =>
    expect(
      await call('PUT', `/v1/admin/sources/${espoirKobo}/mappings`, {
        headers: asAdmin('espoir-admin', { 'content-type': 'application/yaml' }),
        body: yaml,
      }),
      [200, 201],
      'a Kobo mapping version',
    ) as { version: number };
  const activate = async (version: number) =>
    expect(
      await call('POST', `/v1/admin/sources/${espoirKobo}/mappings/${version}/activate`, {
        headers: asAdmin('espoir-admin'),
      }),
      [200],
      `activating mapping version ${version}`,
    );

  const registrations = demoRegistrations(now);
  const recordIds = new Map<string, string>();
  const pushKobo = async (batch: Registration[]) => {
    if (batch.length === 0) return;
    const body = expect(
      await call('POST', `/v1/sources/${espoirKobo}/records`, {
        headers: { ...json, 'x-api-key': key('espoir-kobo-push') },
        body: JSON.stringify(batch.map((r) => koboSubmission(r))),
      }),
      [202],
      'a Kobo submission',
    ) as { records: Array<{ id: string; sourceRecordId: string }> };
    body.records.forEach((r, i) => recordIds.set(batch[i]!.key, r.id));
  };
  const pushSigned = async (sourceId: string, batch: Registration[]) => {
    if (batch.length === 0) return;
    const body = JSON.stringify(batch.map((r) => canonicalRecord(r)));
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const answer = expect(
      await call('POST', `/v1/sources/${sourceId}/records`, {
        headers: {
          ...json,
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(options.demo.signingSecrets[sourceId]!).sign(id, at, body),
        },
        body,
      }),
      [202],
      'a signed push',
    ) as { records: Array<{ id: string }> };
    answer.records.forEach((r, i) => recordIds.set(batch[i]!.key, r.id));
  };
  const pushWave = async (wave: Registration[], kobo: 'v1' | 'v2' | 'both') => {
    if (kobo !== 'v2') await pushKobo(wave.filter((r) => r.holder === 'espoir-kobo-v1'));
    if (kobo === 'both') await activate((await putMapping(v2Yaml)).version);
    if (kobo !== 'v1') await pushKobo(wave.filter((r) => r.holder === 'espoir-kobo-v2'));
    await pushSigned(
      espoirApp,
      wave.filter((r) => r.holder === 'espoir-app'),
    );
    await pushSigned(
      divasApp,
      wave.filter((r) => r.holder === 'divas'),
    );
  };

  await activate((await putMapping(koboYaml)).version);
  // 2. The children, first as each was first registered; then (once the registry holds those) the same
  //    children registered again by the other organisation, near-misses and twins. Matched in that order,
  //    the second registrations meet the first ones, as they would have in the field.
  const isFirst = (r: Registration) => /^[AB]\d+$|^U/.test(r.key);
  await pushWave(
    registrations.filter((r) => isFirst(r)),
    'both',
  );
  // A source with rejected submissions: two the mapping refuses, of which nothing is stored.
  let rejected = 0;
  for (const bad of rejectedSubmissions(registrations)) {
    expect(
      await call('POST', `/v1/sources/${espoirKobo}/records`, {
        headers: { ...json, 'x-api-key': key('espoir-kobo-push') },
        body: JSON.stringify(bad),
      }),
      [422],
      'an invalid Kobo submission',
    );
    rejected++;
  }
  await drain();
  const second = registrations.filter((r) => !isFirst(r));
  // The second twin comes after the first is in the registry: matched side by side, neither would see the other.
  await pushWave(
    second.filter((r) => r.key !== 'T02'),
    'v2',
  );
  await drain();
  await pushWave(
    second.filter((r) => r.key === 'T02'),
    'v2',
  );

  // 3. DIVAS receives its events at a webhook (the in-process demo receiver); Espoir keeps its inbox.
  await options.pointDivasChannel();

  // 4. Referrals both ways, left in the states a referrals board shows.
  const used = new Set<string>();
  const childFor = (holders: Registration['holder'][], fits: (r: Registration, age: number) => boolean) => {
    const found = registrations.find(
      (r) =>
        holders.includes(r.holder) &&
        !used.has(r.key) &&
        recordIds.has(r.key) &&
        r.key.length <= 3 &&
        r.caregiver !== undefined &&
        fits(r, ageOf(r, now)),
    );
    if (!found) throw new Error('demo data: no demo child fits a referral');
    used.add(found.key);
    return found;
  };
  const espoirChild = (fits: (r: Registration, age: number) => boolean) =>
    childFor(['espoir-app', 'espoir-kobo-v1', 'espoir-kobo-v2'], fits);
  const divasChild = (fits: (r: Registration, age: number) => boolean) => childFor(['divas'], fits);
  const any = (_r: Registration, age: number) => age >= 6 && age <= 16;
  const inKolwezi = (r: Registration, age: number) => r.territory === 'Kolwezi' && age >= 6 && age <= 16;

  const refer = async (
    name: string,
    from: 'espoir-admin' | 'divas-admin',
    child: Registration,
    serviceType: ServiceType,
    priority: ReferralInput['priority'],
    reason: string,
    reference?: string,
  ): Promise<string> => {
    const age = ageOf(child, now);
    const input: ReferralInput = {
      to: { serviceType },
      child: { recordId: recordIds.get(child.key)! },
      reason,
      priority,
      referringCaseId: `${from === 'espoir-admin' ? 'ESP' : 'DIV'}-${child.key}`,
      referringCaseWorker: child.caseWorker,
      consent: {
        basis: 'consent',
        ...(reference ? { reference } : {}),
        caregiverConsent: true,
        childAssent: age >= 7,
        childAgeAtConsent: age,
        givenAt: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
        recordedBy: child.caseWorker,
        recipients: [from === 'espoir-admin' ? DIVAS : ESPOIR],
        categories: ['identity', 'sex', 'age', 'location', 'caregivers', 'protection'],
        purposes: [serviceType],
        validUntil: new Date(now.getTime() + 180 * 86_400_000).toISOString(),
      },
    } as ReferralInput;
    const body = expect(
      await call('POST', '/v1/referrals', {
        headers: asAdmin(from, { ...json, 'idempotency-key': `demo-referral-${name}` }),
        body: JSON.stringify(input),
      }),
      [200, 201],
      `the referral "${name}"`,
    ) as { id: string };
    return body.id;
  };
  const answer = async (by: 'espoir-admin' | 'divas-admin', id: string, change: StatusChange, step: string) =>
    expect(
      await call('POST', `/v1/referrals/${id}/status`, {
        headers: asAdmin(by, { ...json, 'idempotency-key': `demo-status-${id}-${step}` }),
        body: JSON.stringify(change),
      }),
      [200],
      `the status change ${change.status}`,
    );
  const day = now.toISOString().slice(0, 10);

  const referrals: Record<string, string> = {};
  referrals.emergency = await refer(
    'emergency',
    'espoir-admin',
    espoirChild(inKolwezi),
    'psychosocial',
    'emergency',
    'Enfant retirée d’un site minier après un accident ; détresse aiguë, besoin d’un appui psychosocial immédiat',
  );
  referrals.accepted = await refer(
    'accepted',
    'espoir-admin',
    espoirChild(any),
    'family_reunification',
    'normal',
    'Enfant séparé de sa famille lors du déplacement ; la famille serait à Lubudi',
  );
  await answer(
    'divas-admin',
    referrals.accepted,
    { status: 'accepted', receiverCaseId: 'DIV-RF-2026-031', note: 'Recherche familiale ouverte' },
    'accept',
  );
  referrals.completed = await refer(
    'completed',
    'espoir-admin',
    espoirChild(any),
    'psychosocial',
    'urgent',
    'Enfant travaillant dans une carrière, signes de détresse ; besoin d’écoute et de suivi',
  );
  await answer('divas-admin', referrals.completed, { status: 'accepted', receiverCaseId: 'DIV-PS-2026-118' }, 'accept');
  await answer('divas-admin', referrals.completed, { status: 'in-progress' }, 'start');
  await answer(
    'divas-admin',
    referrals.completed,
    {
      status: 'completed',
      feedback: {
        serviceProvided: 'Six séances d’écoute et activités psychosociales en groupe',
        outcome: 'needs-met',
        date: day,
        note: 'L’enfant a repris l’école ; suivi par Espoir conseillé',
      },
    },
    'complete',
  );
  referrals.rejected = await refer(
    'rejected',
    'espoir-admin',
    espoirChild(inKolwezi),
    'legal_assistance',
    'normal',
    'Enfant arrêté lors d’un contrôle sur un site minier ; besoin d’assistance juridique',
  );
  await answer(
    'divas-admin',
    referrals.rejected,
    { status: 'rejected', reasonCode: 'no-capacity', note: 'Pas de juriste disponible ce mois-ci' },
    'reject',
  );
  referrals.onHold = await refer(
    'on-hold',
    'espoir-admin',
    espoirChild(any),
    'family_reunification',
    'normal',
    'Enfant non accompagné arrivé de Mutshatsha ; recherche de la famille élargie',
  );
  await answer('divas-admin', referrals.onHold, { status: 'accepted', receiverCaseId: 'DIV-RF-2026-034' }, 'accept');
  await answer('divas-admin', referrals.onHold, { status: 'in-progress' }, 'start');
  await answer(
    'divas-admin',
    referrals.onHold,
    { status: 'on-hold', reasonCode: 'awaiting-information', note: 'Attente de l’adresse de l’oncle' },
    'hold',
  );
  referrals.revoked = await refer(
    'revoked',
    'espoir-admin',
    espoirChild(any),
    'psychosocial',
    'normal',
    'Enfant victime de maltraitance à la maison ; besoin d’un accompagnement psychosocial',
    'ESP-CF-2026-0412',
  );
  expect(
    await call('POST', `/v1/referrals/${referrals.revoked}/consent/revoke`, {
      headers: asAdmin('espoir-admin', json),
      body: JSON.stringify({ note: 'La mère a retiré son consentement lors de la visite à domicile' }),
    }),
    [200],
    'revoking a consent',
  );
  referrals.shelter = await refer(
    'shelter',
    'divas-admin',
    divasChild((r, age) => r.sex === 'female' && r.territory === 'Kolwezi' && age >= 11 && age <= 16),
    'safehouse',
    'urgent',
    'Fille en danger au domicile, menaces répétées ; besoin d’un hébergement sécurisé',
  );
  await answer('espoir-admin', referrals.shelter, { status: 'accepted', receiverCaseId: 'ESP-MA-2026-007' }, 'accept');
  await answer('espoir-admin', referrals.shelter, { status: 'in-progress' }, 'start');
  referrals.school = await refer(
    'school',
    'divas-admin',
    divasChild(inKolwezi),
    'education',
    'normal',
    'Enfant sorti du travail minier, déscolarisé depuis deux ans',
  );
  referrals.schoolDone = await refer(
    'school-done',
    'divas-admin',
    divasChild(inKolwezi),
    'education',
    'normal',
    'Enfant en rupture scolaire, famille sans moyens pour les frais',
  );
  await answer(
    'espoir-admin',
    referrals.schoolDone,
    { status: 'accepted', receiverCaseId: 'ESP-SC-2026-052' },
    'accept',
  );
  await answer(
    'espoir-admin',
    referrals.schoolDone,
    {
      status: 'completed',
      feedback: {
        serviceProvided: 'Inscription en 4e primaire, kit scolaire et frais du trimestre',
        outcome: 'needs-partially-met',
        date: day,
      },
    },
    'complete',
  );
  await drain();
  return {
    records: recordIds.size,
    rejected,
    mappingVersions: 2,
    referrals,
    drained,
    ms: Date.now() - started,
  };
}

/** The child's age today, as the server computes it from what the record says (for routing and consent). */
function ageOf(r: Registration, now: Date): number {
  if ('age' in r.birth) return r.birth.age;
  const value = 'date' in r.birth ? r.birth.date : 'month' in r.birth ? `${r.birth.month}-28` : `${r.birth.year}-12-31`;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const birthdayPassed = now.getUTCMonth() + 1 > m || (now.getUTCMonth() + 1 === m && now.getUTCDate() >= d);
  return now.getUTCFullYear() - y - (birthdayPassed ? 0 : 1);
}
