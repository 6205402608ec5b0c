import type { ChangeItem, ChangeType } from '../../schemas/api/changes.ts';
import { canSeeChange } from '../access/changes.ts';
import type { Principal } from '../access/principal.ts';
import { ownScope } from '../access/scope.ts';
import { invalidCursor } from '../pagination/sealed-cursor.ts';
import { type FeedDeps, readFeed } from './feed.ts';

export interface ChangesRequest {
  /** The store position a (sealed) cursor carried: the last sequence read. */
  position: string | undefined;
  limit: number;
  types?: readonly ChangeType[] | undefined;
}

/**
 * One page of the caller's change feed, oldest first. The feed is the caller's organisation's own, and each
 * entry is still put to the access policy: an entry the caller may not see is passed over, never shown.
 * `types` filters what is shown, not what is read: the position moves over the other types too, so a
 * filtered page may be short, or empty, with a cursor that has moved on.
 */
export async function readChanges(
  deps: FeedDeps,
  principal: Pick<Principal, 'organisationId'>,
  request: ChangesRequest,
): Promise<{ items: ChangeItem[]; nextCursor: string }> {
  const scope = ownScope(principal);
  const after = request.position === undefined ? 0 : positionOf(request.position);
  const page = await readFeed(deps, scope.organisationId, after, request.limit);
  const wanted = request.types === undefined ? undefined : new Set<string>(request.types);
  const items = page.entries
    .filter((e) => canSeeChange(scope, e.subject) && (wanted === undefined || wanted.has(e.change.type)))
    .map((e) => ({ id: e.id, sequence: e.sequence, ...e.change }) as ChangeItem);
  return { items, nextCursor: String(page.position) };
}

function positionOf(position: string): number {
  // Sealed cursors only carry what this function handed out; anything else is a cursor of another list.
  if (!/^(0|[1-9][0-9]{0,14})$/.test(position)) throw invalidCursor();
  return Number(position);
}
