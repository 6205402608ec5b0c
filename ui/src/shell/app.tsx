import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from '../api.ts';
import { ProblemMessage } from '../components/feedback.tsx';
import { defineMessages, type Lang, LANGS, LangContext, preferredLang, useLang, useMessages } from '../i18n.ts';
import { href, useRoute } from '../router.ts';
import { screens } from '../screens/index.ts';
import { SignIn } from '../screens/sign-in/sign-in.tsx';
import type { ScreenEntry, ScreenProps } from '../screens/types.ts';
import { forgetKey, type Session, type SignedIn, SignedInContext, storedKey, storeKey } from '../session.ts';

const messages = defineMessages({
  fr: {
    product: 'Relais · Administration',
    skip: 'Aller au contenu',
    nav: 'Écrans',
    language: 'Langue',
    signOut: 'Se déconnecter',
    loading: 'Chargement…',
    notFound: 'Cet écran n’existe pas ou votre clé ne l’ouvre pas.',
    roles: (roles: string) => `Rôles : ${roles}`,
  },
  en: {
    product: 'Relais · Administration',
    skip: 'Skip to content',
    nav: 'Screens',
    language: 'Language',
    signOut: 'Sign out',
    loading: 'Loading…',
    notFound: 'This screen does not exist or your key does not open it.',
    roles: (roles: string) => `Roles: ${roles}`,
  },
});

const LANG_KEY = 'relais.admin.lang';
const LANG_NAMES: Record<Lang, string> = { fr: 'Français', en: 'English' };

function initialLang(): Lang {
  const chosen = sessionStorage.getItem(LANG_KEY);
  return chosen === 'fr' || chosen === 'en' ? chosen : preferredLang(navigator.languages);
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [signedIn, setSignedIn] = useState<{ key: string; session: Session }>();
  const [restoring, setRestoring] = useState(() => storedKey() !== undefined);

  useEffect(() => {
    document.documentElement.lang = lang;
    sessionStorage.setItem(LANG_KEY, lang);
  }, [lang]);

  // A reload keeps the tab's key: check it again, since it may have been revoked meanwhile.
  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    createApi(key, lang)
      .get<Session>('/v1/session')
      .then(
        (session) => setSignedIn({ key, session }),
        () => forgetKey(),
      )
      .finally(() => setRestoring(false));
    // Once, at start.
  }, []);

  const context = useMemo<SignedIn | undefined>(
    () =>
      signedIn && {
        session: signedIn.session,
        api: createApi(signedIn.key, lang),
        signOut: () => {
          forgetKey();
          setSignedIn(undefined);
        },
      },
    [signedIn, lang],
  );

  return (
    <LangContext.Provider value={lang}>
      <Header lang={lang} setLang={setLang} signedIn={context} />
      {restoring ? null : context ? (
        <SignedInContext.Provider value={context}>
          <Shell session={context.session} />
        </SignedInContext.Provider>
      ) : (
        <SignIn
          lang={lang}
          onSignedIn={(key, session) => {
            storeKey(key);
            setSignedIn({ key, session });
          }}
        />
      )}
    </LangContext.Provider>
  );
}

function Header({ lang, setLang, signedIn }: { lang: Lang; setLang(l: Lang): void; signedIn?: SignedIn }) {
  const t = useMessages(messages);
  return (
    <header class="top">
      <a class="skip" href="#main" onClick={skipToMain}>
        {t.skip}
      </a>
      <span class="product">{t.product}</span>
      {signedIn && (
        <span class="who">
          <strong>{signedIn.session.organisation.name}</strong>{' '}
          <span class="hint">{t.roles(signedIn.session.roles.join(', '))}</span>
        </span>
      )}
      <span class="langs" role="group" aria-label={t.language}>
        {LANGS.map((l) => (
          <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
            {LANG_NAMES[l]}
          </button>
        ))}
      </span>
      {signedIn && (
        <button type="button" onClick={signedIn.signOut}>
          {t.signOut}
        </button>
      )}
    </header>
  );
}

/** The skip link moves focus, not the fragment: the fragment is the router's. */
function skipToMain(event: Event) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function Shell({ session }: { session: Session }) {
  const t = useMessages(messages);
  const route = useRoute();
  const open = screens.filter((s) => s.roles.some((r) => session.roles.includes(r)));
  const current = open.find((s) => s.id === route.screen) ?? (route.screen === '' ? open[0] : undefined);
  return (
    <div class="layout">
      <nav aria-label={t.nav}>
        <ul>
          {open.map((s) => (
            <li key={s.id}>
              <a href={href(s.id)} aria-current={s === current ? 'page' : undefined}>
                <ScreenLabel entry={s} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {current ? <LazyScreen entry={current} route={route} /> : <p>{t.notFound}</p>}
      </main>
    </div>
  );
}

function ScreenLabel({ entry }: { entry: ScreenEntry }) {
  return <>{entry.label[useLang()]}</>;
}

const loaded = new Map<string, ComponentType<ScreenProps>>();

/** A screen's chunk, fetched the first time it is opened; focus goes to its heading once it shows. */
function LazyScreen({ entry, route }: { entry: ScreenEntry; route: ScreenProps['route'] }) {
  const t = useMessages(messages);
  const [Screen, setScreen] = useState(() => loaded.get(entry.id));
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (loaded.has(entry.id)) return setScreen(() => loaded.get(entry.id));
    setScreen(undefined);
    entry.load().then(
      (module) => {
        loaded.set(entry.id, module.default);
        setScreen(() => module.default);
      },
      (e: unknown) => setError(e),
    );
  }, [entry]);
  useEffect(() => {
    if (Screen) document.querySelector<HTMLElement>('main h1')?.focus();
  }, [Screen, entry]);
  if (error !== undefined) return <ProblemMessage error={error} />;
  if (!Screen)
    return (
      <p class="loading" role="status">
        {t.loading}
      </p>
    );
  return <Screen route={route} />;
}
