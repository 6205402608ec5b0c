import { useEffect, useState } from 'preact/hooks';
import { Loaded, useResource } from '../../components/feedback.tsx';
import { formatDate, formatDateTime, type Lang, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { useSignedIn } from '../../session.ts';
import { ChildView } from './child-view.tsx';
import { Flags, StatusBadge } from './flags.tsx';
import { messages, type ReferralMessages } from './messages.ts';
import { ConsentActions, StatusActions } from './status-actions.tsx';
import type { ReferralView } from './types.ts';

/** One referral, as the caller's side may see it (GET /v1/referrals/{id}), and what that side may do next. */
export function ReferralPage({ id }: { id: string }) {
  const t = useMessages(messages);
  const resource = useResource((api) => api.get<ReferralView>(`/v1/referrals/${encodeURIComponent(id)}`), [id]);
  // An action answers the referral as it now stands: shown at once, without reading it again.
  const [changed, setChanged] = useState<ReferralView>();
  useEffect(() => setChanged(undefined), [id]);
  const back = (
    <p>
      <a href={href('referrals')}>{t.back}</a>
    </p>
  );
  if (resource.data === undefined)
    return (
      <>
        <h1 tabIndex={-1}>{t.title}</h1>
        {back}
        <Loaded resource={resource}>{() => null}</Loaded>
      </>
    );
  const referral = changed ?? resource.data;
  return (
    <>
      <h1 tabIndex={-1}>{t.detailTitle(t.serviceTypes[referral.serviceType])}</h1>
      {back}
      <Details referral={referral} />
      <StatusActions referral={referral} onChanged={setChanged} />
      <ConsentActions referral={referral} onChanged={setChanged} />
      <History referral={referral} />
      <Delivery referral={referral} />
    </>
  );
}

function Details({ referral: r }: { referral: ReferralView }) {
  const t = useMessages(messages);
  const lang = useLang();
  const { session } = useSignedIn();
  const org = (id: string) => (id === session.organisation.id ? `${session.organisation.name} (${id})` : id);
  return (
    <>
      <p>
        <code>{r.id}</code> <StatusBadge status={r.status} /> <Flags referral={r} />
      </p>
      <div class="grid-2 referral-grid">
        <section class="card" aria-labelledby="referral-summary">
          <h2 id="referral-summary">{t.summary}</h2>
          <dl class="facts">
            <dt>{t.status}</dt>
            <dd>{t.statuses[r.status]}</dd>
            <dt>{t.yourSide}</dt>
            <dd>{t.sides[r.yourSide]}</dd>
            <dt>{t.from}</dt>
            <dd>{org(r.referring.organisationId)}</dd>
            <dt>{t.to}</dt>
            <dd>{org(r.receiving.organisationId)}</dd>
            <dt>{t.service}</dt>
            <dd>{t.serviceTypes[r.serviceType]}</dd>
            <dt>{t.serviceId}</dt>
            <dd>
              <code>{r.receiving.serviceId}</code>
            </dd>
            <dt>{t.priority}</dt>
            <dd>{t.priorities[r.priority]}</dd>
            <dt>{t.requestedAt}</dt>
            <dd>{formatDateTime(lang, r.requestedAt)}</dd>
            <dt>{t.dueAt}</dt>
            <dd>{formatDateTime(lang, r.dueAt)}</dd>
            {r.referring.caseId && (
              <>
                <dt>{t.referringCase}</dt>
                <dd>{r.referring.caseId}</dd>
              </>
            )}
            {r.referring.caseWorker && (
              <>
                <dt>{t.caseWorker}</dt>
                <dd>{r.referring.caseWorker}</dd>
              </>
            )}
            {r.receiving.caseId && (
              <>
                <dt>{t.receivingCase}</dt>
                <dd>{r.receiving.caseId}</dd>
              </>
            )}
            <dt>{t.version}</dt>
            <dd>{r.version}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="referral-reason">
          <h2 id="referral-reason">{t.reason}</h2>
          <p class="reason">{r.reason}</p>
        </section>
        <section class="card" aria-labelledby="referral-child">
          <h2 id="referral-child">{t.child}</h2>
          <ChildView child={r.child} />
        </section>
        <section class="card" aria-labelledby="referral-consent">
          <h2 id="referral-consent">{t.consent}</h2>
          <Consent referral={r} t={t} lang={lang} />
        </section>
      </div>
    </>
  );
}

function Consent({ referral: r, t, lang }: { referral: ReferralView; t: ReferralMessages; lang: Lang }) {
  const c = r.consent;
  const yesNo = (b: boolean) => (b ? t.yes : t.no);
  return (
    <dl class="facts">
      <dt>{t.basis}</dt>
      <dd>{c.basis === 'consent' ? t.basisConsent : t.basisOverride}</dd>
      {c.basis === 'override' ? (
        <>
          <dt>{t.justification}</dt>
          <dd>{c.justification}</dd>
        </>
      ) : (
        <>
          {c.reference && (
            <>
              <dt>{t.consentReference}</dt>
              <dd>{c.reference}</dd>
            </>
          )}
          <dt>{t.givenAt}</dt>
          <dd>{formatDateTime(lang, c.givenAt)}</dd>
          <dt>{t.caregiverConsent}</dt>
          <dd>{yesNo(c.caregiverConsent)}</dd>
          <dt>{t.childAssent}</dt>
          <dd>{yesNo(c.childAssent)}</dd>
          <dt>{t.childAgeAtConsent}</dt>
          <dd>{c.childAgeAtConsent}</dd>
          <dt>{t.validUntil}</dt>
          <dd>{formatDate(lang, c.validUntil)}</dd>
          <dt>{t.recipients}</dt>
          <dd>{c.recipients.join(', ')}</dd>
          <dt>{t.purposes}</dt>
          <dd>{c.purposes.map((p) => t.serviceTypes[p]).join(', ')}</dd>
        </>
      )}
      <dt>{t.sharedCategories}</dt>
      <dd>{c.categories.map((k) => t.categories[k]).join(', ')}</dd>
      <dt>{t.recordedBy}</dt>
      <dd>{c.recordedBy}</dd>
      {r.consentRevokedAt && (
        <>
          <dt>{t.revokedAt}</dt>
          <dd>{formatDateTime(lang, r.consentRevokedAt)}</dd>
        </>
      )}
    </dl>
  );
}

function History({ referral: r }: { referral: ReferralView }) {
  const t = useMessages(messages);
  const lang = useLang();
  return (
    <section aria-labelledby="referral-history">
      <h2 id="referral-history">{t.history}</h2>
      <table>
        <caption>{t.historyCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.version}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.at}</th>
            <th scope="col">{t.by}</th>
            <th scope="col">{t.reasonCode}</th>
            <th scope="col">{t.note}</th>
            <th scope="col">{t.feedback}</th>
          </tr>
        </thead>
        <tbody>
          {r.history.map((h) => (
            <tr key={h.version}>
              <th scope="row">{h.version}</th>
              <td>
                <StatusBadge status={h.status} />
              </td>
              <td>{formatDateTime(lang, h.at)}</td>
              <td>
                {h.byOrganisationId} ({t.sides[h.side]})
              </td>
              <td>{h.reasonCode ? t.reasons[h.reasonCode] : ''}</td>
              <td>{h.note}</td>
              <td>
                {h.feedback && (
                  <dl class="facts">
                    <dt>{t.serviceProvided}</dt>
                    <dd>{h.feedback.serviceProvided}</dd>
                    <dt>{t.outcome}</dt>
                    <dd>{t.outcomes[h.feedback.outcome]}</dd>
                    <dt>{t.serviceDate}</dt>
                    <dd>{formatDate(lang, h.feedback.date)}</dd>
                    {h.feedback.note && (
                      <>
                        <dt>{t.note}</dt>
                        <dd>{h.feedback.note}</dd>
                      </>
                    )}
                  </dl>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Delivery({ referral: r }: { referral: ReferralView }) {
  const t = useMessages(messages);
  const lang = useLang();
  return (
    <section aria-labelledby="referral-delivery">
      <h2 id="referral-delivery">{t.delivery}</h2>
      {r.delivery.length === 0 ? (
        <p class="hint">{t.noDelivery}</p>
      ) : (
        <table>
          <caption>{t.deliveryCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.fact}</th>
              <th scope="col">{t.at}</th>
              <th scope="col">{t.toOrganisation}</th>
              <th scope="col">{t.version}</th>
              <th scope="col">{t.channel}</th>
            </tr>
          </thead>
          <tbody>
            {r.delivery.map((f, i) => (
              <tr key={i}>
                <th scope="row">
                  <span class={`badge ${f.fact === 'undeliverable' ? 'badge-danger' : 'badge-muted'}`}>
                    {t.facts[f.fact]}
                  </span>
                </th>
                <td>{formatDateTime(lang, f.at)}</td>
                <td>{f.toOrganisationId}</td>
                <td>{f.version}</td>
                <td>{f.channel ? t.channels[f.channel] : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
