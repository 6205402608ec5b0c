import type * as z from 'zod';
import { NormalisedRecord, type UnmappedCode } from '../../schemas/canonical/index.ts';
import type { FieldIssue } from '../errors/field-issue.ts';
import type { NormaliseContext, NormaliseResult, Normaliser } from '../ports.ts';
import { validate } from '../validation/validate.ts';

/** A payload turned into a valid canonical record, with the codes its mapping kept as "other". */
export type CheckedRecord = NormalisedRecord & { unmappedCodes?: UnmappedCode[] };

/** A problem with one payload. `target` names the canonical field when `pointer` is a payload field instead. */
export interface PayloadIssue extends FieldIssue {
  readonly target?: string;
}

type RecordCheck =
  | { ok: true; record: CheckedRecord }
  /** `skipped`: the mapping's skip condition matched: not an error, nothing to store. */
  | { ok: false; skipped: boolean; issues: PayloadIssue[] };

/** What is kept of the raw codes beside a record: enough to fix a mapping, never a whole free-text answer. */
const MAX_KEPT_CODES = 50;
const MAX_CODE_LENGTH = 200;

/** The longest canonical prefix with a known origin names the partner's field. */
export function sourcePointerFor(pointer: string, origins: Readonly<Record<string, string>>): string | undefined {
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const origin = origins[p];
    if (origin !== undefined) return origin;
  }
  return undefined;
}

/**
 * Validates what a normaliser produced against the canonical schema. An error is pointed back at the
 * field the partner sent: the longest canonical prefix with a known origin wins, since what lies below
 * a mapped field (e.g. /person/birthDate/value from one date question) has no counterpart in the
 * payload. Without origins (the canonical passthrough) pointers already point into the payload; a
 * mapped field with no origin points at the payload as a whole, and `target` says which field failed.
 */
export function checkNormalised(mapped: NormaliseResult): RecordCheck {
  return checkMapped(NormalisedRecord, mapped);
}

/** checkNormalised for any output schema: a record, or a referral request (core/referrals/ingest-referrals.ts). */
export function checkMapped<S extends z.ZodType>(
  schema: S,
  mapped: NormaliseResult,
):
  | { ok: true; record: z.output<S> & { unmappedCodes?: UnmappedCode[] } }
  | { ok: false; skipped: boolean; issues: PayloadIssue[] } {
  if (!mapped.ok) return { ok: false, skipped: mapped.skipped ?? false, issues: mapped.issues };
  const checked = validate(schema, mapped.record);
  if (!checked.ok) {
    const { origins } = mapped;
    return {
      ok: false,
      skipped: false,
      issues: checked.issues.map((issue) =>
        origins ? { ...issue, pointer: sourcePointerFor(issue.pointer, origins) ?? '', target: issue.pointer } : issue,
      ),
    };
  }
  const codes = mapped.otherValues
    ?.slice(0, MAX_KEPT_CODES)
    .map(({ target, pointer, raw }) => ({ target, pointer, raw: raw.slice(0, MAX_CODE_LENGTH) }));
  const value = checked.value as z.output<S> & object;
  return { ok: true, record: codes?.length ? { ...value, unmappedCodes: codes } : value };
}

/** Normalise, then validate: the one path from a payload in a source's format to a canonical record. */
export function normaliseRecord(normaliser: Normaliser, payload: unknown, context?: NormaliseContext): RecordCheck {
  return checkNormalised(normaliser.normalise(payload, context));
}
