import { type CursorScope, openCursor, sealCursor } from '../../core/pagination/sealed-cursor.ts';
import type { Container } from './container.ts';

/**
 * Runs one page of a list with sealed cursors: the caller's cursor is opened (or refused, 400) before
 * the store sees it, and the store's next position goes back sealed to the same scope. Stores keep
 * dealing in their raw positions. `field` names the answer's next-page cursor and `parameter` the query
 * parameter that brings it back (`nextCursor` and `cursor` for a list; a person's history pages through
 * `historyNextCursor` and `historyCursor`).
 */
export async function pageWithSealedCursor<P extends Partial<Record<F, string>>, F extends string = 'nextCursor'>(
  container: Pick<Container, 'cursorKey'>,
  scope: CursorScope,
  cursor: string | undefined,
  list: (position: string | undefined) => Promise<P>,
  names: { field: F; parameter: string } = { field: 'nextCursor' as F, parameter: 'cursor' },
): Promise<P> {
  const key = await container.cursorKey();
  const page = await list(cursor === undefined ? undefined : openCursor(key, cursor, scope, `/${names.parameter}`));
  const next = page[names.field];
  if (next === undefined) return page;
  return { ...page, [names.field]: sealCursor(key, next, scope) };
}
