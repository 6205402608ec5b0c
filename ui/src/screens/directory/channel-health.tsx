import { ActionFeedback, Loaded, useAction, useResource } from '../../components/feedback.tsx';
import { InlineConfirm } from '../../components/inline-confirm.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { useApi } from '../../session.ts';
import { NEXT, NEXT_BADGE, OUTCOMES } from './labels.ts';
import { messages } from './messages.ts';
import type { Attempt, ChannelHealth as Health, DeadLetterList, RedriveResult } from './types.ts';
import { ViewHeading } from './view-nav.tsx';

/** The organisation's delivery channel, its latest attempts, and the dead letters of its referrals. */
export function ChannelHealth() {
  const t = useMessages(messages);
  return (
    <>
      <ViewHeading title={t.channelPage} view="channel" />
      <p class="hint">{t.channelIntro}</p>
      <Channel />
      <DeadLetters />
    </>
  );
}

/** The retry the schedule holds next: the latest attempt's, if it is still to come. */
function nextRetry(attempts: readonly Attempt[], now: number): string | undefined {
  const latest = attempts.find((a) => a.nextAttemptAt !== undefined);
  return latest?.nextAttemptAt && Date.parse(latest.nextAttemptAt) > now ? latest.nextAttemptAt : undefined;
}

function Channel() {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const health = useResource((a) => a.get<Health>('/v1/admin/delivery-channel'), []);
  const action = useAction();
  const enable = () =>
    action.run(async () => {
      await api.post<Health>('/v1/admin/delivery-channel/enable');
      health.reload();
      return t.enabledDone;
    });
  return (
    <section aria-labelledby="channel-heading">
      <h2 id="channel-heading">{t.channel}</h2>
      <ActionFeedback action={action} />
      <Loaded resource={health}>
        {({ channel, attempts }) => {
          const retry = nextRetry(attempts, Date.now());
          return (
            <>
              <dl class="facts">
                <dt>{t.kind}</dt>
                <dd>{channel.kind === 'webhook' ? t.webhook : t.inbox}</dd>
                {channel.kind === 'webhook' && (
                  <>
                    <dt>{t.url}</dt>
                    <dd>
                      <code>{channel.url}</code>
                    </dd>
                    <dt>{t.events}</dt>
                    <dd>{channel.events === 'full' ? t.full : t.thin}</dd>
                    <dt>{t.configuredAt}</dt>
                    <dd>{formatDateTime(lang, channel.configuredAt)}</dd>
                    <dt>{t.health}</dt>
                    <dd>
                      {channel.disabledSince ? (
                        <span class="badge badge-danger">
                          {t.disabledSince(formatDateTime(lang, channel.disabledSince))}
                        </span>
                      ) : (
                        <span class="badge badge-ok">{t.enabled}</span>
                      )}
                    </dd>
                    <dt>{t.nextRetry}</dt>
                    <dd>{retry ? formatDateTime(lang, retry) : t.noRetry}</dd>
                  </>
                )}
              </dl>
              {channel.kind === 'webhook' && channel.disabledSince && (
                <div class="notice notice-warn">
                  <p>{t.disabledWhy}</p>
                  <button type="button" class="primary" disabled={action.busy} onClick={enable}>
                    {t.enable}
                  </button>
                </div>
              )}
              <h3>{t.attempts}</h3>
              <Attempts attempts={attempts} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function Attempts({ attempts }: { attempts: readonly Attempt[] }) {
  const t = useMessages(messages);
  const lang = useLang();
  if (attempts.length === 0) return <p>{t.noAttempts}</p>;
  return (
    <table>
      <caption>{t.attemptsCaption(attempts.length)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.at}</th>
          <th scope="col">{t.referral}</th>
          <th scope="col" class="number">
            {t.attempt}
          </th>
          <th scope="col">{t.outcome}</th>
          <th scope="col" class="number">
            {t.duration}
          </th>
          <th scope="col">{t.then}</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr key={`${a.eventId}-${a.attempt}-${a.at}`}>
            <th scope="row">{formatDateTime(lang, a.at)}</th>
            <td>
              <code>{a.referralId}</code> v{a.referralVersion}
            </td>
            <td class="number">{a.attempt}</td>
            <td>
              {OUTCOMES[lang][a.outcome]}
              {a.status !== undefined && <strong> {a.status}</strong>}
            </td>
            <td class="number">{t.ms(Math.round(a.durationMs))}</td>
            <td>
              <span class={`badge ${NEXT_BADGE[a.next]}`}>{NEXT[lang][a.next]}</span>
              {a.nextAttemptAt && <span class="hint"> {formatDateTime(lang, a.nextAttemptAt)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeadLetters() {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const letters = useResource((a) => a.get<DeadLetterList>('/v1/admin/dead-letters'), []);
  const action = useAction();
  const redrive = () =>
    action.run(async () => {
      const { redriven } = await api.post<RedriveResult>('/v1/admin/dead-letters/redrive', {});
      letters.reload();
      return t.redriven(redriven.length);
    });
  return (
    <section aria-labelledby="dead-heading">
      <h2 id="dead-heading">{t.deadLetters}</h2>
      <p class="hint">{t.deadIntro}</p>
      <ActionFeedback action={action} />
      <Loaded resource={letters}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t.noDead}</p>
          ) : (
            <>
              <table>
                <caption>{t.deadCaption(items.length)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.referral}</th>
                    <th scope="col" class="number">
                      {t.version}
                    </th>
                    <th scope="col">{t.recipient}</th>
                    <th scope="col" class="number">
                      {t.series}
                    </th>
                    <th scope="col">{t.sentAt}</th>
                    <th scope="col" class="number">
                      {t.receives}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((l) => (
                    <tr key={l.messageId}>
                      <th scope="row">
                        <code>{l.referralId}</code>
                      </th>
                      <td class="number">{l.referralVersion}</td>
                      <td>{l.recipientOrganisationId}</td>
                      <td class="number">{l.series}</td>
                      <td>{formatDateTime(lang, l.sentAt)}</td>
                      <td class="number">{l.receives}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <InlineConfirm
                label={t.redrive}
                question={t.redriveQuestion(items.length)}
                confirm={t.redriveConfirm}
                disabled={action.busy}
                onConfirm={redrive}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
