import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../../../../core/i18n/language.ts';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['fr', 'fr'],
    ['fr-CD,fr;q=0.9', 'fr'],
    ['en-GB,fr;q=0.5', 'en'],
    ['sw,fr;q=0.8,en;q=0.7', 'fr'],
    ['en;q=0.2,fr;q=0.9', 'fr'],
    ['fr;q=0,en', 'en'],
    ['ln', 'en'],
    ['*', 'en'],
  ])('picks the best of French and English for %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
