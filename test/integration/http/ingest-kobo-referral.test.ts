import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../../core/auth/api-key.ts';
import { ORG_A, type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { serviceInput } from '../../fixtures/services.ts';

const KOBO = join(import.meta.dirname, '../../../adapters/sources/kobotoolbox-referral');
const DIVAS = 'org_divas-lualaba';
const SOURCE = 'src_a-kobo-referral';
const createdAt = '2026-01-01T00:00:00.000Z';
// Read once: a fiche pushed again must be the same fiche, to the millisecond.
const consentGivenAt = new Date(Date.now() - 3_600_000).toISOString();
const consentValidUntil = new Date(Date.now() + 90 * 86_400_000).toISOString();

/**
 * A fixture as Kobo would push it today: the form's consent dates are moved next to the real clock (the
 * local runtime's), so that the consent is in force whenever the test runs.
 */
function submission(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const payload = JSON.parse(readFileSync(join(KOBO, 'fixtures', `${name}.json`), 'utf8'));
  if ('consentement/date_consentement' in payload) {
    payload['consentement/date_consentement'] = consentGivenAt;
    payload['consentement/valide_jusqua'] = consentValidUntil;
  }
  return { ...payload, ...overrides };
}

let api: LocalApi;
let sourceAuth: string;
let divasAdmin: string;
let serviceId: string;

const push = (body: unknown) =>
  api.request('POST', `/v1/sources/${SOURCE}/records`, {
    headers: { 'content-type': 'application/json', authorization: sourceAuth },
    body: JSON.stringify(body),
  });
const get = (path: string, key: string) => api.request('GET', path, { headers: { 'x-api-key': key } });
/** Every referral organisation A has made, whichever way. */
const sentByA = async () => {
  const listed = await get('/v1/referrals?role=sent&limit=100', api.keys.aAdmin);
  expect(listed.status).toBe(200);
  return listed.body.items as Array<{ id: string }>;
};

async function putKey(organisationId: string, roles: Array<'admin' | 'source'>, sourceIds?: string[]) {
  const k = newApiKey();
  await api.directory.putApiKey({
    keyId: k.keyId,
    organisationId,
    roles,
    ...(sourceIds ? { sourceIds } : {}),
    secretHash: k.secretHash,
    createdAt,
  });
  return k;
}

beforeAll(async () => {
  api = await startLocalApi();
  // The receiver the Kobo form names: DIVAS Lualaba, with a psychosocial service covering Lualaba.
  await api.directory.createOrganisation({ id: DIVAS, name: 'DIVAS Lualaba', kind: 'government', country: 'CD' });
  divasAdmin = (await putKey(DIVAS, ['admin'])).token;
  const created = await api.request('POST', '/v1/admin/services', {
    headers: { 'content-type': 'application/json', 'x-api-key': divasAdmin },
    body: JSON.stringify(serviceInput()),
  });
  expect(created.status).toBe(201);
  serviceId = created.body.id;
  // Organisation A's KoboToolbox project pushes its referral form through a REST service, with basic auth.
  await api.directory.createSource({
    id: SOURCE,
    organisationId: ORG_A,
    name: 'A kobo fiche de référence',
    tool: 'kobotoolbox-referral',
    auth: { method: 'api-key' },
    createdAt,
  });
  const key = await putKey(ORG_A, ['source'], [SOURCE]);
  sourceAuth = `Basic ${Buffer.from(`${key.keyId}:${key.token}`).toString('base64')}`;
});
afterAll(() => api?.close());

describe('a Kobo fiche de référence pushed through the ingestion path', () => {
  it('becomes a referral of the source’s organisation, routed and delivered to the receiver; pushed again, the same one', async () => {
    const first = await push(submission('kolwezi-psychosocial-urgent'));
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      referrals: [
        {
          id: expect.stringMatching(/^ref_[a-z2-7]{26}$/),
          sourceRecordId: '9a4f1c62-3b7d-4e85-a0c9-5d2e8f71b346',
          outcome: 'created',
        },
      ],
    });
    const id = first.body.referrals[0].id;

    const again = await push(submission('kolwezi-psychosocial-urgent'));
    expect(again.status).toBe(202);
    expect(again.body.referrals).toEqual([
      { id, sourceRecordId: '9a4f1c62-3b7d-4e85-a0c9-5d2e8f71b346', outcome: 'unchanged' },
    ]);

    const asReceiver = await get(`/v1/referrals/${id}`, divasAdmin);
    expect(asReceiver.status).toBe(200);
    expect(asReceiver.body).toMatchObject({
      yourSide: 'receiving',
      status: 'requested',
      priority: 'urgent',
      serviceType: 'psychosocial',
      referring: { organisationId: ORG_A, caseId: 'ESP-KZI-2026-0117', caseWorker: 'GC-KZI-07' },
      receiving: { organisationId: DIVAS, serviceId },
    });
    expect(asReceiver.body.child.view.name).toEqual({
      family: 'MWAMBA',
      middle: 'KABEYA',
      given: 'Grâce',
      nickname: 'Gracia',
    });
    expect(asReceiver.body.child.view.caregivers[0].relationship).toBe('aunt_uncle');
    expect(asReceiver.body.delivery.map((f: { fact: string }) => f.fact)).toContain('queued');

    // Delivered the same way as a referral made over the API: DIVAS set no channel, so to its inbox, once.
    await api.runtime.drain();
    const inbox = await get('/v1/referrals/inbox', divasAdmin);
    expect(inbox.body.items.filter((e: { referralId: string }) => e.referralId === id)).toHaveLength(1);
    const delivered = (await get(`/v1/referrals/${id}`, divasAdmin)).body.delivery;
    expect(delivered).toContainEqual(expect.objectContaining({ fact: 'delivered', version: 1, channel: 'inbox' }));
  });

  it('refuses a fiche without consent with 422 naming the Kobo question, and stores nothing of the batch', async () => {
    const alone = await push(submission('kolwezi-no-consent'));
    expect(alone.status).toBe(422);
    expect(alone.body.code).toBe('consent-required');
    expect(alone.body.errors).toEqual([expect.objectContaining({ pointer: '/consentement~1consentement_obtenu' })]);

    // A good, new fiche first in the batch is not referred either: every item is routed and checked first.
    const fresh = submission('kolwezi-psychosocial-urgent', {
      _uuid: '0b5c9e21-7d4a-4f38-b6e2-1a9c3d8f5e70',
      'meta/instanceID': 'uuid:0b5c9e21-7d4a-4f38-b6e2-1a9c3d8f5e70',
    });
    const batch = await push([fresh, submission('kolwezi-no-consent')]);
    expect(batch.status).toBe(422);
    expect(batch.body.errors).toEqual([expect.objectContaining({ pointer: '/1/consentement~1consentement_obtenu' })]);
    expect(await sentByA()).toHaveLength(1);
  });

  it('refuses a consent override from a source with 403: an override needs an admin', async () => {
    const admin = { 'x-api-key': api.keys.aAdmin };
    const overriding = [
      'id: kobo-referral-override',
      'tool: kobotoolbox-referral',
      'target: referral',
      'fields:',
      '  /sourceRecordId: { from: _uuid }',
      '  /reason: { from: reference/motif }',
      '  /priority: { value: emergency }',
      '  /to/serviceType: { value: psychosocial }',
      '  /child/person/name/given: { from: enfant/nom_complet }',
      '  /child/person/sex: { value: female }',
      '  /child/person/location/country: { value: CD }',
      '  /child/person/location/province: { from: localisation/province }',
      '  /consent/basis: { value: override }',
      "  /consent/justification: { value: 'Danger immédiat, famille injoignable' }",
      '  /consent/recordedBy: { from: reference/code_gestionnaire }',
      '  /consent/categories: { value: identity }',
      '',
    ].join('\n');
    const version = await api.request('PUT', `/v1/admin/sources/${SOURCE}/mappings`, {
      headers: { ...admin, 'content-type': 'application/yaml' },
      body: overriding,
    });
    expect(version.status).toBe(201);
    const activated = await api.request(
      'POST',
      `/v1/admin/sources/${SOURCE}/mappings/${version.body.version}/activate`,
      {
        headers: admin,
      },
    );
    expect(activated.status).toBe(200);

    const refused = await push(submission('kolwezi-no-consent'));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('consent-override-needs-admin');
    expect(await sentByA()).toHaveLength(1);
  });
});
