import type { Normaliser } from '../../../core/ports.ts';
import { listTargetLeaves } from '../../../core/mapping/targets.ts';

/** Every canonical field comes from the same place in the payload: the source already speaks Relais. */
const IDENTITY_ORIGINS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(listTargetLeaves().map((p) => [p, p])));

/** The passthrough for sources that send NormalisedRecord as is; validation happens after, as for any source. */
export const canonicalNormaliser: Normaliser = {
  mappingVersion: 'canonical@1',
  normalise: (payload) => ({ ok: true, record: payload, origins: IDENTITY_ORIGINS }),
};
