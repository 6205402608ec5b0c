import { describe, expect, it } from 'vitest';
import { consentIssues, requireConsent } from '../../../../core/access/consent.ts';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { ConsentBasis } from '../../../../schemas/canonical/referral.ts';
import { consentFor } from '../../../fixtures/referrals/referrals.ts';

const at = new Date('2026-12-01T10:00:00Z');
const toDivas = { receivingOrganisationId: 'org_divas-lualaba', serviceType: 'psychosocial' } as const;
const pointers = (consent: unknown) => consentIssues(ConsentBasis.parse(consent), toDivas, at).map((i) => i.pointer);

describe('consent covers a referral', () => {
  it('covers a referral to a named recipient, for a consented purpose, inside its dates', () => {
    expect(pointers(consentFor(['org_divas-lualaba']))).toEqual([]);
  });

  it('refuses a referral with no consent, naming /consent', () => {
    expect(consentIssues(undefined, toDivas, at).map((i) => i.pointer)).toEqual(['/consent']);
  });

  it('names each field the referral falls outside of: recipient, purpose, dates, caregiver consent', () => {
    expect(pointers(consentFor(['org_other']))).toEqual(['/consent/recipients']);
    expect(pointers(consentFor(['org_divas-lualaba'], { purposes: ['education'] }))).toEqual(['/consent/purposes']);
    expect(pointers(consentFor(['org_divas-lualaba'], { validUntil: '2026-12-01T10:00:00Z' }))).toEqual([
      '/consent/validUntil',
    ]);
    expect(pointers(consentFor(['org_divas-lualaba'], { givenAt: '2026-12-02T10:00:00Z' }))).toEqual([
      '/consent/givenAt',
    ]);
    expect(pointers(consentFor(['org_divas-lualaba'], { caregiverConsent: false, childAgeAtConsent: 12 }))).toEqual([
      '/consent/caregiverConsent',
    ]);
  });

  it("lets a 16-year-old's own consent stand without a caregiver's", () => {
    expect(pointers(consentFor(['org_divas-lualaba'], { caregiverConsent: false, childAgeAtConsent: 16 }))).toEqual([]);
  });

  it('refuses a consent with neither caregiver consent nor child assent at the schema', () => {
    const parsed = ConsentBasis.safeParse(
      consentFor(['org_divas-lualaba'], { caregiverConsent: false, childAssent: false }),
    );
    expect(parsed.success).toBe(false);
  });

  it('takes an override only from an admin key (403 otherwise), and a justification of substance', () => {
    const override = ConsentBasis.parse({
      basis: 'override',
      justification: 'Enfant en danger immédiat, parents introuvables',
      recordedBy: 'CW-017',
      categories: ['identity', 'sex', 'age'],
    });
    expect(requireConsent({ roles: ['admin'] }, override, toDivas, at)).toBe(override);
    try {
      requireConsent({ roles: ['reader'] }, override, toDivas, at);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(RelaisError);
      expect((error as RelaisError).reason).toBe('consent-override-needs-admin');
    }
    expect(ConsentBasis.safeParse({ ...override, justification: 'urgent' }).success).toBe(false);
  });

  it('reports an uncovered referral as 422 consent-required', () => {
    try {
      requireConsent({ roles: ['admin'] }, undefined, toDivas, at);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as RelaisError).kind).toBe('validation');
      expect((error as RelaisError).reason).toBe('consent-required');
    }
  });
});
