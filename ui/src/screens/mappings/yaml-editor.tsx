import { useRef } from 'preact/hooks';
import { useMessages } from '../../i18n.ts';
import type { LineIssue } from './mapping-text.ts';
import { messages } from './messages.ts';

const EDITOR_ID = 'mapping-editor';

/**
 * A plain textarea with a line-number gutter: the gutter marks the lines with an error (with a sign, not
 * colour alone) and the list under it is what a screen reader reads. No code editor library: the chunk
 * stays small and the control stays the browser's own, with its keyboard and assistive-technology support.
 */
export function YamlEditor(props: {
  value: string;
  onInput(value: string): void;
  issues: readonly LineIssue[];
  describedBy: string;
}) {
  const t = useMessages(messages);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  const errorLines = new Set(props.issues.map((i) => i.line).filter((l) => l !== undefined));
  const count = props.value.split('\n').length;
  const goTo = (line: number) => {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };
  return (
    <>
      <label for={EDITOR_ID}>{t.editor}</label>
      <p class="hint" id={`${EDITOR_ID}-hint`}>
        {t.editorHint}
      </p>
      <div class="editor">
        <pre class="editor-gutter" aria-hidden="true" ref={gutter}>
          {Array.from({ length: count }, (_, i) => (
            <span key={i} class={errorLines.has(i + 1) ? 'error-line' : undefined}>
              {errorLines.has(i + 1) ? '!' : ' '}
              {String(i + 1).padStart(3)}
              {'\n'}
            </span>
          ))}
        </pre>
        <textarea
          id={EDITOR_ID}
          ref={area}
          class="code"
          wrap="off"
          spellcheck={false}
          autocapitalize="off"
          rows={24}
          value={props.value}
          aria-invalid={props.issues.length > 0}
          aria-describedby={`${EDITOR_ID}-hint ${props.describedBy}`}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {props.issues.length > 0 && (
        <div class="notice notice-error editor-issues">
          <p class="notice-title">{t.issuesTitle}</p>
          <ul>
            {props.issues.map((issue, i) => (
              <li key={i}>
                {issue.line !== undefined ? (
                  <button type="button" class="link" title={t.goToLine(issue.line)} onClick={() => goTo(issue.line!)}>
                    {t.lineColumn(issue.line, issue.column)}
                  </button>
                ) : (
                  <strong>{t.noLine}</strong>
                )}
                {t.sep}
                {issue.message}
                {issue.pointer ? (
                  <>
                    {' '}
                    <code>{issue.pointer}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
