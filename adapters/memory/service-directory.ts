import { RelaisError } from '../../core/errors/relais-error.ts';
import type { ServiceDirectory, ServicePage } from '../../core/services/ports.ts';
import type { Service, ServiceType } from '../../schemas/canonical/index.ts';

/**
 * The service directory in process memory, with the DynamoDB one's rules: create never replaces, put
 * replaces only the version it names, lists are in id order behind a cursor bound to the list it came
 * from. For unit tests; services are copied in and out.
 */
export class MemoryServiceDirectory implements ServiceDirectory {
  private readonly services = new Map<string, Service>();

  async create(service: Service): Promise<'created' | 'exists'> {
    if (this.services.has(service.id)) return 'exists';
    this.services.set(service.id, structuredClone(service));
    return 'created';
  }

  async get(id: string): Promise<Service | undefined> {
    const found = this.services.get(id);
    return found && structuredClone(found);
  }

  async put(service: Service, expectedVersion: number): Promise<'updated' | 'conflict'> {
    if (this.services.get(service.id)?.version !== expectedVersion) return 'conflict';
    this.services.set(service.id, structuredClone(service));
    return 'updated';
  }

  listByOrganisation(organisationId: string, cursor: string | undefined, limit: number) {
    return this.page(`org:${organisationId}`, (s) => s.organisationId === organisationId, cursor, limit);
  }

  listByType(type: ServiceType, cursor: string | undefined, limit: number) {
    return this.page(`type:${type}`, (s) => s.type === type, cursor, limit);
  }

  private async page(
    list: string,
    keep: (service: Service) => boolean,
    cursor: string | undefined,
    limit: number,
  ): Promise<ServicePage> {
    const after = cursor === undefined ? undefined : decode(cursor, list);
    const matching = [...this.services.values()]
      .filter((s) => keep(s) && (after === undefined || s.id > after))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const items = matching.slice(0, limit).map((s) => structuredClone(s));
    const last = items[items.length - 1];
    return matching.length > limit && last ? { items, nextCursor: encode(list, last.id) } : { items };
  }
}

const encode = (list: string, id: string) => Buffer.from(JSON.stringify([list, id])).toString('base64url');

function decode(cursor: string, list: string): string {
  try {
    const [from, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (from === list && typeof id === 'string') return id;
  } catch {
    /* not a cursor of ours: refused below */
  }
  throw new RelaisError('bad-request', 'invalid-cursor');
}
