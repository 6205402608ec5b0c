import { ActionFeedback, Loaded, useAction } from '../../components/feedback.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { ActivateButton } from './activate-button.tsx';
import { DiffSummary } from './diff-summary.tsx';
import { messages } from './messages.ts';
import { liveVersion, useSource, useVersions } from './use-source.ts';

export function SourceView({ sourceId }: { sourceId: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const source = useSource(sourceId);
  const versions = useVersions(sourceId);
  const action = useAction();
  const name = source.data?.name ?? sourceId;
  return (
    <>
      <p>
        <a href={href('mappings')}>{t.back}</a>
      </p>
      <h1 tabIndex={-1}>{t.sourceTitle(name)}</h1>
      {source.data && (
        <dl class="facts">
          <dt>{t.colTool}</dt>
          <dd>{t.tools[source.data.tool]}</dd>
          <dt>{t.colAuth}</dt>
          <dd>{t.auth[source.data.auth.method]}</dd>
        </dl>
      )}
      <p>
        <a href={href('mappings', [sourceId, 'draft'])}>{t.newDraft}</a>
      </p>
      <ActionFeedback action={action} />
      <Loaded resource={versions}>
        {(data) => {
          const live = liveVersion(data);
          return (
            <>
              {data.items.length === 0 && <p class="notice">{t.noVersions}</p>}
              <table>
                <caption>{t.versionsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colVersion}</th>
                    <th scope="col">{t.colAuthor}</th>
                    <th scope="col">{t.colDate}</th>
                    <th scope="col">{t.colChanges}</th>
                    <th scope="col">{t.colState}</th>
                    <th scope="col">{t.colActions}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.items].reverse().map((v) => (
                    <tr key={v.version}>
                      <th scope="row">
                        <a href={href('mappings', [sourceId, String(v.version)])}>{t.versionN(v.version)}</a>
                      </th>
                      <td>{v.author}</td>
                      <td>{formatDateTime(lang, v.createdAt)}</td>
                      <td>
                        <DiffSummary diff={v.diff} />
                      </td>
                      <td>
                        <span class={v.active ? 'badge badge-ok' : 'badge badge-muted'}>
                          {v.active ? t.live : t.notLive}
                        </span>
                        {v.lastActivatedAt && (
                          <div class="hint">
                            {t.activatedOn(formatDateTime(lang, v.lastActivatedAt), v.lastActivatedBy ?? '')}
                          </div>
                        )}
                      </td>
                      <td>
                        {!v.active && (
                          <ActivateButton
                            sourceId={sourceId}
                            version={v.version}
                            live={live}
                            action={action}
                            onDone={versions.reload}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t.builtin(data.builtin.mappingVersion)}</th>
                    <td>Relais</td>
                    <td>—</td>
                    <td class="hint">{t.builtinHint}</td>
                    <td>
                      <span class={data.builtin.active ? 'badge badge-ok' : 'badge badge-muted'}>
                        {data.builtin.active ? t.live : t.notLive}
                      </span>
                    </td>
                    <td class="hint">{data.builtin.active ? null : t.builtinGone}</td>
                  </tr>
                </tbody>
              </table>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
