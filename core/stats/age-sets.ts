import * as z from 'zod';

/**
 * Age brackets that reports are asked in. The named sets are the ones partners report to: Primero's
 * default age ranges, UNHCR's demographic brackets and UNICEF's child brackets; a deployment may add its
 * own (stage config `ageSets`). A child whose age is outside every bracket of a set (an adult in the
 * UNICEF set) is in `outside`; one whose age nobody knows is in `unknown`: neither is dropped, so a
 * table's total is always every child counted.
 */

export const AgeBracket = z.strictObject({
  /** Whole years, inclusive. */
  min: z.number().int().min(0).max(120),
  /** Whole years, inclusive; absent for "and over". */
  max: z.number().int().min(0).max(120).optional(),
});
export type AgeBracket = z.infer<typeof AgeBracket>;

export const AgeSet = z
  .array(AgeBracket)
  .min(1)
  .max(20)
  .superRefine((brackets, ctx) => {
    brackets.forEach((b, i) => {
      if (b.max !== undefined && b.max < b.min)
        ctx.addIssue({ code: 'custom', path: [i, 'max'], message: 'max is below min' });
      if (b.max === undefined && i !== brackets.length - 1)
        ctx.addIssue({ code: 'custom', path: [i, 'max'], message: 'only the last bracket may be open-ended' });
      const previous = brackets[i - 1];
      if (previous && previous.max !== undefined && b.min <= previous.max)
        ctx.addIssue({ code: 'custom', path: [i, 'min'], message: 'brackets overlap or are out of order' });
    });
  });
export type AgeSet = z.infer<typeof AgeSet>;

export const AgeSetName = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);

export const NAMED_AGE_SETS = {
  primero: [{ min: 0, max: 5 }, { min: 6, max: 11 }, { min: 12, max: 17 }, { min: 18 }],
  unhcr: [{ min: 0, max: 4 }, { min: 5, max: 11 }, { min: 12, max: 17 }, { min: 18, max: 59 }, { min: 60 }],
  unicef: [
    { min: 0, max: 4 },
    { min: 5, max: 9 },
    { min: 10, max: 14 },
    { min: 15, max: 17 },
  ],
} as const satisfies Record<string, AgeSet>;

export const DEFAULT_AGE_SET = 'primero';

export const OUTSIDE = 'outside';
export const UNKNOWN_AGE = 'unknown';

/** "0-5", "18+": the label a bracket is published under, the same in every language. */
export const bracketLabel = (b: AgeBracket): string => (b.max === undefined ? `${b.min}+` : `${b.min}-${b.max}`);

/** Every value the age dimension takes under a set, in order: its brackets, then `outside` if any, then `unknown`. */
export function ageValues(set: AgeSet): string[] {
  const covered = set[0]!.min === 0 && set.at(-1)!.max === undefined && contiguous(set);
  return [...set.map(bracketLabel), ...(covered ? [] : [OUTSIDE]), UNKNOWN_AGE];
}

export function bracketOf(set: AgeSet, age: number | undefined): string {
  if (age === undefined) return UNKNOWN_AGE;
  const bracket = set.find((b) => age >= b.min && (b.max === undefined || age <= b.max));
  return bracket ? bracketLabel(bracket) : OUTSIDE;
}

function contiguous(set: AgeSet): boolean {
  return set.every((b, i) => i === 0 || set[i - 1]!.max === b.min - 1);
}

/** The named sets and a deployment's own, checked; a deployment may not redefine a named set. */
export function ageSets(custom: Record<string, AgeSet> = {}): Record<string, AgeSet> {
  for (const name of Object.keys(custom)) {
    if (name in NAMED_AGE_SETS) throw new Error(`age set "${name}" is built in and cannot be redefined`);
    AgeSetName.parse(name);
    AgeSet.parse(custom[name]);
  }
  return { ...NAMED_AGE_SETS, ...custom };
}
