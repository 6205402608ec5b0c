import { useState } from 'preact/hooks';
import { createApi } from '../../api.ts';
import { ProblemMessage } from '../../components/feedback.tsx';
import { defineMessages, type Lang, useMessages } from '../../i18n.ts';
import type { Session } from '../../session.ts';

const messages = defineMessages({
  fr: {
    title: 'Connexion',
    intro: 'Connectez-vous avec une clé d’API de votre organisation.',
    key: 'Clé d’API',
    keyHint:
      'Elle reste dans cet onglet seulement (sessionStorage) et disparaît quand vous le fermez ou vous déconnectez.',
    submit: 'Se connecter',
    busy: 'Vérification…',
  },
  en: {
    title: 'Sign in',
    intro: 'Sign in with an API key of your organisation.',
    key: 'API key',
    keyHint: 'It stays in this tab only (sessionStorage) and is gone when you close it or sign out.',
    submit: 'Sign in',
    busy: 'Checking…',
  },
});

/** Checks a key against the API (GET /v1/session) before the shell keeps it. */
export function SignIn({ lang, onSignedIn }: { lang: Lang; onSignedIn(key: string, session: Session): void }) {
  const t = useMessages(messages);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await createApi(key.trim(), lang).get<Session>('/v1/session');
      onSignedIn(key.trim(), session);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in" tabIndex={-1}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form onSubmit={submit}>
        <label for="api-key">{t.key}</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-describedby="api-key-hint"
        />
        <p id="api-key-hint" class="hint">
          {t.keyHint}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </form>
      {error !== undefined && <ProblemMessage error={error} />}
    </main>
  );
}
