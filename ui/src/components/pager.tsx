import { useState } from 'preact/hooks';
import { defineMessages, useMessages } from '../i18n.ts';

const messages = defineMessages({
  fr: { previous: 'Page précédente', next: 'Page suivante', page: (n: number) => `page ${n}` },
  en: { previous: 'Previous page', next: 'Next page', page: (n: number) => `page ${n}` },
});

export interface CursorPages {
  /** The cursor of the page shown: undefined for the first. */
  cursor: string | undefined;
  /** 1 for the first page. */
  number: number;
  next(cursor: string): void;
  previous(): void;
}

/**
 * The API pages with sealed cursors, each given by the page before and tied to its query: the cursors of
 * the pages before this one are kept, so "previous" needs nothing from the API, and another `query` starts
 * again from the first page at once (in the same render: a cursor of the old query would be refused).
 */
export function useCursorPages(query: string): CursorPages {
  const [state, setState] = useState<{ query: string; cursors: Array<string | undefined> }>({
    query,
    cursors: [undefined],
  });
  const cursors = state.query === query ? state.cursors : [undefined];
  return {
    cursor: cursors[cursors.length - 1],
    number: cursors.length,
    next: (cursor) => setState({ query, cursors: [...cursors, cursor] }),
    previous: () => setState({ query, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}

/** Previous and next buttons over cursor pages; nothing when there is one page only. */
export function Pager({
  pages,
  nextCursor,
  labels,
}: {
  pages: CursorPages;
  nextCursor: string | undefined;
  /** Where "page" alone would be unclear (a person's history beside its records). */
  labels?: { previous: string; next: string };
}) {
  const t = useMessages(messages);
  if (!nextCursor && pages.number === 1) return null;
  return (
    <p class="toolbar">
      {pages.number > 1 && (
        <button type="button" onClick={pages.previous}>
          {labels?.previous ?? t.previous}
        </button>
      )}
      {nextCursor && (
        <button type="button" onClick={() => pages.next(nextCursor)}>
          {labels?.next ?? t.next}
        </button>
      )}
      {pages.number > 1 && <span class="hint">{t.page(pages.number)}</span>}
    </p>
  );
}
