import type { Normaliser } from '../../core/ports.ts';
import { canonicalNormaliser } from '../../adapters/sources/canonical/normaliser.ts';
import { RelaisError } from '../../core/errors/relais-error.ts';
import type { Source } from '../../schemas/canonical/index.ts';

/** The normaliser that turns this source's payloads into canonical records. */
export async function normaliserForSource(source: Source): Promise<Normaliser> {
  if (source.tool === 'canonical') return canonicalNormaliser;
  throw new RelaisError('not-found', 'source-not-found');
}
