import { useMessages } from '../../i18n.ts';
import { diffLines, withContext } from './line-diff.ts';
import { messages } from './messages.ts';

/** Two YAML documents' differences, line by line; the sign says what changed, the colour only repeats it. */
export function LineDiffView({ before, after }: { before: string; after: string }) {
  const t = useMessages(messages);
  const lines = diffLines(before.split('\n'), after.split('\n'));
  if (lines.every((l) => l.kind === 'same')) return <p>{t.identicalDocs}</p>;
  return (
    <>
      <p class="hint">{t.diffLegend}</p>
      <pre class="line-diff" tabIndex={0} aria-label={t.diffLabel}>
        {withContext(lines).map((h, i) =>
          h.kind === 'skipped' ? (
            <span key={i} class="diff-skipped">
              {t.skippedLines(h.count)}
              {'\n'}
            </span>
          ) : (
            <span key={i} class={`diff-${h.kind}`}>
              {h.kind === 'added' ? '+ ' : h.kind === 'removed' ? '− ' : '  '}
              {h.text}
              {'\n'}
            </span>
          ),
        )}
      </pre>
    </>
  );
}
