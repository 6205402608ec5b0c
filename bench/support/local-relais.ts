import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { newApiKey } from '../../core/auth/api-key.ts';
import type { Role } from '../../schemas/canonical/index.ts';
import { type LocalRuntime, startLocalRuntime } from '../../cli/serve/local-runtime.ts';

export const REFERRER = 'org_bench-referrer';
export const RECEIVER = 'org_bench-receiver';

export interface Answer {
  status: number;
  /** The few members benchmarks read from Relais's answers. */
  body?: { id?: string; code?: string; errors?: unknown; signingSecret?: string };
}

/**
 * The local runtime with two organisations for benchmarks: the referrer, with a key of the `referrals`
 * role, and the receiver, with an admin key. Written into the directory straight away, as `npm start`
 * seeds its demo organisations; everything else goes over HTTP.
 */
export async function startLocalRelais(options: { dataDir: string; consumersPerQueue?: number }): Promise<{
  runtime: LocalRuntime;
  keys: { referrer: string; receiverAdmin: string };
  request(method: string, path: string, key: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}> {
  const runtime = await startLocalRuntime({ ...options, logLevel: 'SILENT' });
  const directory = new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!);
  const createdAt = new Date().toISOString();
  await directory.createOrganisation({ id: REFERRER, name: 'Bench referrer', kind: 'ngo', country: 'CD' });
  await directory.createOrganisation({ id: RECEIVER, name: 'Bench receiver', kind: 'government', country: 'CD' });
  const key = async (organisationId: string, roles: Role[]) => {
    const k = newApiKey();
    await directory.putApiKey({ keyId: k.keyId, organisationId, roles, secretHash: k.secretHash, createdAt });
    return k.token;
  };
  const keys = { referrer: await key(REFERRER, ['referrals']), receiverAdmin: await key(RECEIVER, ['admin']) };
  const request = async (
    method: string,
    path: string,
    apiKey: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const res = await fetch(runtime.url + path, {
      method,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { runtime, keys, request, close: () => runtime.close() };
}
