import { describe, expect, it } from 'vitest';
import { environmentLanguage, requestedLanguage } from '../../../../cli/i18n/language.ts';

describe('the language of relais', () => {
  it('comes from the locale: fr_CD.UTF-8 is French, C and unknown languages are English', () => {
    expect(environmentLanguage({ LANG: 'fr_CD.UTF-8' })).toBe('fr');
    expect(environmentLanguage({ LANG: 'fr_BE@euro' })).toBe('fr');
    expect(environmentLanguage({ LANG: 'C' })).toBe('en');
    expect(environmentLanguage({ LANG: 'sw_CD.UTF-8' })).toBe('en');
    expect(environmentLanguage({})).toBe('en');
  });

  it('follows gettext: LANGUAGE (a list), then LC_ALL, LC_MESSAGES, LANG; empty values do not count', () => {
    expect(environmentLanguage({ LANGUAGE: 'sw:fr:en', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(environmentLanguage({ LC_ALL: 'en_GB.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(environmentLanguage({ LANGUAGE: '', LC_ALL: '', LC_MESSAGES: 'fr_CD', LANG: 'en_US' })).toBe('fr');
  });

  it('is --lang on the command line when given, in either spelling, wherever it stands', () => {
    expect(requestedLanguage(['node', 'relais', 'match', '--lang', 'fr'], { LANG: 'C' })).toBe('fr');
    expect(requestedLanguage(['node', 'relais', '--lang=en', 'match'], { LANG: 'fr_CD.UTF-8' })).toBe('en');
    expect(requestedLanguage(['node', 'relais', '--lang', 'de'], { LANG: 'fr_CD.UTF-8' })).toBe('fr');
  });
});
