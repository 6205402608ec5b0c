import { useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import type { Flag, ReferralStatus, ReferralView } from './types.ts';

/**
 * The flags a referral carries now. Overdue and undeliverable are the API's own verdicts (it knows the
 * deployment's response times and the delivery facts); urgency and consent are read from the referral.
 * A consent is expired only while that still matters: a revoked one says revoked.
 */
export function flagsOf(referral: ReferralView, now: Date): Flag[] {
  const flags: Flag[] = [];
  if (referral.overdue) flags.push('overdue');
  if (referral.priority === 'emergency' || referral.priority === 'urgent') flags.push(referral.priority);
  if (referral.consentRevokedAt) flags.push('consent-revoked');
  else if (referral.consent.basis === 'override') flags.push('consent-override');
  else if (Date.parse(referral.consent.validUntil) < now.getTime()) flags.push('consent-expired');
  if (referral.undeliverable) flags.push('undeliverable');
  return flags;
}

const FLAG_TONE: Record<Flag, 'warn' | 'danger'> = {
  overdue: 'danger',
  emergency: 'danger',
  urgent: 'warn',
  'consent-expired': 'warn',
  'consent-revoked': 'danger',
  'consent-override': 'warn',
  undeliverable: 'danger',
};

export function Flags({ referral }: { referral: ReferralView }) {
  const t = useMessages(messages);
  const flags = flagsOf(referral, new Date());
  return (
    <>
      {flags.map((f) => (
        <span key={f} class={`badge badge-${FLAG_TONE[f]}`}>
          {t.flagLabels[f]}
        </span>
      ))}
    </>
  );
}

const STATUS_TONE: Record<ReferralStatus, 'ok' | 'warn' | 'danger' | 'muted'> = {
  requested: 'warn',
  accepted: 'ok',
  'in-progress': 'ok',
  'on-hold': 'warn',
  completed: 'ok',
  rejected: 'danger',
  cancelled: 'muted',
  failed: 'danger',
};

export function StatusBadge({ status }: { status: ReferralStatus }) {
  const t = useMessages(messages);
  return <span class={`badge badge-${STATUS_TONE[status]}`}>{t.statuses[status]}</span>;
}
