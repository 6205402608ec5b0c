import { RelaisError } from '../errors/relais-error.ts';
import type { Dimension } from '../stats/children-table.ts';
import type { StatsView } from '../stats/report.ts';
import type { Principal } from './principal.ts';

/**
 * Who may see which statistics. `own`: an organisation's reader or admin key sees its own records and
 * referrals, exact (report.ts restricts the counting to them). `all`: any organisation sees every
 * organisation's counts, suppressed, and that read crosses organisations, so it is audited. The
 * organisation dimension across organisations names agencies beside counts of children (the GBVIMS
 * sharing protocol removes agency names for that reason): only the organisations the deployment lists.
 */
export interface StatisticsAccess {
  /** The organisation whose records an `own` report counts. */
  organisationId: string;
  /** Whether the read is a cross-organisation read, to be audited as such. */
  crossOrganisationRead: boolean;
}

export function statisticsAccess(
  principal: Pick<Principal, 'organisationId'>,
  request: { view: StatsView; by: readonly Dimension[] },
  organisationViewers: ReadonlySet<string>,
): StatisticsAccess {
  if (
    request.view === 'all' &&
    request.by.includes('organisation') &&
    !mayNameOrganisations(principal, organisationViewers)
  )
    throw new RelaisError('forbidden', 'statistics-dimension-not-allowed', [
      {
        pointer: '/by',
        code: 'organisation_dimension_not_allowed',
        message: {
          en: 'The organisation dimension across organisations is not open to your organisation',
          fr: "La dimension organisation entre organisations n'est pas ouverte à votre organisation",
        },
      },
    ]);
  return { organisationId: principal.organisationId, crossOrganisationRead: request.view === 'all' };
}

/** Whether this organisation may ask for the organisation dimension across organisations. */
export const mayNameOrganisations = (
  principal: Pick<Principal, 'organisationId'>,
  organisationViewers: ReadonlySet<string>,
): boolean => organisationViewers.has(principal.organisationId);

/** An organisation's own view counts the referrals it made or received, and no other. */
export const referralIsOwn = (
  organisationId: string,
  referral: { referring: { organisationId: string }; receiving: { organisationId: string } },
): boolean =>
  referral.referring.organisationId === organisationId || referral.receiving.organisationId === organisationId;
