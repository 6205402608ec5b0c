import { RelaisError } from '../errors/relais-error.ts';
import type { AuditEvent } from './model.ts';

/**
 * A person's history is read in the order of (time, event id): events of one instant keep a fixed order,
 * and the position of the last event read is enough to go on. The cursor is that position, base64url so
 * that clients treat it as opaque; it is checked strictly, so that a forged or truncated one is a 400,
 * never a storage error. It says nothing beyond the order of events the caller already saw, and can be
 * sealed later like the other cursors.
 */
export type HistoryPosition = Pick<AuditEvent, 'at' | 'id'>;

/** The sort key of an event in its person's history. */
export const historyOrder = (event: HistoryPosition): string => `${event.at}#${event.id}`;

const ORDER = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)#(aud_[0-9a-f]{32})$/;

export const encodeHistoryCursor = (event: HistoryPosition): string =>
  Buffer.from(historyOrder(event), 'utf8').toString('base64url');

export function decodeHistoryCursor(cursor: string): HistoryPosition {
  const match = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) && ORDER.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]!))) throw new RelaisError('bad-request', 'invalid-cursor');
  return { at: match[1]!, id: match[2]! };
}
