import { contentHash } from '../records/content-hash.ts';
import { recordIdFor } from '../records/record-id.ts';

/**
 * Ids derived from what they identify, so that a retried step writes the same item again instead of a
 * second one. The base32 digest is the one record ids use.
 */
const derived = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${recordIdFor('registry', parts.join('\u0000')).slice(4)}`;

/** The person first created for a record. */
export const personIdFor = (recordId: string): string => derived('per', 'person', recordId);

/** A person split off another: the same split asked twice lands on the same id. */
export const splitPersonIdFor = (personId: string, recordIds: readonly string[]): string =>
  derived('per', 'split', personId, ...[...recordIds].sort());

/**
 * One review per pair of persons, whichever record raised it and in whichever order: more records of the
 * same two children keep the open review, and deciding it settles the pair.
 */
export const reviewIdFor = (personId: string, otherPersonId: string): string =>
  derived('rev', 'pair', ...[personId, otherPersonId].sort());

export const auditIdFor = (parts: readonly unknown[]): string => `aud_${contentHash(parts).slice(0, 32)}`;
