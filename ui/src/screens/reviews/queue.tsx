import { useState } from 'preact/hooks';
import type { ReviewList, ReviewStatus } from '../../../../schemas/api/persons.ts';
import type * as z from 'zod';
import { Loaded, useResource } from '../../components/feedback.tsx';
import { Pager, useCursorPages } from '../../components/pager.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { href, navigate } from '../../router.ts';
import { OpenPerson } from '../persons/open-person.tsx';
import { messages } from './messages.ts';
import { guardWords, score } from './review-words.ts';

const STATUSES: readonly ReviewStatus[] = ['open', 'same', 'different'];
const PAGE = 25;

export const statusOf = (value: string | null): ReviewStatus => STATUSES.find((s) => s === value) ?? 'open';

/** The queue, one page at a time (the API's cursor), filtered by status through the address. */
export function Queue({ status }: { status: ReviewStatus }) {
  const t = useMessages(messages);
  const lang = useLang();
  const pages = useCursorPages(status);
  const { cursor } = pages;
  const page = useResource(
    (api) => api.get<z.output<typeof ReviewList>>('/v1/admin/reviews', { status, limit: PAGE, cursor }),
    [status, cursor],
  );
  const [choice, setChoice] = useState(status);
  const decided = status !== 'open';
  return (
    <>
      <h1 tabIndex={-1}>{t.queueTitle}</h1>
      <p>{t.queueIntro}</p>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('reviews', [], { status: choice === 'open' ? undefined : choice }));
        }}
      >
        <div>
          <label for="review-status">{t.statusFilter}</label>
          <select id="review-status" value={choice} onChange={(e) => setChoice(statusOf(e.currentTarget.value))}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.list[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.show}</button>
      </form>
      <Loaded resource={page}>
        {(list) => (
          <>
            {list.items.length === 0 ? (
              <p>{t.empty}</p>
            ) : (
              <table>
                <caption>{t.list[status]}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.created}</th>
                    <th scope="col" class="number">
                      {t.score}
                    </th>
                    <th scope="col">{t.guardLabel}</th>
                    <th scope="col">{t.sides}</th>
                    {decided && <th scope="col">{t.decidedAt}</th>}
                    <th scope="col">
                      <span class="visually-hidden">{t.examine}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((r) => {
                    const guard = guardWords(t, r.guard);
                    return (
                      <tr key={r.id}>
                        <td>{formatDateTime(lang, r.createdAt)}</td>
                        <td class="number">{score(lang, r.score)}</td>
                        <td>
                          {guard ? (
                            <span class="badge badge-warn">{guard.short}</span>
                          ) : (
                            <span class="badge badge-muted">{t.noGuard}</span>
                          )}
                        </td>
                        <td>{t.sidesValue((r.recordId ? 1 : 0) + (r.candidateRecordId ? 1 : 0))}</td>
                        {decided && <td>{r.decidedAt && formatDateTime(lang, r.decidedAt)}</td>}
                        <td>
                          <a href={href('reviews', [r.id])}>
                            {t.examine}
                            <span class="visually-hidden">{t.examineReview(r.id)}</span>
                          </a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <Pager pages={pages} nextCursor={list.nextCursor} />
          </>
        )}
      </Loaded>
      <OpenPerson idPrefix="queue-person" />
    </>
  );
}
