import type { Normaliser } from '../../../core/ports.ts';

/**
 * Sources that already speak Relais send canonical input: nothing to map, and every canonical pointer is
 * already a pointer into what they sent. Validation happens in the ingest use case, as for every source.
 */
export const canonicalNormaliser: Normaliser = {
  mappingVersion: 'canonical@1',
  normalise: (payload) => ({ ok: true, record: payload }),
};
