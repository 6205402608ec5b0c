import { describe, expect, it } from 'vitest';
import { demoRegistrations, quarterBefore } from '../../../../cli/serve/demo-children.ts';
import {
  canonicalRecord,
  koboMappingVersions,
  koboSubmission,
  rejectedSubmissions,
} from '../../../../cli/serve/demo-payloads.ts';
import { parseMapping } from '../../../../core/mapping/load.ts';
import { preview } from '../../../../core/mapping/preview.ts';
import { CanonicalInput } from '../../../../schemas/canonical/index.ts';

const TODAY = new Date('2026-12-03T10:00:00Z');
const mapping = (text: string) => {
  const check = parseMapping(text);
  if (!check.ok) throw new Error(JSON.stringify(check.issues));
  return check.mapping;
};

describe('the demo children', () => {
  it('are registered in the calendar quarters that have ended, but one registered today', () => {
    expect(quarterBefore(TODAY, 0)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterBefore(TODAY, 1)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterBefore(new Date('2027-02-10T00:00:00Z'), 1)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterBefore(new Date('2027-02-10T00:00:00Z'), 2)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    const registrations = demoRegistrations(TODAY);
    expect(registrations.length).toBeGreaterThanOrEqual(60);
    expect(registrations.length).toBeLessThanOrEqual(120);
    expect(new Set(registrations.map((r) => r.key)).size).toBe(registrations.length);
    const ended = registrations.filter((r) => r.registered >= '2026-04-01' && r.registered <= '2026-09-30');
    expect(registrations.filter((r) => !ended.includes(r)).map((r) => r.registered)).toEqual(['2026-12-03']);
  });

  it('are valid canonical records as the case apps send them', () => {
    for (const r of demoRegistrations(TODAY).filter((x) => x.holder === 'espoir-app' || x.holder === 'divas')) {
      const parsed = CanonicalInput.safeParse(canonicalRecord(r));
      expect(parsed.success, `${r.key}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('are Kobo submissions each mapping version they are sent under maps without an error or a warning', () => {
    const { v1, v2 } = koboMappingVersions();
    const registrations = demoRegistrations(TODAY);
    for (const [holder, text] of [
      ['espoir-kobo-v1', v1],
      ['espoir-kobo-v2', v2],
    ] as const) {
      const samples = registrations.filter((r) => r.holder === holder);
      expect(samples.length).toBeGreaterThanOrEqual(10);
      for (const [i, result] of preview(mapping(text), samples.map(koboSubmission)).entries()) {
        expect(result.errors, samples[i]!.key).toEqual([]);
        expect(result.warnings, samples[i]!.key).toEqual([]);
        expect(result.ok).toBe(true);
      }
    }
    // Version 2's codes are what version 1 does not know: "nd" is a sex v1 takes for unknown with a warning.
    const unknownSex = registrations.filter((r) => r.sex === 'unknown').map(koboSubmission);
    expect(preview(mapping(v1), unknownSex)[0]!.warnings).not.toEqual([]);
  });

  it('include two submissions the live mapping refuses, each naming its Kobo question', () => {
    const refused = preview(mapping(koboMappingVersions().v2), rejectedSubmissions(demoRegistrations(TODAY)));
    expect(refused.map((r) => r.ok)).toEqual([false, false]);
    expect(refused.map((r) => r.errors.map((e) => e.pointer))).toEqual([
      ['/protection~1niveau_risque'],
      ['/consentement~1partage_organisations'],
    ]);
  });
});
