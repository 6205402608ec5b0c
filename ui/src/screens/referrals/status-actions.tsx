import { useEffect, useState } from 'preact/hooks';
import { ActionFeedback, useAction } from '../../components/feedback.tsx';
import { useMessages } from '../../i18n.ts';
import { useApi } from '../../session.ts';
import { messages } from './messages.ts';
import type { ReasonCode, ReferralStatus, ReferralView, ServiceOutcome, StatusChange } from './types.ts';

/** The moves the lifecycle makes say why with a reason code (core/referrals/lifecycle.ts asks the same). */
const NEEDS_REASON: Record<ReferralStatus, boolean> = {
  requested: false,
  accepted: false,
  'in-progress': false,
  completed: false,
  rejected: true,
  cancelled: true,
  'on-hold': true,
  failed: true,
};

/** Moves that cannot be taken back: the form says so, and its button is the confirmation. */
const FINAL: ReadonlySet<ReferralStatus> = new Set(['rejected', 'cancelled', 'failed']);

// The labels are Records over the schema's unions, so these lists are complete.
const REASONS = Object.keys(messages.fr.reasons) as readonly ReasonCode[];
const OUTCOMES = Object.keys(messages.fr.outcomes) as readonly ServiceOutcome[];

const today = () => new Date().toISOString().slice(0, 10);
const filled = (s: string) => (s.trim() === '' ? undefined : s.trim());

interface Props {
  referral: ReferralView;
  onChanged(view: ReferralView): void;
}

/** The statuses this side may set next (the API's nextStatuses), each behind its own small form. */
export function StatusActions({ referral, onChanged }: Props) {
  const t = useMessages(messages);
  const api = useApi();
  const action = useAction();
  const [chosen, setChosen] = useState<ReferralStatus>();
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [caseId, setCaseId] = useState('');
  const [serviceProvided, setServiceProvided] = useState('');
  const [outcome, setOutcome] = useState('');
  const [date, setDate] = useState(today);

  // A keyboard user who opens a form lands on its first field, not back at the top of the page.
  useEffect(() => {
    if (chosen) document.querySelector<HTMLElement>('#status-form :is(input, select, textarea)')?.focus();
  }, [chosen]);

  const choose = (status: ReferralStatus | undefined) => {
    setChosen(status);
    setReasonCode('');
    setNote('');
    action.reset();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    const change: StatusChange = {
      status: chosen,
      ...(NEEDS_REASON[chosen] && reasonCode ? { reasonCode: reasonCode as ReasonCode } : {}),
      ...(chosen !== 'completed' && filled(note) ? { note: filled(note) } : {}),
      ...(chosen === 'accepted' && filled(caseId) ? { receiverCaseId: filled(caseId) } : {}),
      ...(chosen === 'completed'
        ? {
            feedback: {
              serviceProvided: serviceProvided.trim(),
              outcome: outcome as ServiceOutcome,
              date,
              ...(filled(note) ? { note: filled(note) } : {}),
            },
          }
        : {}),
    };
    const ok = await action.run(async () => {
      const view = await api.post<ReferralView>(`/v1/referrals/${encodeURIComponent(referral.id)}/status`, change);
      onChanged(view);
      return t.done(t.statuses[view.status], view.version);
    });
    if (ok) setChosen(undefined);
  };

  return (
    <section aria-labelledby="referral-actions">
      <h2 id="referral-actions">{t.actions}</h2>
      <ActionFeedback action={action} />
      {referral.nextStatuses.length === 0 ? (
        <p class="hint">{t.noActions}</p>
      ) : (
        <>
          <p>{t.nextStatusesHint}</p>
          <p class="toolbar">
            {referral.nextStatuses.map((s) => (
              <button
                key={s}
                type="button"
                aria-expanded={chosen === s}
                aria-controls="status-form"
                class={chosen === s ? 'primary' : undefined}
                onClick={() => choose(chosen === s ? undefined : s)}
              >
                {t.statusAction[s]}
              </button>
            ))}
          </p>
        </>
      )}
      {chosen && (
        <form id="status-form" class="card" onSubmit={submit} aria-label={t.statusAction[chosen]}>
          {FINAL.has(chosen) && <p class="notice notice-warn">{t.confirmDestructive(t.statusAction[chosen])}</p>}
          {chosen === 'accepted' && (
            <>
              <label for="status-case-id">{t.receiverCaseId}</label>
              <input
                id="status-case-id"
                type="text"
                maxLength={200}
                value={caseId}
                onInput={(e) => setCaseId(e.currentTarget.value)}
              />
            </>
          )}
          {NEEDS_REASON[chosen] && (
            <>
              <label for="status-reason">{t.reasonRequired}</label>
              <select
                id="status-reason"
                required
                value={reasonCode}
                onChange={(e) => setReasonCode(e.currentTarget.value)}
              >
                <option value="">{t.chooseReason}</option>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t.reasons[r]}
                  </option>
                ))}
              </select>
            </>
          )}
          {chosen === 'completed' && (
            <>
              <label for="feedback-service">{t.serviceProvided}</label>
              <input
                id="feedback-service"
                type="text"
                required
                maxLength={500}
                value={serviceProvided}
                onInput={(e) => setServiceProvided(e.currentTarget.value)}
              />
              <label for="feedback-outcome">{t.outcome}</label>
              <select
                id="feedback-outcome"
                required
                value={outcome}
                onChange={(e) => setOutcome(e.currentTarget.value)}
              >
                <option value="">{t.chooseOutcome}</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t.outcomes[o]}
                  </option>
                ))}
              </select>
              <label for="feedback-date">{t.serviceDate}</label>
              <input
                id="feedback-date"
                type="date"
                required
                max={today()}
                value={date}
                onInput={(e) => setDate(e.currentTarget.value)}
              />
            </>
          )}
          <label for="status-note">{t.noteOptional}</label>
          <textarea
            id="status-note"
            rows={3}
            maxLength={2000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <p class="toolbar">
            <button type="submit" class={FINAL.has(chosen) ? 'danger' : 'primary'} disabled={action.busy}>
              {t.confirm(t.statusAction[chosen])}
            </button>
            <button type="button" onClick={() => choose(undefined)}>
              {t.cancelForm}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

/**
 * The referrer withdraws consent (POST …/consent/revoke): it cancels an open referral and ends the
 * receiver's access, so the page asks again before it sends. The receiver, once told, confirms its purge.
 */
export function ConsentActions({ referral, onChanged }: Props) {
  const t = useMessages(messages);
  const api = useApi();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (confirming) document.getElementById('revoke-note')?.focus();
  }, [confirming]);
  const path = `/v1/referrals/${encodeURIComponent(referral.id)}/consent`;
  const mayRevoke = referral.yourSide === 'referring' && !referral.consentRevokedAt;
  const mayAcknowledge =
    referral.yourSide === 'receiving' &&
    referral.consentRevokedAt !== undefined &&
    !referral.delivery.some((f) => f.fact === 'purge-acknowledged');
  if (!mayRevoke && !mayAcknowledge && action.done === undefined) return null;

  const revoke = async (event: Event) => {
    event.preventDefault();
    const ok = await action.run(async () => {
      const view = await api.post<ReferralView>(`${path}/revoke`, filled(note) ? { note: filled(note) } : {});
      onChanged(view);
      return t.revoked(t.statuses[view.status]);
    });
    if (ok) setConfirming(false);
  };
  const acknowledge = () =>
    action.run(async () => {
      onChanged(await api.post<ReferralView>(`${path}/purged`, {}));
      return t.purged;
    });

  return (
    <section aria-labelledby="consent-actions">
      <h3 id="consent-actions">{t.consent}</h3>
      <ActionFeedback action={action} />
      {mayRevoke && !confirming && (
        <button type="button" class="danger" onClick={() => (action.reset(), setConfirming(true))}>
          {t.revoke}
        </button>
      )}
      {mayRevoke && confirming && (
        <form class="card" onSubmit={revoke} aria-label={t.revoke}>
          <p class="notice notice-warn">{t.revokeWarning}</p>
          <label for="revoke-note">{t.revokeNote}</label>
          <textarea
            id="revoke-note"
            rows={2}
            maxLength={2000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <p class="toolbar">
            <button type="submit" class="danger" disabled={action.busy}>
              {t.confirmRevoke}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t.cancelForm}
            </button>
          </p>
        </form>
      )}
      {mayAcknowledge && (
        <>
          <p class="hint">{t.purgeHint}</p>
          <button type="button" class="primary" disabled={action.busy} onClick={acknowledge}>
            {t.acknowledgePurge}
          </button>
        </>
      )}
    </section>
  );
}
