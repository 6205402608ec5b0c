import type { Location, Service, ServiceType, Sex } from '../../schemas/canonical/index.ts';
import type { FieldIssue } from '../errors/field-issue.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Localised } from '../i18n/language.ts';
import { bestCover, placeName } from './areas.ts';
import { coversPlace, hasStatus, ofType, takesAge, takesSex } from './eligibility.ts';
import { SERVICE_TYPE_LABELS } from './labels.ts';

/** What a referral needs: a kind of service, for a child described only as far as eligibility requires. */
export interface ReferralNeed {
  serviceType: ServiceType;
  child: {
    location?: Location | undefined;
    /** Unknown: eligible for an age-limited service; the receiving organisation checks at intake. */
    ageYears?: number | undefined;
    sex: Sex;
  };
}

/** `only`: exactly one service must fit, or the caller picks; `best`: Relais ranks them. */
export type RoutingChoice = 'only' | 'best';

type Criterion = {
  keeps: (service: Service, need: ReferralNeed) => boolean;
  /** The field issue naming this criterion when it rules out the last candidates: never the child's age or sex. */
  issue: (need: ReferralNeed) => FieldIssue;
};

const typeOf = (need: ReferralNeed) => SERVICE_TYPE_LABELS[need.serviceType];
const where = (need: ReferralNeed): Localised => {
  const name = placeName(need.child.location);
  return name ? { en: name, fr: name } : { en: 'an unknown location', fr: 'un lieu inconnu' };
};

/** In the order they are applied: the first one to leave nobody is the one reported. */
const CRITERIA: readonly Criterion[] = [
  {
    keeps: (service, need) => ofType(service, need.serviceType),
    issue: (need) => ({
      pointer: '/serviceType',
      code: 'no-service-of-type',
      message: {
        en: `No ${typeOf(need).en} service is listed in the directory`,
        fr: `Aucun service ${typeOf(need).fr} n'est répertorié`,
      },
    }),
  },
  {
    keeps: (service) => hasStatus(service, 'active'),
    issue: (need) => ({
      pointer: '/serviceType',
      code: 'no-active-service',
      message: {
        en: `No ${typeOf(need).en} service is active`,
        fr: `Aucun service ${typeOf(need).fr} n'est actif`,
      },
    }),
  },
  {
    keeps: (service, need) => coversPlace(service, need.child.location),
    issue: (need) => ({
      pointer: '/child/location',
      code: 'no-service-covers-location',
      message: {
        en: `No active ${typeOf(need).en} service covers ${where(need).en}`,
        fr: `Aucun service ${typeOf(need).fr} actif ne couvre ${where(need).fr}`,
      },
    }),
  },
  {
    keeps: (service, need) => takesAge(service, need.child.ageYears),
    issue: (need) => ({
      pointer: '/child/age',
      code: 'no-service-for-age',
      message: {
        en: `No active ${typeOf(need).en} service covering ${where(need).en} takes a child of this age`,
        fr: `Aucun service ${typeOf(need).fr} actif couvrant ${where(need).fr} n'accueille un enfant de cet âge`,
      },
    }),
  },
  {
    keeps: (service, need) => takesSex(service, need.child.sex),
    issue: (need) => ({
      pointer: '/child/sex',
      code: 'no-service-for-sex',
      message: {
        en: `No active ${typeOf(need).en} service covering ${where(need).en} for this age takes a child of this sex`,
        fr: `Aucun service ${typeOf(need).fr} actif couvrant ${where(need).fr} pour cet âge n'accueille un enfant de ce sexe`,
      },
    }),
  },
];

/** The services meeting every criterion, or the issue naming the criterion that ruled out the last ones. */
export function eligibleServices(
  candidates: readonly Service[],
  need: ReferralNeed,
): { eligible: Service[] } | { none: FieldIssue } {
  let left = [...candidates];
  for (const criterion of CRITERIA) {
    left = left.filter((service) => criterion.keeps(service, need));
    if (left.length === 0) return { none: criterion.issue(need) };
  }
  return { eligible: left };
}

/** Free places first, then unknown, then full. */
const capacityRank = (service: Service) => {
  const available = service.capacity?.available;
  return available === undefined ? 1 : available > 0 ? 0 : 2;
};

/**
 * Best first: the most specific area covering the child (locality > territory > province > country), then
 * free places before unknown before none, then more free places, then the smaller id, so that the same
 * directory always gives the same answer.
 */
export function rankServices(services: readonly Service[], location: Location | undefined): Service[] {
  const keyed = services.map((service) => ({
    service,
    cover: bestCover(service.serviceAreas, location),
    rank: capacityRank(service),
    available: service.capacity?.available ?? 0,
  }));
  keyed.sort(
    (a, b) =>
      b.cover - a.cover ||
      a.rank - b.rank ||
      b.available - a.available ||
      (a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0),
  );
  return keyed.map((k) => k.service);
}

/**
 * Chooses the service a referral goes to. Only an active service is ever chosen. Throws 409
 * `no-eligible-service` naming the criterion (type, then active status, area, age, sex) that ruled out the
 * last candidates, or, with choice `only`, 409 `several-eligible-services` listing them for the caller to pick.
 */
export function routeReferral(candidates: readonly Service[], need: ReferralNeed, choice: RoutingChoice): Service {
  const found = eligibleServices(candidates, need);
  if ('none' in found) throw new RelaisError('conflict', 'no-eligible-service', [found.none]);
  const ranked = rankServices(found.eligible, need.child.location);
  if (choice === 'only' && ranked.length > 1)
    throw new RelaisError('conflict', 'several-eligible-services', [], undefined, {
      candidates: ranked.map(({ id, organisationId, name }) => ({ id, organisationId, name })),
    });
  return ranked[0]!;
}
