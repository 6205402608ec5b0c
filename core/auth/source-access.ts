import type { Source } from '../../schemas/canonical/index.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Principal } from '../access/principal.ts';
import { ownScope } from '../access/scope.ts';
import { requireVisible } from '../access/visibility.ts';

/**
 * May this API key push into this source? The organisation comes from the key; a source of another
 * organisation answers 404, as if it did not exist. A source-role key pushes only into the sources it
 * lists: one without a list (issued before lists were required) pushes nowhere.
 */
export function assertMayPushInto(principal: Principal, source: Source): void {
  requireVisible(ownScope(principal), 'source', source, 'manage');
  if (principal.roles.includes('admin')) return;
  if (!principal.roles.includes('source')) throw new RelaisError('forbidden', 'role-required');
  if (!principal.sourceIds?.includes(source.id)) throw new RelaisError('not-found', 'source-not-found');
}
