import { type CursorScope, openCursor, sealCursor } from '../../core/pagination/sealed-cursor.ts';
import type { Container } from './container.ts';

/**
 * Runs one page of a list with sealed cursors: the caller's cursor is opened (or refused, 400) before
 * the store sees it, and the store's next position goes back sealed to the same scope. Stores keep
 * dealing in their raw positions.
 */
export async function pageWithSealedCursor<P extends { nextCursor?: string }>(
  container: Pick<Container, 'cursorKey'>,
  scope: CursorScope,
  cursor: string | undefined,
  list: (position: string | undefined) => Promise<P>,
): Promise<P> {
  const key = await container.cursorKey();
  const page = await list(cursor === undefined ? undefined : openCursor(key, cursor, scope));
  if (page.nextCursor === undefined) return page;
  return { ...page, nextCursor: sealCursor(key, page.nextCursor, scope) };
}
