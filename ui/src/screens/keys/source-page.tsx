import { useState } from 'preact/hooks';
import { SecretOnce } from '../../components/copy-button.tsx';
import { ActionFeedback, Loaded, useAction, useResource } from '../../components/feedback.tsx';
import { InlineConfirm } from '../../components/inline-confirm.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { useApi } from '../../session.ts';
import { AUTH_METHODS, TOOLS } from './labels.ts';
import { messages } from './messages.ts';
import type { SigningSecret, SigningSecretList, Source } from './types.ts';

/** A source, and the rotation of its signing secrets: add one (shown once), list them, remove an old one. */
export function SourcePage({ source }: { source: Source | undefined }) {
  const t = useMessages(messages);
  const lang = useLang();
  return (
    <>
      <PageHeading>{source?.name ?? t.notFound}</PageHeading>
      <p>
        <a href={href('keys')}>{t.back}</a>
      </p>
      {source && (
        <>
          <dl class="facts">
            <dt>{t.sourceId}</dt>
            <dd>
              <code>{source.id}</code>
            </dd>
            <dt>{t.tool}</dt>
            <dd>{TOOLS[source.tool]}</dd>
            <dt>{t.auth}</dt>
            <dd>{AUTH_METHODS[lang][source.auth.method]}</dd>
            <dt>{t.createdSource}</dt>
            <dd>{formatDateTime(lang, source.createdAt)}</dd>
          </dl>
          {source.auth.method === 'standard-webhooks' ? <Secrets sourceId={source.id} /> : <p>{t.apiKeySource}</p>}
        </>
      )}
    </>
  );
}

function Secrets({ sourceId }: { sourceId: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const path = `/v1/admin/sources/${encodeURIComponent(sourceId)}/secrets`;
  const secrets = useResource((a) => a.get<SigningSecretList>(path), [path]);
  const action = useAction();
  const [added, setAdded] = useState<SigningSecret>();
  const add = () =>
    action.run(async () => {
      const secret = await api.post<SigningSecret>(path);
      setAdded(secret);
      secrets.reload();
      return t.added(secret.id);
    });
  const remove = (id: string) =>
    action.run(async () => {
      setAdded(undefined);
      await api.del(`${path}/${encodeURIComponent(id)}`);
      secrets.reload();
      return t.removed(id);
    });
  return (
    <section aria-labelledby="secrets-heading">
      <h2 id="secrets-heading">{t.secrets}</h2>
      <p class="hint">{t.secretsIntro}</p>
      <ActionFeedback action={action} />
      {added && <SecretOnce label={t.newSecret} value={added.secret} warning={t.secretWarning} />}
      <Loaded resource={secrets}>
        {({ items }) => (
          <table>
            <caption>{t.secretsCaption(items.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.secretId}</th>
                <th scope="col">{t.createdSource}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <code>{s.id}</code>
                  </th>
                  <td>{formatDateTime(lang, s.createdAt)}</td>
                  <td>
                    <InlineConfirm
                      label={t.remove}
                      question={t.removeQuestion(s.id)}
                      confirm={t.removeConfirm}
                      disabled={action.busy}
                      onConfirm={() => remove(s.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <button type="button" class="primary" disabled={action.busy} onClick={add}>
        {t.addSecret}
      </button>
    </section>
  );
}
