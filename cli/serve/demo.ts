import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { newApiKey } from '../../core/auth/api-key.ts';
import { newSourceId } from '../../core/directory/sources.ts';
import type { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import type { ServiceDirectory } from '../../core/services/ports.ts';
import { container } from '../../functions/platform/container.ts';
import type { Organisation, Role, Service, Source } from '../../schemas/canonical/index.ts';

/** What `npm start` seeds and writes to .relais/demo.json: two organisations, their sources and keys. */
export interface Demo {
  organisations: Organisation[];
  sources: Source[];
  keys: Array<{ label: string; organisationId: string; roles: Role[]; sourceIds?: string[]; token: string }>;
  signingSecrets: Record<string, string>;
  /**
   * The demo data (cli/serve/demo-data.ts): `pending` from the first start of a data dir until it is all
   * seeded, then `seeded`, so a restart seeds nothing again (and one killed while seeding seeds again, which
   * the seeding's idempotent requests make harmless). A data dir from before the demo data has neither and
   * is left as it is.
   */
  demoData?: 'pending' | 'seeded';
  /** The moment the demo data is seeded as of: a seeding begun again after a kill sends the very same requests. */
  dataAsOf?: string;
  dataSeededAt?: string;
  /** Where `relais serve`'s in-process receiver had DIVAS's channel point last (cli/serve/serve-receiver.ts). */
  receiverUrl?: string;
}

/**
 * Writes demo.json whole or not at all (a new file renamed over the old): it holds the only copy of the
 * demo's keys, so a kill while it is written must not leave half of it.
 */
export function saveDemo(dataDir: string, demo: Demo): void {
  const file = join(dataDir, 'demo.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
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
export async function seedDemo(
  directory: DynamoDirectory,
  dataDir: string,
  services: ServiceDirectory = container().services,
): Promise<Demo> {
  await seedDemoServices(services);
  const file = join(dataDir, 'demo.json');
  if (existsSync(file)) {
    const demo = JSON.parse(readFileSync(file, 'utf8')) as Demo;
    if (await directory.getSource(demo.sources[0]!.id)) return demo;
  }
  const { demo, hashes } = buildDemo();
  demo.demoData = 'pending';
  demo.dataAsOf = new Date().toISOString();
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
  saveDemo(dataDir, demo);
  return demo;
}

/**
 * A demo service's id is derived from its name in the demo, in the shape Relais draws (svc_ and 16 hex),
 * so that every start seeds the same services: one created earlier is left as it is (and as an
 * administrator may have edited it), and a data dir from before the directory gets it on its next start.
 */
const demoServiceId = (slug: string) =>
  `svc_${createHash('sha256').update(`relais-demo-service:${slug}`).digest('hex').slice(0, 16)}`;

const lualaba = (territory?: string) => ({ country: 'CD', province: 'Lualaba', ...(territory ? { territory } : {}) });
const LUALABA_TERRITORIES = ['Kolwezi', 'Mutshatsha', 'Lubudi'].map(lualaba);
const DIVAS = 'org_divas-lualaba';
const ESPOIR = 'org_espoir-kolwezi';
const DIVAS_FOCAL_POINT = {
  role: 'Chef de bureau Protection de l’enfant',
  email: 'protection@divas-lualaba.example.cd',
};
const ESPOIR_FOCAL_POINT = { role: 'Chargé de protection', phone: '+243970000101' };

/** The demo's partners' directory: what DIVAS and Espoir offer children in Lualaba. */
export function demoServices(): Service[] {
  const service = (slug: string, fields: Omit<Service, 'id' | 'lastModified' | 'version'>): Service => ({
    id: demoServiceId(slug),
    ...fields,
    lastModified: CREATED_AT,
    version: 1,
  });
  return [
    service('divas-psychosocial', {
      organisationId: DIVAS,
      name: { fr: 'Appui psychosocial aux enfants', en: 'Psychosocial support for children' },
      description: {
        fr: 'Écoute, accompagnement et activités psychosociales par les assistants sociaux de la division.',
        en: "Counselling, follow-up and psychosocial activities by the division's social workers.",
      },
      type: 'psychosocial',
      status: 'active',
      eligibility: { minimumAge: 0, maximumAge: 17 },
      languages: ['fra', 'swa', 'lua'],
      serviceAreas: LUALABA_TERRITORIES,
      focalPoint: DIVAS_FOCAL_POINT,
    }),
    service('divas-family-reunification', {
      organisationId: DIVAS,
      name: { fr: 'Recherche familiale et réunification', en: 'Family tracing and reunification' },
      type: 'family_reunification',
      status: 'active',
      eligibility: { minimumAge: 0, maximumAge: 17 },
      languages: ['fra', 'swa'],
      serviceAreas: LUALABA_TERRITORIES,
      focalPoint: DIVAS_FOCAL_POINT,
    }),
    service('divas-legal-kolwezi', {
      organisationId: DIVAS,
      name: { fr: 'Assistance juridique aux enfants (Kolwezi)', en: 'Legal assistance for children (Kolwezi)' },
      description: {
        fr: 'Accompagnement devant le tribunal pour enfants et auprès de la police.',
        en: "Support before the children's court and with the police.",
      },
      type: 'legal_assistance',
      status: 'active',
      eligibility: { minimumAge: 0, maximumAge: 17 },
      languages: ['fra', 'swa'],
      serviceAreas: [lualaba('Kolwezi')],
      focalPoint: DIVAS_FOCAL_POINT,
    }),
    service('espoir-safehouse-girls', {
      organisationId: ESPOIR,
      name: { fr: 'Maison d’accueil sécurisée pour filles', en: 'Safe shelter for girls' },
      type: 'safehouse',
      status: 'active',
      eligibility: {
        minimumAge: 10,
        maximumAge: 17,
        sexes: ['female'],
        description: { fr: 'Filles en danger immédiat, sur référence.', en: 'Girls in immediate danger, on referral.' },
      },
      languages: ['fra', 'swa'],
      serviceAreas: [lualaba('Kolwezi')],
      capacity: { total: 12, available: 3 },
      focalPoint: ESPOIR_FOCAL_POINT,
    }),
    service('espoir-school-reintegration', {
      organisationId: ESPOIR,
      name: { fr: 'Réinsertion scolaire', en: 'School reintegration' },
      description: {
        fr: 'Frais scolaires, kits et suivi pour les enfants sortis des mines.',
        en: 'School fees, kits and follow-up for children leaving mine work.',
      },
      type: 'education',
      status: 'active',
      eligibility: { minimumAge: 6, maximumAge: 17 },
      languages: ['fra', 'swa'],
      serviceAreas: [lualaba('Kolwezi')],
      capacity: { total: 40, available: 15 },
      focalPoint: ESPOIR_FOCAL_POINT,
    }),
  ];
}

/** Creates the demo services that do not exist yet; seeding twice creates nothing. */
export async function seedDemoServices(services: ServiceDirectory): Promise<void> {
  for (const service of demoServices()) await services.create(service);
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
