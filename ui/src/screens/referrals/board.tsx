import { useEffect, useState } from 'preact/hooks';
import { Loaded, useResource } from '../../components/feedback.tsx';
import { Pager, useCursorPages } from '../../components/pager.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { href, navigate, type Route } from '../../router.ts';
import { Flags, StatusBadge } from './flags.tsx';
import { messages } from './messages.ts';
import type { ReferralList, ReferralStatus, ReferralView } from './types.ts';

type Box = 'sent' | 'received';

/** In the order of a referral's life; the labels' Record makes the list complete. */
const STATUSES = Object.keys(messages.fr.statuses) as readonly ReferralStatus[];

const PAGE_SIZE = 25;

/** What the board shows, from the address: a filtered board can be reloaded and shared. */
function filtersOf(route: Route) {
  const role: Box = route.query.get('role') === 'sent' ? 'sent' : 'received';
  const asked = route.query.get('status');
  const status = STATUSES.find((s) => s === asked);
  const overdue = route.query.get('overdue') === 'true';
  return { role, status, overdue };
}

/** Sent and received referrals, one box at a time, filtered by status and lateness as the API filters them. */
export function Board({ route }: { route: Route }) {
  const t = useMessages(messages);
  const lang = useLang();
  const { role, status, overdue } = filtersOf(route);
  const pages = useCursorPages(`${role}|${status}|${overdue}`);
  const { cursor } = pages;
  const page = useResource(
    (api) =>
      api.get<ReferralList>('/v1/referrals', {
        role,
        status,
        overdue: overdue ? 'true' : undefined,
        cursor,
        limit: PAGE_SIZE,
      }),
    [role, status, overdue, cursor],
  );
  const [draftStatus, setDraftStatus] = useState(status ?? '');
  const [draftOverdue, setDraftOverdue] = useState(overdue);
  useEffect(() => {
    setDraftStatus(status ?? '');
    setDraftOverdue(overdue);
  }, [status, overdue]);

  const apply = (event: Event) => {
    event.preventDefault();
    navigate(href('referrals', [], { role, status: draftStatus, overdue: draftOverdue ? 'true' : undefined }));
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.title}</h1>
      <div class="toolbar" role="group" aria-label={t.boxes}>
        {(['received', 'sent'] as const).map((box) => (
          <a
            key={box}
            class="box-link"
            href={href('referrals', [], { role: box })}
            aria-current={box === role ? 'page' : undefined}
          >
            {box === 'sent' ? t.sent : t.received}
          </a>
        ))}
      </div>
      <form class="toolbar" onSubmit={apply} aria-label={t.filters}>
        <div>
          <label for="referrals-status">{t.statusFilter}</label>
          <select id="referrals-status" value={draftStatus} onChange={(e) => setDraftStatus(e.currentTarget.value)}>
            <option value="">{t.anyStatus}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="inline">
          <input
            id="referrals-overdue"
            type="checkbox"
            checked={draftOverdue}
            onChange={(e) => setDraftOverdue(e.currentTarget.checked)}
          />
          <label for="referrals-overdue">{t.overdueOnly}</label>
        </div>
        <button type="submit" class="primary">
          {t.apply}
        </button>
      </form>
      <Loaded resource={page}>
        {(data) => (
          <>
            <StatusCounts items={data.items} />
            {data.items.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <table>
                <caption>
                  {role === 'sent' ? t.tableSent(data.items.length) : t.tableReceived(data.items.length)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t.reference}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.flags}</th>
                    <th scope="col">{t.service}</th>
                    <th scope="col">{role === 'sent' ? t.partnerTo : t.partnerFrom}</th>
                    <th scope="col">{t.requestedAt}</th>
                    <th scope="col">{t.dueAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <Row key={r.id} referral={r} role={role} lang={lang} />
                  ))}
                </tbody>
              </table>
            )}
            <Pager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </Loaded>
    </>
  );
}

function Row({ referral: r, role, lang }: { referral: ReferralView; role: Box; lang: 'fr' | 'en' }) {
  const t = useMessages(messages);
  return (
    <tr>
      <th scope="row">
        <a href={href('referrals', [r.id])}>
          <code>{r.id}</code>
        </a>
      </th>
      <td>
        <StatusBadge status={r.status} />
      </td>
      <td>
        <Flags referral={r} />
      </td>
      <td>{t.serviceTypes[r.serviceType]}</td>
      <td>{role === 'sent' ? r.receiving.organisationId : r.referring.organisationId}</td>
      <td>{formatDateTime(lang, r.requestedAt)}</td>
      <td>{formatDateTime(lang, r.dueAt)}</td>
    </tr>
  );
}

/** How the page's referrals stand, so a mixed page reads at a glance; the status filter narrows further. */
function StatusCounts({ items }: { items: readonly ReferralView[] }) {
  const t = useMessages(messages);
  const counts = STATUSES.map((s) => [s, items.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  if (counts.length === 0) return null;
  return (
    <p class="hint">
      {t.byStatus}{' '}
      {counts.map(([s, n]) => (
        <span key={s} class="status-count">
          {t.statuses[s]} {n}
        </span>
      ))}
    </p>
  );
}
