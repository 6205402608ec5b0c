import type { Scope } from '../access/scope.ts';
import { isOwnOrganisation } from '../access/visibility.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { ServiceDirectory } from '../services/ports.ts';
import { type ReferralNeed, routeReferral } from '../services/routing.ts';
import type { Service } from '../../schemas/canonical/index.ts';
import type { ReferralRequest } from '../../schemas/canonical/referral.ts';

/** Services of one type a directory may hold at most, read in pages: a province's directory is small. */
const PAGE = 100;

/**
 * The service a referral goes to. A named service must exist and suit the child like a routed one
 * (active, covering where the child lives, age and sex); a service type is routed among other
 * organisations' services (core/services/routing.ts decides, and names the criterion that failed).
 */
export async function receivingService(
  services: Pick<ServiceDirectory, 'get' | 'listByType'>,
  scope: Scope,
  to: ReferralRequest['to'],
  child: ReferralNeed['child'],
): Promise<Service> {
  if (to.serviceId !== undefined) {
    const named = await services.get(to.serviceId);
    if (!named) {
      throw new RelaisError('validation', 'invalid-document', [
        {
          pointer: '/to/serviceId',
          code: 'unknown-service',
          message: { en: 'No such service in the directory', fr: "Ce service n'existe pas dans l'annuaire" },
        },
      ]);
    }
    if (to.serviceType !== undefined && to.serviceType !== named.type) {
      throw new RelaisError('validation', 'invalid-document', [
        {
          pointer: '/to/serviceType',
          code: 'type-mismatch',
          message: { en: 'The named service is of another type', fr: "Le service nommé est d'un autre type" },
        },
      ]);
    }
    return routeReferral([named], { serviceType: named.type, child }, 'only');
  }
  const candidates: Service[] = [];
  let cursor: string | undefined;
  do {
    const page = await services.listByType(to.serviceType!, cursor, PAGE);
    candidates.push(...page.items.filter((s) => !isOwnOrganisation(scope, s.organisationId)));
    cursor = page.nextCursor;
  } while (cursor);
  return routeReferral(candidates, { serviceType: to.serviceType!, child }, to.choose);
}
