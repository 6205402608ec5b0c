import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAPPED_TOOLS, builtinMapping } from '../../../adapters/sources/index.ts';
import { validate } from '../../../core/validation/validate.ts';
import { TARGET_SCHEMAS } from '../../../core/mapping/targets.ts';
import { sourcePointerFor } from '../../../core/records/normalise-record.ts';
import { sourceFixtures } from '../../contract/sources/fixtures.ts';

function valueAt(document: unknown, pointer: string): unknown {
  let current = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A fixture with some of its values replaced by arbitrary JSON, or removed. */
const mutated = (payload: Record<string, unknown>) =>
  fc
    .array(fc.tuple(fc.constantFrom(...Object.keys(payload)), fc.option(fc.jsonValue(), { nil: undefined })), {
      maxLength: 6,
    })
    .map((changes) => {
      const copy: Record<string, unknown> = { ...payload };
      for (const [key, value] of changes) {
        if (value === undefined) delete copy[key];
        else copy[key] = value;
      }
      return copy;
    });

describe.each(MAPPED_TOOLS)('the built-in %s mapping (properties 25 and 26)', (tool) => {
  const normaliser = builtinMapping(tool);
  const payloads = sourceFixtures(tool).flatMap((f) => f.payloads) as Array<Record<string, unknown>>;

  it('never throws on any JSON, answers the same twice, and names fields of the payload when it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.constantFrom(...payloads).chain(mutated)), (payload) => {
        const first = normaliser.normalise(payload);
        expect(normaliser.normalise(payload)).toEqual(first);
        if (!first.ok)
          for (const issue of first.issues) expect(issue.pointer === '' || issue.pointer.startsWith('/')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('points every canonical validation error at a field the payload really has (property 8)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...payloads).chain(mutated), (payload) => {
        const result = normaliser.normalise(payload);
        if (!result.ok) return;
        // Checked against what the mapping targets: a record, or a referral.
        const checked = validate(TARGET_SCHEMAS[normaliser.target], result.record);
        if (checked.ok) return;
        for (const issue of checked.issues) {
          const origin = sourcePointerFor(issue.pointer, result.origins ?? {});
          if (normaliser.target === 'referral' && origin !== undefined && valueAt(payload, origin) === undefined) {
            // A consent question left out of a fiche that has a consent group: the error names the form's
            // question to fill, which the payload lacks by definition.
            expect(origin.startsWith('/consentement~1'), `${issue.pointer} ← ${origin}`).toBe(true);
            continue;
          }
          expect(
            origin === undefined ? undefined : valueAt(payload, origin),
            `${issue.pointer} ← ${origin}`,
          ).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
