import { forgettingAround, readThrough } from '../cache/read-through.ts';
import type { Clock } from '../ports.ts';
import type { ServiceDirectory, ServicePage } from './ports.ts';
import type { Service } from '../../schemas/canonical/index.ts';

/** How long a referral function trusts the services it read: the lag of a change made by another function. */
export const ROUTING_CACHE_SECONDS = 10;

/**
 * The directory as referrals read it: every referral routed by service type lists the services of that
 * type, and a directory changes a few times a week, so the list is kept ROUTING_CACHE_SECONDS (saving the
 * POST a Query). `directory` is the store to write through: its writes forget what `routing` keeps, so
 * within one function a change is seen at once; one made by another function (on AWS, the admin route's
 * Lambda) within the lag. For that lag a deactivated service may still receive a referral, which its
 * organisation then rejects like any other. The directory's own reads (admin pages, the search partners
 * use) are never served from it: an administrator sees what is stored.
 */
export function cachedRouting(
  store: ServiceDirectory,
  clock: Clock,
  seconds = ROUTING_CACHE_SECONDS,
): { directory: ServiceDirectory; routing: Pick<ServiceDirectory, 'get' | 'listByType'> } {
  const services = readThrough<Service | undefined>(clock, seconds);
  const pages = readThrough<ServicePage>(clock, seconds);
  const forgetAll = () => {
    services.forget();
    pages.forget();
  };
  const writing = <T>(write: () => Promise<T>) => forgettingAround(forgetAll, write);
  return {
    directory: {
      create: (service) => writing(() => store.create(service)),
      put: (service, expectedVersion) => writing(() => store.put(service, expectedVersion)),
      get: (id) => store.get(id),
      listByOrganisation: (organisationId, cursor, limit) => store.listByOrganisation(organisationId, cursor, limit),
      listByType: (type, cursor, limit) => store.listByType(type, cursor, limit),
    },
    routing: {
      get: (id) => services.get(id, () => store.get(id)),
      listByType: (type, cursor, limit) =>
        pages.get(JSON.stringify([type, cursor ?? null, limit]), () => store.listByType(type, cursor, limit)),
    },
  };
}
