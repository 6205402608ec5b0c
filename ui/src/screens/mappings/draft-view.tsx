import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api.ts';
import { ActionFeedback, ProblemMessage, useAction, useResource } from '../../components/feedback.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { type Session, useApi, useSignedIn } from '../../session.ts';
import { ActivateButton } from './activate-button.tsx';
import { type LineIssue, parseDraft, toYaml } from './mapping-text.ts';
import { messages } from './messages.ts';
import { PreviewPanel } from './preview-panel.tsx';
import { parsePasted, type Sample, SamplesPanel, useRecentSamples } from './samples-panel.tsx';
import type { Preview, Versions, VersionSummary } from './types.ts';
import { getVersion, liveVersion, sourcePath, useSource, useVersions } from './use-source.ts';
import { YamlEditor } from './yaml-editor.tsx';

/** How long typing pauses before the draft is checked: a check per word, not per key. */
const CHECK_DELAY_MS = 400;

/**
 * Drafts in progress, per sign-in and source, for as long as the tab's page lives: leaving the editor for
 * a version and coming back keeps the work. Memory only, and tied to the sign-in (a new session object),
 * so the next person to sign in on this tab never finds them: pasted samples may hold a child's data.
 */
const draftsBySession = new WeakMap<Session, Map<string, { text: string; pasted: string }>>();

function draftsOf(session: Session) {
  let drafts = draftsBySession.get(session);
  if (!drafts) draftsBySession.set(session, (drafts = new Map()));
  return drafts;
}

/** What the draft started from, named in the language of the moment. */
type Origin =
  { kind: 'version' | 'live'; version: number } | { kind: 'builtin'; name: string } | { kind: 'blank' | 'kept' };

type Start = { text: string; origin: Origin };

/**
 * A canonical source's first draft: what every record needs, read from the canonical fields of the same
 * name, so that the draft is valid from the start and each line shows the form of the rest.
 */
const BLANK = (sourceId: string) =>
  [
    `id: ${sourceId.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
    'tool: canonical',
    'fields:',
    '  /sourceRecordId:',
    '    from: sourceRecordId',
    '    required: true',
    '  /person/sex:',
    '    from: person.sex',
    '  /case/status:',
    '    from: case.status',
    '',
  ].join('\n');

/** The API's validation problem as line issues; anything else is not about the draft. */
function lineIssues(error: unknown): LineIssue[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.problem.errors) return undefined;
  return error.problem.errors.map((e) => ({
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(e.column !== undefined ? { column: e.column } : {}),
    pointer: e.pointer,
    code: e.code,
    message: e.detail,
  }));
}

interface Check {
  checking: boolean;
  issues: LineIssue[];
  preview?: Preview;
  targetLines: ReadonlyMap<string, number>;
  /** A failure that is not about the draft (the API unreachable, too many samples). */
  error?: unknown;
}

export function DraftView({ sourceId, from }: { sourceId: string; from: number | undefined }) {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const source = useSource(sourceId);
  const versions = useVersions(sourceId);
  const name = source.data?.name ?? sourceId;
  const drafts = draftsOf(useSignedIn().session);
  const kept = drafts.get(sourceId);

  // Where the draft starts: the version asked for, the draft in progress, the live version, the built-in.
  const start = useResource<Start | undefined>(
    async (api) => {
      if (from !== undefined) {
        const v = await getVersion(api, sourceId, from);
        return { text: toYaml(v.mapping), origin: { kind: 'version', version: v.version } };
      }
      if (kept) return undefined;
      const list = await api.get<Versions>(`${sourcePath(sourceId)}/mappings`);
      const live = list.items.find((v) => v.active);
      if (live)
        return {
          text: toYaml((await getVersion(api, sourceId, live.version)).mapping),
          origin: { kind: 'live', version: live.version },
        };
      if (list.builtin.mapping)
        return { text: toYaml(list.builtin.mapping), origin: { kind: 'builtin', name: list.builtin.mappingVersion } };
      return { text: BLANK(sourceId), origin: { kind: 'blank' } };
    },
    [sourceId, from],
  );
  const [text, setText] = useState<string | undefined>(from === undefined ? kept?.text : undefined);
  const [origin, setOrigin] = useState<Origin | undefined>(from === undefined && kept ? { kind: 'kept' } : undefined);
  const [pasted, setPasted] = useState(kept?.pasted ?? '');
  useEffect(() => {
    if (start.data) {
      setText(start.data.text);
      setOrigin(start.data.origin);
    }
  }, [start.data]);
  useEffect(() => {
    if (text !== undefined) drafts.set(sourceId, { text, pasted });
  }, [drafts, sourceId, text, pasted]);

  const recent = useRecentSamples(sourceId);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const parsedPasted = useMemo(() => parsePasted(pasted), [pasted]);
  const samples = useMemo<Sample[]>(
    () => [
      ...parsedPasted.payloads.map((payload, i) => ({ label: t.pastedSample(i + 1), payload })),
      ...(recent.data?.items ?? [])
        .filter((_, i) => chosen.has(i))
        .map((s) => ({
          label: t.recentSample(formatDateTime(lang, s.receivedAt), t.outcomes[s.outcome].toLowerCase()),
          payload: s.payload,
        })),
    ],
    [parsedPasted, recent.data, chosen, t, lang],
  );

  const [check, setCheck] = useState<Check>({ checking: false, issues: [], targetLines: new Map() });
  const latest = useRef(0);
  useEffect(() => {
    if (text === undefined) return;
    const call = ++latest.current;
    setCheck((c) => ({ ...c, checking: true }));
    const timer = setTimeout(() => {
      const parsed = parseDraft(text);
      if (parsed.syntax.length > 0) {
        // The browser's parse is enough to point at a syntax error: nothing is sent.
        setCheck({
          checking: false,
          targetLines: parsed.targetLines,
          issues: parsed.syntax.map((e) => ({ ...e, message: `${t.yamlSyntax(e.code)} — ${e.message}` })),
        });
        return;
      }
      api.post<Preview>('/v1/admin/mappings/preview', { mapping: text, samples: samples.map((s) => s.payload) }).then(
        (preview) =>
          call === latest.current &&
          setCheck({ checking: false, issues: [], preview, targetLines: parsed.targetLines }),
        (error: unknown) => {
          if (call !== latest.current) return;
          const issues = lineIssues(error);
          setCheck({
            checking: false,
            issues: issues ?? [],
            targetLines: parsed.targetLines,
            ...(issues ? {} : { error }),
          });
        },
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, samples, api, t]);

  const save = useAction();
  const activation = useAction();
  const [saved, setSaved] = useState<VersionSummary>();
  const onSave = () => {
    activation.reset();
    return save.run(async () => {
      const known = new Set(versions.data?.items.map((v) => v.version));
      try {
        const stored = await api.request<VersionSummary>('PUT', `${sourcePath(sourceId)}/mappings`, {
          text: { body: text ?? '', contentType: 'application/yaml' },
        });
        setSaved(stored);
        versions.reload();
        return known.has(stored.version) ? t.identical(stored.version) : t.saved(stored.version);
      } catch (error) {
        const issues = lineIssues(error);
        if (issues) setCheck((c) => ({ ...c, checking: false, issues }));
        setSaved(undefined);
        throw error;
      }
    });
  };

  const status = check.checking
    ? t.checking
    : check.issues.length > 0
      ? t.invalid(check.issues.length)
      : check.preview
        ? samples.length === 0
          ? t.validNoSamples
          : t.valid
        : '';
  return (
    <>
      <p>
        <a href={href('mappings', [sourceId])}>{t.backToSource(name)}</a>
      </p>
      <h1 tabIndex={-1}>{t.draftTitle(name)}</h1>
      <p>{t.draftIntro}</p>
      {start.error !== undefined && <ProblemMessage error={start.error} />}
      {text === undefined ? (
        <p class="loading" role="status">
          {t.checking}
        </p>
      ) : (
        <>
          {origin && <p class="hint">{t.startedFrom(originText(t, origin))}</p>}
          <YamlEditor
            value={text}
            onInput={(v) => {
              setText(v);
              if (saved) setSaved(undefined);
            }}
            issues={check.issues}
            describedBy="editor-status"
          />
          <p
            id="editor-status"
            role="status"
            class={check.issues.length > 0 ? 'editor-status invalid' : 'editor-status'}
          >
            {status}
          </p>
          <div class="toolbar">
            <button type="button" class="primary" disabled={save.busy} onClick={onSave}>
              {t.save}
            </button>
          </div>
          <ActionFeedback action={save} />
          {saved && (
            <div class="toolbar">
              <a href={href('mappings', [sourceId, String(saved.version)])}>{t.viewVersion(saved.version)}</a>
              {!saved.active && versions.data && (
                <ActivateButton
                  sourceId={sourceId}
                  version={saved.version}
                  live={liveVersion(versions.data)}
                  action={activation}
                  onDone={() => {
                    setSaved({ ...saved, active: true });
                    versions.reload();
                  }}
                />
              )}
            </div>
          )}
          <ActionFeedback action={activation} />
          <SamplesPanel
            pasted={pasted}
            onPasted={setPasted}
            {...(parsedPasted.error !== undefined ? { pastedError: parsedPasted.error } : {})}
            recent={recent}
            chosen={chosen}
            onChosen={setChosen}
          />
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t.previewTitle}</h2>
            {check.error !== undefined && <ProblemMessage error={check.error} />}
            {check.preview && check.issues.length === 0 ? (
              <PreviewPanel preview={check.preview} samples={samples} targetLines={check.targetLines} />
            ) : (
              <p class="hint">{t.noPreview}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}

function originText(t: (typeof messages)['fr'], origin: Origin): string {
  switch (origin.kind) {
    case 'version':
      return t.startVersion(origin.version);
    case 'live':
      return t.startLive(origin.version);
    case 'builtin':
      return t.startBuiltin(origin.name);
    case 'blank':
      return t.startBlank;
    case 'kept':
      return t.startKept;
  }
}
