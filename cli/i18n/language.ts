import type { Command } from 'commander';
import { LANGUAGES, type Language, negotiateLanguage } from '../../core/i18n/language.ts';

/** The variables gettext reads for the language of messages, strongest first; LANGUAGE is a list (fr:en). */
const LOCALE_VARIABLES = ['LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/** A POSIX locale (fr_CD.UTF-8, fr@euro, C) as a language tag for negotiateLanguage (fr-CD, fr, c). */
const localeTag = (locale: string): string => locale.split(/[.@]/)[0]!.replace('_', '-');

/** The person's language from the environment, as gettext would pick it; English when none is French or English. */
export function environmentLanguage(env: NodeJS.ProcessEnv): Language {
  const value = LOCALE_VARIABLES.map((name) => env[name]).find((v) => v !== undefined && v !== '');
  return value === undefined ? 'en' : negotiateLanguage(value.split(':').map(localeTag).join(','));
}

const isLanguage = (value: string | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? '');

/**
 * The language asked for on the command line (--lang fr or --lang=fr), else the environment's. Read before
 * commander parses, because the help and commander's own messages are written in it; an unknown value is
 * left to commander, which refuses it as a usage error.
 */
export function requestedLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  for (const [i, arg] of argv.entries()) {
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (isLanguage(value)) return value;
  }
  return environmentLanguage(env);
}

/** The language of a running command: the global --lang option, whose default is the environment's. */
export const languageOf = (command: Command): Language => command.optsWithGlobals<{ lang: Language }>().lang;
