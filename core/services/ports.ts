import type { Service, ServiceType } from '../../schemas/canonical/index.ts';

/** One page of services in id order; `nextCursor` is the store's own position, sealed before callers see it. */
export interface ServicePage {
  items: Service[];
  nextCursor?: string;
}

/**
 * The service directory's storage. Writes are conditional so that two administrators never overwrite
 * each other: a create never replaces, a put replaces only the version it was read at.
 */
export interface ServiceDirectory {
  create(service: Service): Promise<'created' | 'exists'>;
  get(id: string): Promise<Service | undefined>;
  /** Replaces the stored service only if it is still at `expectedVersion`. */
  put(service: Service, expectedVersion: number): Promise<'updated' | 'conflict'>;
  listByOrganisation(organisationId: string, cursor: string | undefined, limit: number): Promise<ServicePage>;
  /** Every organisation's services of one type, whatever their status: for search and routing. */
  listByType(type: ServiceType, cursor: string | undefined, limit: number): Promise<ServicePage>;
}
