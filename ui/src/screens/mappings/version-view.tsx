import { ActionFeedback, Loaded, useAction, useResource } from '../../components/feedback.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { ActivateButton } from './activate-button.tsx';
import { DiffSummary } from './diff-summary.tsx';
import { LineDiffView } from './line-diff-view.tsx';
import { toYaml } from './mapping-text.ts';
import { messages } from './messages.ts';
import { getVersion, liveVersion, useSource, useVersions } from './use-source.ts';

/** One version: its document as YAML, and what it changed against the version before it. */
export function VersionView({ sourceId, version }: { sourceId: string; version: number }) {
  const t = useMessages(messages);
  const lang = useLang();
  const source = useSource(sourceId);
  const versions = useVersions(sourceId);
  const detail = useResource(
    async (api) => {
      const [current, previous] = await Promise.all([
        getVersion(api, sourceId, version),
        version > 1 ? getVersion(api, sourceId, version - 1) : undefined,
      ]);
      return { current, previous };
    },
    [sourceId, version],
  );
  const action = useAction();
  const name = source.data?.name ?? sourceId;
  const reload = () => {
    versions.reload();
    detail.reload();
  };
  return (
    <>
      <p>
        <a href={href('mappings', [sourceId])}>{t.backToSource(name)}</a>
      </p>
      <h1 tabIndex={-1}>{t.versionTitle(version, name)}</h1>
      <ActionFeedback action={action} />
      <Loaded resource={detail}>
        {({ current, previous }) => {
          const builtinDoc = versions.data?.builtin.mapping;
          return (
            <>
              <dl class="facts">
                <dt>{t.author}</dt>
                <dd>{current.author}</dd>
                <dt>{t.created}</dt>
                <dd>{formatDateTime(lang, current.createdAt)}</dd>
                <dt>{t.state}</dt>
                <dd>
                  <span class={current.active ? 'badge badge-ok' : 'badge badge-muted'}>
                    {current.active ? t.live : t.notLive}
                  </span>
                  {current.lastActivatedAt &&
                    t.activatedOn(formatDateTime(lang, current.lastActivatedAt), current.lastActivatedBy ?? '')}
                </dd>
                <dt>{t.colChanges}</dt>
                <dd>
                  <DiffSummary diff={current.diff} />
                </dd>
              </dl>
              <div class="toolbar">
                {!current.active && versions.data && (
                  <ActivateButton
                    sourceId={sourceId}
                    version={version}
                    live={liveVersion(versions.data)}
                    action={action}
                    onDone={reload}
                  />
                )}
                <a href={href('mappings', [sourceId, 'draft'], { from: String(version) })}>{t.editFrom(version)}</a>
              </div>
              {previous || builtinDoc ? (
                <>
                  <h2>{previous ? t.changesSince(previous.version) : t.changesSinceBuiltin}</h2>
                  <LineDiffView before={toYaml(previous?.mapping ?? builtinDoc)} after={toYaml(current.mapping)} />
                </>
              ) : (
                <p>{t.firstVersion}</p>
              )}
              <h2>{t.document}</h2>
              <pre tabIndex={0} aria-label={t.document}>
                {toYaml(current.mapping)}
              </pre>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
