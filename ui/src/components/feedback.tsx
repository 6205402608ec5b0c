import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiError } from '../api.ts';
import { defineMessages, useMessages } from '../i18n.ts';
import { useApi } from '../session.ts';

const messages = defineMessages({
  fr: {
    loading: 'Chargement…',
    field: 'Champ',
    line: (n: number) => `ligne ${n}`,
    unexpected: 'Erreur inattendue',
  },
  en: {
    loading: 'Loading…',
    field: 'Field',
    line: (n: number) => `line ${n}`,
    unexpected: 'Unexpected error',
  },
});

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError(0, { type: 'about:blank', status: 500, code: 'client-error', title: String(error) });

/** The API's problem details as the API worded them, in the UI's language, with each field's path. */
export function ProblemMessage({ error }: { error: unknown }) {
  const t = useMessages(messages);
  const { problem } = asApiError(error);
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{problem.title || t.unexpected}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.pointer}-${e.code}`}>
              <code>{e.pointer || '/'}</code>
              {e.line !== undefined && <span> ({t.line(e.line)})</span>} : {e.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface Action {
  busy: boolean;
  /** What the last action did, in words: shown in a polite live region. */
  done?: string;
  error?: unknown;
  /** Runs `change`, whose result says what it did; a failure shows the API's problem instead. */
  run(change: () => Promise<string>): Promise<boolean>;
  reset(): void;
}

export function useAction(): Action {
  const [state, setState] = useState<{ busy: boolean; done?: string; error?: unknown }>({ busy: false });
  const run = useCallback(async (change: () => Promise<string>) => {
    setState({ busy: true });
    try {
      setState({ busy: false, done: await change() });
      return true;
    } catch (error) {
      setState({ busy: false, error });
      return false;
    }
  }, []);
  return { ...state, run, reset: useCallback(() => setState({ busy: false }), []) };
}

/** Where an action says what it did, or why it did not. */
export function ActionFeedback({ action }: { action: Action }) {
  return (
    <>
      <div role="status" class={action.done ? 'notice notice-done' : 'visually-hidden'}>
        {action.done}
      </div>
      {action.error !== undefined && <ProblemMessage error={action.error} />}
    </>
  );
}

export interface Resource<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload(): void;
}

/** A read from the API, run again when `deps` change and on reload(). */
export function useResource<T>(load: (api: Api) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const api = useApi();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load(api).then(
      (data) => call === latest.current && setState({ data, loading: false }),
      (error: unknown) => call === latest.current && setState({ error, loading: false }),
    );
  }, [api, generation, ...deps]);
  return { ...state, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}

/** Shows a resource: loading, its problem, or its data. */
export function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ComponentChildren }) {
  const t = useMessages(messages);
  if (resource.error !== undefined) return <ProblemMessage error={resource.error} />;
  if (resource.data === undefined)
    return (
      <p class="loading" role="status">
        {t.loading}
      </p>
    );
  return <>{children(resource.data)}</>;
}
