import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { ANOTHER_ORGANISATION, PersonView } from '../../../../schemas/api/persons.ts';
import { ActionFeedback, Loaded, useAction, useResource } from '../../components/feedback.tsx';
import { type CursorPages, Pager, useCursorPages } from '../../components/pager.tsx';
import { formatDateTime, formatNumber, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { useApi, useSignedIn } from '../../session.ts';
import { messages, type PersonMessages } from './messages.ts';
import { fullName, type RecordData, RecordFacts } from './record-facts.tsx';

export type PersonData = z.output<typeof PersonView>;
type HistoryEntry = PersonData['history'][number];

const HISTORY_PAGE = 20;
const ANOTHER: typeof ANOTHER_ORGANISATION = 'another-organisation';

/** Who decided, in words: the matcher, another organisation (no more is disclosed), or one of your keys. */
export function actorLabel(t: PersonMessages, by: string) {
  if (by === 'matcher') return t.matcher;
  if (by === ANOTHER) return t.anotherOrganisation;
  return by;
}

export function PersonPage({ id }: { id: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const { session } = useSignedIn();
  const admin = session.roles.includes('admin');
  const pages = useCursorPages(id);
  const { cursor } = pages;
  const person = useResource(
    (api) =>
      api.get<PersonData>(`/v1/persons/${encodeURIComponent(id)}`, {
        historyLimit: HISTORY_PAGE,
        historyCursor: cursor,
      }),
    [id, cursor],
  );
  // Each form says what it did next to itself, where the person acting is looking.
  const splitAction = useAction();
  const mergeAction = useAction();
  const [created, setCreated] = useState<string>();
  // Split out every record the organisation held here: the person is no longer its to see (a 404).
  const [emptied, setEmptied] = useState(false);
  if (emptied && created) return <AllSplitOut id={id} created={created} action={splitAction} />;
  return (
    <>
      <h1 tabIndex={-1}>{t.title(id)}</h1>
      <p>
        <a href={href('persons')}>{t.backToPersons}</a>
      </p>
      <Loaded resource={person}>
        {(p) => (
          <>
            {p.id !== id && (
              <div class="notice notice-warn">
                <p>{t.mergedInto(p.id)}</p>
                <p>
                  <a href={href('persons', [p.id])}>{t.openSurvivor}</a>
                </p>
              </div>
            )}
            <dl class="facts">
              <dt>{t.statusLabel}</dt>
              <dd>
                <span class={`badge ${p.status === 'active' ? 'badge-ok' : 'badge-muted'}`}>{t.status[p.status]}</span>
              </dd>
              <dt>{t.yourRecords}</dt>
              <dd>{formatNumber(lang, p.records.length)}</dd>
              <dt>{t.otherRecords}</dt>
              <dd>
                {formatNumber(lang, p.otherRecords)}
                {p.otherRecords > 0 && <span class="hint"> · {t.otherRecordsHint}</span>}
              </dd>
            </dl>
            <Records
              person={p}
              admin={admin}
              created={created}
              onSplit={(newId, all) => {
                setCreated(newId);
                if (all) setEmptied(true);
                else person.reload();
              }}
              action={splitAction}
            />
            {admin && (
              <MergeForm
                personId={p.id}
                // A person merged away answers as the one that remains: merge into that one, on its page.
                open={p.id === id}
                action={mergeAction}
                onMerged={() => person.reload()}
              />
            )}
            <History person={p} pages={pages} />
          </>
        )}
      </Loaded>
    </>
  );
}

function AllSplitOut({ id, created, action }: { id: string; created: string; action: ReturnType<typeof useAction> }) {
  const t = useMessages(messages);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => link.current?.focus(), []);
  return (
    <>
      <h1 tabIndex={-1}>{t.title(id)}</h1>
      <ActionFeedback action={action} />
      <p>{t.noneLeft}</p>
      <p>
        <a ref={link} href={href('persons', [created])}>
          {t.openNew(created)}
        </a>
      </p>
    </>
  );
}

function Records({
  person,
  admin,
  action,
  created,
  onSplit,
}: {
  person: PersonData;
  admin: boolean;
  action: ReturnType<typeof useAction>;
  created: string | undefined;
  /** `all`: every record of the organisation's left this person. */
  onSplit(newPersonId: string, all: boolean): void;
}) {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const ids = person.records.map((r) => r.recordId);
  // The person's view lists ids; each record says who the child is. Few per person, read together.
  const details = useResource(
    (a) => Promise.all(ids.map((r) => a.get<RecordData>(`/v1/records/${r}`))),
    [ids.join(',')],
  );
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [nothingChosen, setNothingChosen] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const toggle = (recordId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(recordId);
    else next.delete(recordId);
    setChosen(next);
    setNothingChosen(false);
  };
  const split = async () => {
    const recordIds = ids.filter((r) => chosen.has(r));
    setConfirming(false);
    await action.run(async () => {
      const created = await api.post<PersonData>(`/v1/admin/persons/${person.id}/split`, { recordIds, reason });
      setChosen(new Set());
      setReason('');
      onSplit(created.id, recordIds.length === ids.length);
      return t.splitDone(recordIds.length, created.id);
    });
  };
  // The registry keeps at least one record in a person: a lone record has nowhere to be split from.
  const splittable = admin && person.records.length > 0 && person.records.length + person.otherRecords >= 2;
  const byId = new Map((details.data ?? []).map((r) => [r.id, r]));
  return (
    <section aria-labelledby="records-title">
      <h2 id="records-title">{t.yourRecords}</h2>
      {person.records.length === 0 ? (
        <p>{t.noRecords}</p>
      ) : (
        <table>
          <caption>{t.recordsCaption}</caption>
          <thead>
            <tr>
              {splittable && <th scope="col">{t.choose}</th>}
              <th scope="col">{t.record}</th>
              <th scope="col">{t.linkedAt}</th>
              <th scope="col">{t.linkedBy}</th>
            </tr>
          </thead>
          <tbody>
            {person.records.map((r) => {
              const record = byId.get(r.recordId);
              const name = record ? fullName(record.person) || t.unnamed : r.recordId;
              return (
                <tr key={r.recordId}>
                  {splittable && (
                    <td>
                      <input
                        type="checkbox"
                        id={`choose-${r.recordId}`}
                        aria-label={t.chooseRecord(`${name} (${r.recordId})`)}
                        checked={chosen.has(r.recordId)}
                        onChange={(e) => toggle(r.recordId, e.currentTarget.checked)}
                      />
                    </td>
                  )}
                  <td>
                    <p>
                      <code>{r.recordId}</code>
                    </p>
                    {record ? (
                      <RecordFacts record={record} />
                    ) : details.error !== undefined ? (
                      <p class="hint">{t.recordUnavailable}</p>
                    ) : null}
                  </td>
                  <td>{formatDateTime(lang, r.linkedAt)}</td>
                  <td>{actorLabel(t, r.linkedBy)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {admin && person.records.length > 0 && !splittable && <p class="hint">{t.nothingToSplit}</p>}
      {splittable && (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen.size === 0) setNothingChosen(true);
            else setConfirming(true);
          }}
        >
          <h3>{t.splitTitle}</h3>
          <p class="hint">{t.splitHint}</p>
          <label for="split-reason">{t.splitReason}</label>
          <textarea
            id="split-reason"
            required
            maxLength={1000}
            rows={2}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          {nothingChosen && (
            <p class="notice notice-warn" role="alert">
              {t.chooseFirst}
            </p>
          )}
          {confirming ? (
            <div class="notice notice-warn confirm" role="group" aria-labelledby="split-confirm-text">
              <p id="split-confirm-text">{t.confirmSplit(chosen.size)}</p>
              <div class="toolbar">
                <button type="button" class="danger" ref={confirmButton} onClick={split} disabled={action.busy}>
                  {t.confirm}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : (
            <div class="toolbar">
              <button type="submit" class="danger" disabled={action.busy}>
                {t.split}
              </button>
            </div>
          )}
        </form>
      )}
      <ActionFeedback action={action} />
      {created && action.done && (
        <p>
          <a href={href('persons', [created])}>{t.openNew(created)}</a>
        </p>
      )}
    </section>
  );
}

function MergeForm({
  personId,
  open,
  action,
  onMerged,
}: {
  personId: string;
  open: boolean;
  action: ReturnType<typeof useAction>;
  onMerged(): void;
}) {
  const t = useMessages(messages);
  const api = useApi();
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const otherId = other.trim();
    const ok = await action.run(async () => {
      const merged = await api.post<PersonData>(`/v1/admin/persons/${personId}/merge`, {
        personId: otherId,
        reason,
      });
      return t.merged(otherId, merged.id);
    });
    if (ok) {
      setOther('');
      setReason('');
      onMerged();
    }
  };
  return (
    // Still shown, with what it did, once the person merged away answers as the one that remains.
    (open || action.done !== undefined || action.error !== undefined) && (
      <section aria-labelledby="merge-title">
        <h2 id="merge-title">{t.mergeTitle}</h2>
        <ActionFeedback action={action} />
        {open && (
          <form class="card" onSubmit={submit}>
            <p class="hint">{t.mergeHint}</p>
            <label for="merge-other">{t.mergeOther}</label>
            <input
              id="merge-other"
              type="text"
              required
              spellcheck={false}
              autocomplete="off"
              placeholder="per_…"
              value={other}
              onInput={(e) => setOther(e.currentTarget.value)}
            />
            <label for="merge-reason">{t.mergeReason}</label>
            <textarea
              id="merge-reason"
              required
              maxLength={1000}
              rows={2}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <div class="toolbar">
              <button type="submit" class="primary" disabled={action.busy}>
                {t.merge}
              </button>
            </div>
          </form>
        )}
      </section>
    )
  );
}

function History({ person, pages }: { person: PersonData; pages: CursorPages }) {
  const t = useMessages(messages);
  const lang = useLang();
  const reasonOf = (h: HistoryEntry) =>
    h.reason === undefined ? '' : h.by === 'matcher' ? (t.matcherReason[h.reason] ?? h.reason) : h.reason;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t.historyTitle}</h2>
      {person.history.length === 0 ? (
        <p>{t.noHistory}</p>
      ) : (
        <table>
          <caption>{t.historyCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.at}</th>
              <th scope="col">{t.actionLabel}</th>
              <th scope="col">{t.by}</th>
              <th scope="col">{t.reason}</th>
              <th scope="col">{t.records}</th>
              <th scope="col" class="number">
                {t.score}
              </th>
            </tr>
          </thead>
          <tbody>
            {person.history.map((h, i) => (
              <tr key={`${h.at}-${i}`}>
                <td>{formatDateTime(lang, h.at)}</td>
                <td>{t.action[h.action as keyof typeof t.action] ?? h.action}</td>
                <td>{actorLabel(t, h.by)}</td>
                <td>{reasonOf(h)}</td>
                <td>
                  {h.recordIds.map((r) => (
                    <code key={r} class="block">
                      {r}
                    </code>
                  ))}
                </td>
                <td class="number">{h.score === undefined ? '' : formatNumber(lang, Math.round(h.score * 10) / 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        pages={pages}
        nextCursor={person.historyNextCursor}
        labels={{ previous: t.previousPage, next: t.nextPage }}
      />
    </section>
  );
}
