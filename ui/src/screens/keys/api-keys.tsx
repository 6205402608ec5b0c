import { useState } from 'preact/hooks';
import { SecretOnce } from '../../components/copy-button.tsx';
import { ActionFeedback, Loaded, useAction, useResource } from '../../components/feedback.tsx';
import { InlineConfirm } from '../../components/inline-confirm.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { useSignedIn } from '../../session.ts';
import { ROLES } from './labels.ts';
import { messages } from './messages.ts';
import type { ApiKey, ApiKeyList, CreatedApiKey, Role, Source } from './types.ts';

const nameOf = (key: ApiKey) => (key.label ? `${key.label} (${key.keyId})` : key.keyId);

/** The organisation's keys: issue one (its token shown once), revoke one. */
export function ApiKeys({ sources }: { sources: readonly Source[] }) {
  const t = useMessages(messages);
  const lang = useLang();
  const { api, session, signOut } = useSignedIn();
  const keys = useResource((a) => a.get<ApiKeyList>('/v1/admin/keys'), []);
  const action = useAction();
  const revoke = (key: ApiKey) =>
    action.run(async () => {
      await api.del(`/v1/admin/keys/${encodeURIComponent(key.keyId)}`);
      // This tab's own key no longer opens anything: leave at once rather than fail on every next read.
      if (key.keyId === session.keyId) signOut();
      else keys.reload();
      return t.revoked(nameOf(key));
    });
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t.keys}</h2>
      <ActionFeedback action={action} />
      <Loaded resource={keys}>
        {({ items }) => (
          <table>
            <caption>{t.keysCaption(items.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.label}</th>
                <th scope="col">{t.keyId}</th>
                <th scope="col">{t.roles}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.keyId}>
                  <th scope="row">
                    {k.label ?? <span class="hint">{t.noLabel}</span>}
                    {k.keyId === session.keyId && <span class="hint"> ({t.thisKey})</span>}
                  </th>
                  <td>
                    <code>{k.keyId}</code>
                  </td>
                  <td>
                    {k.roles.map((r) => ROLES[lang][r]).join(', ')}
                    {k.sourceIds && <span class="hint"> · {k.sourceIds.join(', ')}</span>}
                  </td>
                  <td>{formatDateTime(lang, k.createdAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      <span class="badge badge-muted">{t.revokedAt(formatDateTime(lang, k.revokedAt))}</span>
                    ) : (
                      <span class="badge badge-ok">{t.active}</span>
                    )}
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <InlineConfirm
                        label={t.revoke}
                        question={
                          k.keyId === session.keyId ? t.revokeOwnQuestion(nameOf(k)) : t.revokeQuestion(nameOf(k))
                        }
                        confirm={t.revokeConfirm}
                        disabled={action.busy}
                        onConfirm={() => revoke(k)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <IssueKey sources={sources.filter((s) => s.auth.method === 'api-key')} onIssued={keys.reload} />
    </section>
  );
}

const ALL_ROLES: readonly Role[] = ['admin', 'reader', 'referrals', 'source'];

/** The form, with what it did (or the API's problem) and the token right under it, where the eye is. */
function IssueKey({ sources, onIssued }: { sources: readonly Source[]; onIssued(): void }) {
  const t = useMessages(messages);
  const lang = useLang();
  const { api } = useSignedIn();
  const action = useAction();
  const [token, setToken] = useState<string>();
  const [label, setLabel] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [sourceIds, setSourceIds] = useState<string[]>([]);
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  const submit = (event: Event) => {
    event.preventDefault();
    setToken(undefined);
    void action.run(async () => {
      const created = await api.post<CreatedApiKey>('/v1/admin/keys', {
        roles,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(roles.includes('source') ? { sourceIds } : {}),
      });
      setToken(created.token);
      onIssued();
      setLabel('');
      setRoles([]);
      setSourceIds([]);
      return t.issued(nameOf(created.key));
    });
  };
  return (
    <form onSubmit={submit} class="card">
      <h3>{t.issue}</h3>
      <label for="key-label">{t.label}</label>
      <input
        id="key-label"
        type="text"
        maxLength={200}
        value={label}
        onInput={(e) => setLabel(e.currentTarget.value)}
      />
      <fieldset>
        <legend>{t.roles}</legend>
        {ALL_ROLES.map((r) => (
          <div class="inline" key={r}>
            <input
              type="checkbox"
              id={`key-role-${r}`}
              checked={roles.includes(r)}
              onChange={(e) => setRoles(toggle(roles, r, e.currentTarget.checked))}
            />
            <label for={`key-role-${r}`}>{ROLES[lang][r]}</label>
          </div>
        ))}
      </fieldset>
      {roles.includes('source') && (
        <fieldset>
          <legend>{t.keySources}</legend>
          <p class="hint">{sources.length ? t.keySourcesHint : t.noKeySources}</p>
          {sources.map((s) => (
            <div class="inline" key={s.id}>
              <input
                type="checkbox"
                id={`key-source-${s.id}`}
                checked={sourceIds.includes(s.id)}
                onChange={(e) => setSourceIds(toggle(sourceIds, s.id, e.currentTarget.checked))}
              />
              <label for={`key-source-${s.id}`}>
                {s.name} <code>{s.id}</code>
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <button type="submit" class="primary" disabled={action.busy}>
        {t.issueSubmit}
      </button>
      <ActionFeedback action={action} />
      {token && <SecretOnce label={t.token} value={token} warning={t.tokenWarning} />}
    </form>
  );
}
