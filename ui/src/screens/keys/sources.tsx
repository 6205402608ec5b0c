import { useState } from 'preact/hooks';
import { SecretOnce } from '../../components/copy-button.tsx';
import { ActionFeedback, useAction } from '../../components/feedback.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { useApi } from '../../session.ts';
import { AUTH_METHODS, TOOLS } from './labels.ts';
import { messages } from './messages.ts';
import type { AuthMethod, CreatedSource, SigningSecret, Source, SourceTool } from './types.ts';

/** The organisation's sources, and registering one (a signing source's first secret shown once). */
export function Sources({ sources, onChange }: { sources: readonly Source[]; onChange(): void }) {
  const t = useMessages(messages);
  const lang = useLang();
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t.sources}</h2>
      <table>
        <caption>{t.sourcesCaption(sources.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.sourceId}</th>
            <th scope="col">{t.tool}</th>
            <th scope="col">{t.auth}</th>
            <th scope="col">{t.createdSource}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a href={href('keys', [s.id])}>{s.name}</a>
              </th>
              <td>
                <code>{s.id}</code>
              </td>
              <td>{TOOLS[s.tool]}</td>
              <td>{AUTH_METHODS[lang][s.auth.method]}</td>
              <td>{formatDateTime(lang, s.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RegisterSource onRegistered={onChange} />
    </section>
  );
}

/** The form, with what it did (or the API's problem) and the first secret right under it. */
function RegisterSource({ onRegistered }: { onRegistered(): void }) {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const action = useAction();
  const [secret, setSecret] = useState<SigningSecret>();
  const [name, setName] = useState('');
  const [tool, setTool] = useState<SourceTool>('canonical');
  const [method, setMethod] = useState<AuthMethod>('standard-webhooks');
  const submit = (event: Event) => {
    event.preventDefault();
    setSecret(undefined);
    void action.run(async () => {
      const created = await api.post<CreatedSource>('/v1/admin/sources', { name, tool, auth: { method } });
      setSecret(created.signingSecret);
      onRegistered();
      setName('');
      return t.registered(created.source.name);
    });
  };
  return (
    <form onSubmit={submit} class="card">
      <h3>{t.register}</h3>
      <label for="source-name">{t.name}</label>
      <input
        id="source-name"
        type="text"
        maxLength={200}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <label for="source-tool">{t.tool}</label>
      <select id="source-tool" value={tool} onChange={(e) => setTool(e.currentTarget.value as SourceTool)}>
        {(Object.keys(TOOLS) as SourceTool[]).map((k) => (
          <option key={k} value={k}>
            {TOOLS[k]}
          </option>
        ))}
      </select>
      <label for="source-auth">{t.auth}</label>
      <select id="source-auth" value={method} onChange={(e) => setMethod(e.currentTarget.value as AuthMethod)}>
        {(Object.keys(AUTH_METHODS[lang]) as AuthMethod[]).map((m) => (
          <option key={m} value={m}>
            {AUTH_METHODS[lang][m]}
          </option>
        ))}
      </select>
      <p>
        <button type="submit" class="primary" disabled={action.busy}>
          {t.registerSubmit}
        </button>
      </p>
      <ActionFeedback action={action} />
      {secret && <SecretOnce label={t.firstSecret} value={secret.secret} warning={t.secretWarning} />}
    </form>
  );
}
