import type { DirectoryAdmin } from '../../core/ports.ts';
import type { ApiKeyRecord, Organisation, Source } from '../../schemas/canonical/index.ts';

/**
 * The directory in process memory, with the DynamoDB one's rules: organisations and sources are created
 * once and never overwritten, keys are replaced whole (revocation), lists are per organisation. For unit
 * tests; objects are copied in and out.
 */
export class MemoryDirectory implements DirectoryAdmin {
  private readonly organisations = new Map<string, Organisation>();
  private readonly sources = new Map<string, Source>();
  private readonly keys = new Map<string, ApiKeyRecord>();
  private readonly secrets = new Map<string, Map<string, { secret: string; createdAt: string }>>();

  async getOrganisation(id: string) {
    return copy(this.organisations.get(id));
  }

  async getSource(id: string) {
    return copy(this.sources.get(id));
  }

  async getApiKey(keyId: string) {
    return copy(this.keys.get(keyId));
  }

  async getSigningSecrets(sourceId: string): Promise<string[]> {
    return [...(this.secrets.get(sourceId)?.values() ?? [])].map((s) => s.secret);
  }

  async createOrganisation(org: Organisation): Promise<'created' | 'exists'> {
    return createOnce(this.organisations, org.id, org);
  }

  async createSource(source: Source): Promise<'created' | 'exists'> {
    return createOnce(this.sources, source.id, source);
  }

  async listSources(organisationId: string): Promise<Source[]> {
    return [...this.sources.values()].filter((s) => s.organisationId === organisationId).map((s) => copy(s)!);
  }

  async putApiKey(key: ApiKeyRecord): Promise<void> {
    this.keys.set(key.keyId, structuredClone(key));
  }

  async listApiKeys(organisationId: string): Promise<ApiKeyRecord[]> {
    return [...this.keys.values()].filter((k) => k.organisationId === organisationId).map((k) => copy(k)!);
  }

  async addSigningSecret(sourceId: string, secretId: string, secret: string, createdAt: string): Promise<void> {
    const secrets = this.secrets.get(sourceId) ?? new Map<string, { secret: string; createdAt: string }>();
    secrets.set(secretId, { secret, createdAt });
    this.secrets.set(sourceId, secrets);
  }

  async listSigningSecrets(sourceId: string): Promise<Array<{ id: string; createdAt: string }>> {
    return [...(this.secrets.get(sourceId)?.entries() ?? [])].map(([id, s]) => ({ id, createdAt: s.createdAt }));
  }

  async removeSigningSecret(sourceId: string, secretId: string): Promise<void> {
    this.secrets.get(sourceId)?.delete(secretId);
  }
}

const copy = <T>(value: T | undefined): T | undefined => (value === undefined ? undefined : structuredClone(value));

function createOnce<T>(map: Map<string, T>, id: string, value: T): 'created' | 'exists' {
  if (map.has(id)) return 'exists';
  map.set(id, structuredClone(value));
  return 'created';
}
