import type { Normaliser } from '../../../core/ports.ts';

/**
 * The passthrough for sources that send NormalisedRecord as is; validation happens after, as for any
 * source. No origins: every canonical pointer, down to the innermost property (e.g.
 * /person/birthDate/value), already points into what the partner sent.
 */
export const canonicalNormaliser: Normaliser = {
  mappingVersion: 'canonical@1',
  normalise: (payload) => ({ ok: true, record: payload }),
};
