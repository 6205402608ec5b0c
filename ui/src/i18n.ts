import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** The admin UI speaks French first, and English; the API answers in the same language (Accept-Language). */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/**
 * A screen's messages, French and English with the same keys and signatures: a message missing in one
 * language is a type error, not a blank on screen.
 */
export function defineMessages<M extends Record<string, unknown>>(messages: { fr: M; en: NoInfer<M> }) {
  return messages;
}

export const LangContext = createContext<Lang>('fr');

export const useLang = () => useContext(LangContext);

export function useMessages<M>(messages: { fr: M; en: M }): M {
  return messages[useLang()];
}

/** French unless the browser asks for English first: the deployments' working language is French. */
export function preferredLang(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().slice(0, 2);
    if (base === 'fr' || base === 'en') return base;
  }
  return 'fr';
}

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

export const formatDateTime = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const formatDate = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' }).format(new Date(iso));

export const formatNumber = (lang: Lang, n: number) => new Intl.NumberFormat(locale(lang)).format(n);
