import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { newApiKey } from '../../core/auth/api-key.ts';
import type { Role, Source } from '../../schemas/canonical/index.ts';
import { type LocalRuntime, startLocalRuntime } from '../../cli/serve/local-runtime.ts';

export const ORG_A = 'org_alpha';
export const ORG_B = 'org_beta';

/**
 * A running local runtime (in-memory dynalite) with two organisations, each with a signing source, an
 * API-key source, and keys of every role. Integration tests drive it over real HTTP.
 */
export interface LocalApi {
  runtime: LocalRuntime;
  directory: DynamoDirectory;
  url: string;
  keys: Record<'aSource' | 'aReader' | 'aAdmin' | 'bReader' | 'bAdmin' | 'bSource', string>;
  secrets: { aSigned: string; bSigned: string };
  request(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; headers: Headers; body: any }>;
  signedPost(
    sourceId: string,
    body: string,
    options?: { secret?: string; id?: string; timestamp?: Date; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any }>;
  /** Issues one more API key, for any organisation (a third one of a test, a narrower role); its token. */
  issueKey(organisationId: string, roles: Role[], sourceIds?: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalApi(
  options: { dataDir?: string; logLevel?: string; visibilityTimeoutSeconds?: number; backlogIntervalMs?: number } = {},
): Promise<LocalApi> {
  const runtime = await startLocalRuntime({ logLevel: 'SILENT', ...options });
  const directory = new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!);
  const createdAt = '2026-01-01T00:00:00.000Z';
  // Written straight into the directory with readable ids, for tests to name them; through the API, Relais
  // draws source ids itself (src_ and 16 hex digits).
  const sources: Source[] = [
    {
      id: 'src_a-signed',
      organisationId: ORG_A,
      name: 'A signed',
      tool: 'canonical',
      auth: { method: 'standard-webhooks' },
      createdAt,
    },
    {
      id: 'src_a-kobo',
      organisationId: ORG_A,
      name: 'A kobo',
      tool: 'kobotoolbox',
      auth: { method: 'api-key' },
      createdAt,
    },
    {
      id: 'src_a-keyed',
      organisationId: ORG_A,
      name: 'A canonical with key',
      tool: 'canonical',
      auth: { method: 'api-key' },
      createdAt,
    },
    {
      id: 'src_b-signed',
      organisationId: ORG_B,
      name: 'B signed',
      tool: 'canonical',
      auth: { method: 'standard-webhooks' },
      createdAt,
    },
    {
      id: 'src_b-keyed',
      organisationId: ORG_B,
      name: 'B canonical with key',
      tool: 'canonical',
      auth: { method: 'api-key' },
      createdAt,
    },
  ];
  await directory.createOrganisation({ id: ORG_A, name: 'Alpha', kind: 'ngo', country: 'CD' });
  await directory.createOrganisation({ id: ORG_B, name: 'Beta', kind: 'government', country: 'BI' });
  for (const s of sources) await directory.createSource(s);
  const key = async (organisationId: string, roles: Role[], sourceIds?: string[]) => {
    const k = newApiKey();
    await directory.putApiKey({
      keyId: k.keyId,
      organisationId,
      roles,
      ...(sourceIds ? { sourceIds } : {}),
      secretHash: k.secretHash,
      createdAt,
    });
    return k.token;
  };
  const keys = {
    aSource: await key(ORG_A, ['source'], ['src_a-kobo', 'src_a-keyed']),
    aReader: await key(ORG_A, ['reader']),
    aAdmin: await key(ORG_A, ['admin']),
    bReader: await key(ORG_B, ['reader']),
    bAdmin: await key(ORG_B, ['admin']),
    bSource: await key(ORG_B, ['source'], ['src_b-keyed']),
  };
  const secrets = {
    aSigned: `whsec_${randomBytes(24).toString('base64')}`,
    bSigned: `whsec_${randomBytes(24).toString('base64')}`,
  };
  await directory.addSigningSecret('src_a-signed', 's1', secrets.aSigned, createdAt);
  await directory.addSigningSecret('src_b-signed', 's1', secrets.bSigned, createdAt);

  const request: LocalApi['request'] = async (method, path, init = {}) => {
    const res = await fetch(runtime.url + path, {
      method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body };
  };
  const signedPost: LocalApi['signedPost'] = (sourceId, body, o = {}) => {
    const id = o.id ?? `msg_${randomUUID()}`;
    const timestamp = o.timestamp ?? new Date();
    const secret = o.secret ?? (sourceId.startsWith('src_b') ? secrets.bSigned : secrets.aSigned);
    return request('POST', `/v1/sources/${sourceId}/records`, {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, timestamp, body),
        ...o.headers,
      },
    });
  };
  return {
    runtime,
    directory,
    url: runtime.url,
    keys,
    secrets,
    request,
    signedPost,
    issueKey: key,
    close: () => runtime.close(),
  };
}

/** A valid canonical input for a fictional child. */
export function canonicalInput(overrides: Record<string, unknown> = {}) {
  return {
    sourceRecordId: `case-${randomUUID()}`,
    sourceUpdatedAt: '2026-03-01T10:00:00Z',
    person: {
      name: { family: 'NDUWIMANA', given: 'Aline' },
      sex: 'female',
      birthDate: { value: '2015-06', precision: 'month' },
      location: { country: 'BI', province: 'Bujumbura Mairie', territory: 'Mukaza' },
    },
    case: {
      status: 'open',
      protectionConcerns: ['separated'],
      riskLevel: 'medium',
      consent: { services: true, disclosureToOtherOrgs: false },
    },
    ...overrides,
  };
}
