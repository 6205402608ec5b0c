import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { newApiKey } from '../../core/auth/api-key.ts';
import { newSourceId } from '../../core/directory/sources.ts';
import type { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import type { Organisation, Role, Source } from '../../schemas/canonical/index.ts';

/** What `npm start` seeds and writes to .relais/demo.json: two organisations, their sources and keys. */
export interface Demo {
  organisations: Organisation[];
  sources: Source[];
  keys: Array<{ label: string; organisationId: string; roles: Role[]; sourceIds?: string[]; token: string }>;
  signingSecrets: Record<string, string>;
}

const CREATED_AT = '2026-01-01T00:00:00.000Z';

function buildDemo(): { demo: Demo; hashes: Map<string, { keyId: string; secretHash: string }> } {
  const organisations: Organisation[] = [
    { id: 'org_espoir-kolwezi', name: 'Espoir pour les Enfants — Kolwezi', kind: 'ngo', country: 'CD' },
    {
      id: 'org_divas-lualaba',
      name: 'DIVAS Lualaba (Division provinciale des Affaires sociales)',
      kind: 'government',
      country: 'CD',
    },
  ];
  // Ids drawn as POST /v1/admin/sources draws them, so that the demo shows what partners will see.
  const [espoirApp, espoirKobo, divasApp] = [newSourceId(), newSourceId(), newSourceId()];
  const sources: Source[] = [
    {
      id: espoirApp,
      organisationId: 'org_espoir-kolwezi',
      name: 'Espoir case app (signed webhooks, canonical format)',
      tool: 'canonical',
      auth: { method: 'standard-webhooks' },
      createdAt: CREATED_AT,
    },
    {
      id: espoirKobo,
      organisationId: 'org_espoir-kolwezi',
      name: 'Espoir KoboToolbox identification form',
      tool: 'kobotoolbox',
      auth: { method: 'api-key' },
      createdAt: CREATED_AT,
    },
    {
      id: divasApp,
      organisationId: 'org_divas-lualaba',
      name: 'DIVAS case register (signed webhooks, canonical format)',
      tool: 'canonical',
      auth: { method: 'standard-webhooks' },
      createdAt: CREATED_AT,
    },
  ];
  const hashes = new Map<string, { keyId: string; secretHash: string }>();
  const key = (label: string, organisationId: string, roles: Role[], sourceIds?: string[]) => {
    const k = newApiKey();
    hashes.set(k.token, { keyId: k.keyId, secretHash: k.secretHash });
    return { label, organisationId, roles, ...(sourceIds ? { sourceIds } : {}), token: k.token };
  };
  const keys = [
    key('espoir-kobo-push', 'org_espoir-kolwezi', ['source'], [espoirKobo]),
    key('espoir-reader', 'org_espoir-kolwezi', ['reader']),
    key('espoir-admin', 'org_espoir-kolwezi', ['admin']),
    key('divas-reader', 'org_divas-lualaba', ['reader']),
    key('divas-admin', 'org_divas-lualaba', ['admin']),
  ];
  const signingSecrets = {
    [espoirApp]: `whsec_${randomBytes(24).toString('base64')}`,
    [divasApp]: `whsec_${randomBytes(24).toString('base64')}`,
  };
  return { demo: { organisations, sources, keys, signingSecrets }, hashes };
}

/**
 * Seeds the demo directory once and keeps it: later starts reuse .relais/demo.json, whose plain-text
 * keys are the only copy (the table stores hashes), so data and credentials survive restarts.
 */
export async function seedDemo(directory: DynamoDirectory, dataDir: string): Promise<Demo> {
  const file = join(dataDir, 'demo.json');
  if (existsSync(file)) {
    const demo = JSON.parse(readFileSync(file, 'utf8')) as Demo;
    if (await directory.getSource(demo.sources[0]!.id)) return demo;
  }
  const { demo, hashes } = buildDemo();
  for (const org of demo.organisations) await directory.createOrganisation(org);
  for (const source of demo.sources) await directory.createSource(source);
  for (const k of demo.keys) {
    const { keyId, secretHash } = hashes.get(k.token)!;
    await directory.putApiKey({
      keyId,
      organisationId: k.organisationId,
      roles: k.roles,
      ...(k.sourceIds ? { sourceIds: k.sourceIds } : {}),
      secretHash,
      label: k.label,
      createdAt: CREATED_AT,
    });
  }
  for (const [sourceId, secret] of Object.entries(demo.signingSecrets))
    await directory.addSigningSecret(sourceId, 'demo-1', secret, CREATED_AT);
  writeFileSync(file, JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
  return demo;
}

/** Espoir's signing case app, the source of the printed curl example, and its secret. */
export function espoirApp(demo: Demo): { sourceId: string; secret: string } {
  const sourceId = demo.sources[0]!.id;
  return { sourceId, secret: demo.signingSecrets[sourceId]! };
}

/** A fictional child, in the canonical input format, for the printed curl example. */
export function demoRecord() {
  return {
    sourceRecordId: 'ESP-2026-0001',
    sourceUpdatedAt: new Date().toISOString(),
    person: {
      name: { family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean' },
      sex: 'male',
      birthDate: { value: '2014', precision: 'year' },
      caregivers: [{ relationship: 'mother', name: { given: 'Neema', family: 'KABASELE' } }],
      location: { country: 'CD', province: 'Lualaba', territory: 'Kolwezi', locality: 'Kasulo' },
    },
    case: {
      status: 'open',
      registrationDate: new Date().toISOString().slice(0, 10),
      protectionConcerns: ['worst_forms_of_child_labor'],
      riskLevel: 'high',
      consent: { services: true, disclosureToOtherOrgs: true, givenBy: 'caregiver' },
    },
  };
}

export function signedCurl(baseUrl: string, sourceId: string, secret: string, bodyFile: string, body: string): string {
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  const signature = new Webhook(secret).sign(id, now, body);
  return [
    `curl -i -X POST ${baseUrl}/v1/sources/${sourceId}/records \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H 'webhook-id: ${id}' \\`,
    `  -H 'webhook-timestamp: ${Math.floor(now.getTime() / 1000)}' \\`,
    `  -H 'webhook-signature: ${signature}' \\`,
    `  --data-binary @${bodyFile}`,
  ].join('\n');
}
