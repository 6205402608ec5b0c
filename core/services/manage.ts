import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CreateServiceRequest, UpdateServiceRequest } from '../../schemas/api/services.ts';
import type { Service } from '../../schemas/canonical/index.ts';
import type { Principal } from '../access/principal.ts';
import { ownScope } from '../access/scope.ts';
import { requireVisible } from '../access/visibility.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Clock } from '../ports.ts';
import type { ServiceDirectory, ServicePage } from './ports.ts';

/**
 * An organisation's administrator describes its own services. Another organisation's service answers
 * 404, like a missing one (core/access). Focal points are contact data: nothing here logs a service.
 */

/** Drawn like source ids, for the same reason: the id space is shared by every organisation. */
export const newServiceId = () => `svc_${randomBytes(8).toString('hex')}`;

/** 64 random bits make a collision all but impossible; a retry costs nothing if one ever happens. */
const CREATE_ATTEMPTS = 3;
/** Deactivation retries when another write came between its read and its write. */
const WRITE_ATTEMPTS = 3;

export async function createService(
  services: ServiceDirectory,
  clock: Clock,
  admin: Principal,
  input: z.output<typeof CreateServiceRequest>,
): Promise<Service> {
  const lastModified = clock.now().toISOString();
  for (let attempt = 1; ; attempt++) {
    const service: Service = {
      ...input,
      id: newServiceId(),
      organisationId: admin.organisationId,
      lastModified,
      version: 1,
    };
    if ((await services.create(service)) === 'created') return service;
    if (attempt >= CREATE_ATTEMPTS) throw new RelaisError('conflict', 'already-exists');
  }
}

/** One of the administrator's own services; anyone else's is "not found". */
export async function ownService(services: ServiceDirectory, admin: Principal, serviceId: string): Promise<Service> {
  return requireVisible(ownScope(admin), 'service', await services.get(serviceId), 'manage');
}

export const listOwnServices = (
  services: ServiceDirectory,
  admin: Principal,
  cursor: string | undefined,
  limit: number,
): Promise<ServicePage> => services.listByOrganisation(admin.organisationId, cursor, limit);

const stale = () => new RelaisError('conflict', 'service-version-conflict');

/** Replaces the whole service, if `version` is still the stored one: two editors never overwrite each other. */
export async function updateService(
  services: ServiceDirectory,
  clock: Clock,
  admin: Principal,
  serviceId: string,
  input: z.output<typeof UpdateServiceRequest>,
): Promise<Service> {
  const stored = await ownService(services, admin, serviceId);
  const { version, ...fields } = input;
  if (stored.version !== version) throw stale();
  const next: Service = {
    ...fields,
    id: stored.id,
    organisationId: stored.organisationId,
    lastModified: clock.now().toISOString(),
    version: stored.version + 1,
  };
  if ((await services.put(next, stored.version)) === 'conflict') throw stale();
  return next;
}

/** Takes a service out of search and routing (status inactive); one already inactive is left as it is. */
export async function deactivateService(
  services: ServiceDirectory,
  clock: Clock,
  admin: Principal,
  serviceId: string,
): Promise<Service> {
  for (let attempt = 1; ; attempt++) {
    const stored = await ownService(services, admin, serviceId);
    if (stored.status === 'inactive') return stored;
    const next: Service = {
      ...stored,
      status: 'inactive',
      lastModified: clock.now().toISOString(),
      version: stored.version + 1,
    };
    if ((await services.put(next, stored.version)) === 'updated') return next;
    if (attempt >= WRITE_ATTEMPTS) throw stale();
  }
}
