import { useState } from 'preact/hooks';
import type * as z from 'zod';
import type { ReviewDecisionRequest, ReviewList } from '../../../../schemas/api/persons.ts';
import { ActionFeedback, Loaded, useAction, useResource } from '../../components/feedback.tsx';
import { formatDateTime, formatNumber, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { useApi } from '../../session.ts';
import { Caregivers, type RecordData, RecordFacts } from '../persons/record-facts.tsx';
import { messages as personMessages } from '../persons/messages.ts';
import { messages, type ReviewMessages } from './messages.ts';
import { fieldWord, guardWords, householdWarnings, levelWord, type Review, score } from './review-words.ts';

type Decision = z.output<typeof ReviewDecisionRequest>['decision'];

interface Sides {
  record?: RecordData;
  candidate?: RecordData;
}

/** The records of a review that the organisation holds; the other side stays with its organisation. */
async function readSides(api: ReturnType<typeof useApi>, review: Review): Promise<Sides> {
  const read = (id: string | undefined) => (id ? api.get<RecordData>(`/v1/records/${id}`) : Promise.resolve(undefined));
  const [record, candidate] = await Promise.all([read(review.recordId), read(review.candidateRecordId)]);
  return { ...(record ? { record } : {}), ...(candidate ? { candidate } : {}) };
}

/** The next open review after this one, looking a few pages on (a page may be short: see ReviewList). */
async function nextOpen(api: ReturnType<typeof useApi>, after: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let pages = 0; pages < 5; pages++) {
    const page = await api.get<z.output<typeof ReviewList>>('/v1/admin/reviews', { status: 'open', cursor });
    const next = page.items.find((r) => r.id !== after);
    if (next) return next.id;
    if (!page.nextCursor) return undefined;
    cursor = page.nextCursor;
  }
  return undefined;
}

export function ReviewPage({ id }: { id: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const review = useResource(
    async (a) => {
      const r = await a.get<Review>(`/v1/admin/reviews/${encodeURIComponent(id)}`);
      return { review: r, sides: await readSides(a, r) };
    },
    [id],
  );
  const action = useAction();
  const [next, setNext] = useState<{ id?: string }>();
  const decide = async (decision: Decision, reason: string) => {
    const ok = await action.run(async () => {
      const decided = await api.post<Review>(`/v1/admin/reviews/${encodeURIComponent(id)}`, { decision, reason });
      const survivor = [decided.personId, decided.candidatePersonId].sort()[0]!;
      return decision === 'same' ? t.decidedSame(survivor) : t.decidedDifferent;
    });
    if (ok) {
      review.reload();
      const following = await nextOpen(api, id).catch(() => undefined);
      setNext(following ? { id: following } : {});
    }
  };
  const created = review.data ? formatDateTime(lang, review.data.review.createdAt) : undefined;
  return (
    <>
      <h1 tabIndex={-1}>{created ? t.reviewTitle(created) : t.review}</h1>
      <p>
        <a href={href('reviews')}>{t.backToQueue}</a>
      </p>
      <ActionFeedback action={action} />
      {next && <p>{next.id ? <a href={href('reviews', [next.id])}>{t.nextReview}</a> : <span>{t.queueDone}</span>}</p>}
      <Loaded resource={review}>
        {({ review: r, sides }) => (
          <>
            <dl class="facts">
              <dt>{t.statusLabel}</dt>
              <dd>
                <span class={`badge ${r.status === 'open' ? 'badge-warn' : 'badge-ok'}`}>{t.status[r.status]}</span>
              </dd>
              <dt>{t.score}</dt>
              <dd>
                {score(lang, r.score)} <span class="hint">· {t.scoreHint}</span>
              </dd>
              {r.decidedAt && (
                <>
                  <dt>{t.decidedAt}</dt>
                  <dd>{formatDateTime(lang, r.decidedAt)}</dd>
                </>
              )}
              {r.decidedBy && (
                <>
                  <dt>{t.decidedBy}</dt>
                  <dd>{r.decidedBy === 'another-organisation' ? t.anotherOrganisation : r.decidedBy}</dd>
                </>
              )}
              {r.reason && (
                <>
                  <dt>{t.reasonLabel}</dt>
                  <dd>{r.reason}</dd>
                </>
              )}
            </dl>
            <WhyHeld review={r} />
            <section aria-labelledby="sides-title">
              <h2 id="sides-title">{t.sidesTitle}</h2>
              <div class="grid-2">
                <Side
                  title={t.thisSide}
                  record={sides.record}
                  personId={sides.record?.personId ?? r.personId}
                  held={r.recordId !== undefined}
                />
                <Side
                  title={t.candidateSide}
                  record={sides.candidate}
                  personId={sides.candidate?.personId ?? r.candidatePersonId}
                  held={r.candidateRecordId !== undefined}
                />
              </div>
            </section>
            <Explanation review={r} />
            <Household sides={sides} />
            {r.status === 'open' && <DecisionForm busy={action.busy} onDecide={decide} />}
          </>
        )}
      </Loaded>
    </>
  );
}

function WhyHeld({ review }: { review: Review }) {
  const t = useMessages(messages);
  const p = useMessages(personMessages);
  const guard = guardWords(t, review.guard);
  const warnings = householdWarnings(t, review);
  return (
    <div class="notice notice-warn">
      <p class="notice-title">
        {t.whyHeld}
        {guard && (
          <>
            {p.colon}
            <span class="badge badge-warn">{guard.short}</span>
          </>
        )}
      </p>
      <p>{guard ? guard.long : t.bandOnly}</p>
      {warnings.map((w) => (
        <p key={w}>
          <strong>{w}</strong>
        </p>
      ))}
    </div>
  );
}

function Side({
  title,
  record,
  personId,
  held,
}: {
  title: string;
  record: RecordData | undefined;
  personId: string;
  held: boolean;
}) {
  const t = useMessages(messages);
  return (
    <article class="card" aria-label={title}>
      <h3>{title}</h3>
      {held && record ? (
        <>
          <RecordFacts record={record} />
          <p>
            <a href={href('persons', [personId])}>{t.openPerson(personId)}</a>
          </p>
        </>
      ) : (
        <p class="notice">{t.heldElsewhere}</p>
      )}
    </article>
  );
}

function Explanation({ review }: { review: Review }) {
  const t = useMessages(messages);
  const lang = useLang();
  return (
    <section aria-labelledby="explanation-title">
      <h2 id="explanation-title">{t.explanationTitle}</h2>
      <table>
        <caption>{t.explanationCaption(score(lang, review.score))}</caption>
        <thead>
          <tr>
            <th scope="col">{t.fieldLabel}</th>
            <th scope="col">{t.comparison}</th>
            <th scope="col" class="number">
              {t.similarity}
            </th>
            <th scope="col" class="number">
              {t.weight}
            </th>
          </tr>
        </thead>
        <tbody>
          {review.fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{fieldWord(t, f.field)}</th>
              <td>{levelWord(t, f)}</td>
              <td class="number">{formatNumber(lang, Math.round(f.similarity * 100))} %</td>
              <td class="number">
                <span class={f.weight >= 0 ? 'weight-for' : 'weight-against'}>
                  {f.weight >= 0 ? '+' : ''}
                  {score(lang, f.weight)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t.total}
            </th>
            <td class="number">
              <strong>{score(lang, review.score)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Household({ sides }: { sides: Sides }) {
  const t = useMessages(messages);
  const column = (title: string, record: RecordData | undefined) => (
    <div class="card">
      <h3>{t.caregiversOf(title)}</h3>
      {record ? <Caregivers person={record.person} /> : <p class="hint">{t.unknownHousehold}</p>}
    </div>
  );
  return (
    <section aria-labelledby="household-title">
      <h2 id="household-title">{t.householdTitle}</h2>
      <div class="grid-2">
        {column(t.thisSide, sides.record)}
        {column(t.candidateSide, sides.candidate)}
      </div>
    </section>
  );
}

function DecisionForm({ busy, onDecide }: { busy: boolean; onDecide(d: Decision, reason: string): Promise<void> }) {
  const t: ReviewMessages = useMessages(messages);
  const [decision, setDecision] = useState<Decision>();
  const [reason, setReason] = useState('');
  const choices: Decision[] = ['same', 'different'];
  return (
    <section aria-labelledby="decide-title">
      <h2 id="decide-title">{t.decideTitle}</h2>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (decision) void onDecide(decision, reason);
        }}
      >
        <fieldset>
          <legend>{t.decideLegend}</legend>
          {choices.map((c) => (
            <div class="inline" key={c}>
              <input
                type="radio"
                id={`decision-${c}`}
                name="decision"
                value={c}
                required
                checked={decision === c}
                onChange={() => setDecision(c)}
              />
              <label for={`decision-${c}`}>{t[c]}</label>
            </div>
          ))}
        </fieldset>
        <label for="decision-reason">{t.reason}</label>
        <textarea
          id="decision-reason"
          required
          maxLength={1000}
          rows={3}
          aria-describedby="decision-reason-hint"
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <p id="decision-reason-hint" class="hint">
          {t.reasonHint}
        </p>
        <div class="toolbar">
          <button type="submit" class="primary" disabled={busy}>
            {t.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
