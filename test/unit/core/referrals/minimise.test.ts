import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsOf, minimiseChild, sharedCategories } from '../../../../core/referrals/minimise.ts';
import { ServiceType } from '../../../../schemas/canonical/codes.ts';
import { DataCategory } from '../../../../schemas/canonical/referral.ts';
import { amani } from '../../../fixtures/referrals/referrals.ts';

const child = { person: amani, case: { protectionConcerns: ['separated' as const], riskLevel: 'high' as const } };

describe('minimising the child for a referral', () => {
  it('shares what is both consented and needed: a school gets no protection concerns even if consented', () => {
    expect(sharedCategories(['identity', 'age', 'protection'], 'education')).toEqual(['identity', 'age']);
    expect(sharedCategories(['identity', 'age', 'protection'], 'psychosocial')).toEqual([
      'identity',
      'age',
      'protection',
    ]);
  });

  it('keeps only the fields of the categories it is given', () => {
    expect(minimiseChild(child, ['identity', 'age'])).toEqual({ name: amani.name, birthDate: amani.birthDate });
    expect(minimiseChild(child, ['protection'])).toEqual({ protectionConcerns: ['separated'], riskLevel: 'high' });
  });

  it('never lets a field outside the shared categories through, for any consent and service (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray([...DataCategory.options], { minLength: 1 }),
        fc.constantFrom(...ServiceType.options),
        (consented, serviceType) => {
          const categories = sharedCategories(consented, serviceType);
          const allowed = new Set(categories.flatMap((c) => fieldsOf(c)));
          const view = minimiseChild(child, categories);
          for (const key of Object.keys(view)) expect(allowed.has(key as never)).toBe(true);
          for (const c of categories) expect(consented).toContain(c);
        },
      ),
    );
  });
});
