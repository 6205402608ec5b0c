import { normaliserFor } from '../../adapters/sources/index.ts';
import type { Normaliser } from '../../core/ports.ts';
import type { Source } from '../../schemas/canonical/index.ts';

/** The normaliser that turns this source's payloads into canonical records: its tool's built-in mapping. */
export async function normaliserForSource(source: Source): Promise<Normaliser> {
  return normaliserFor(source.tool);
}
