import { useLang, useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import type { Sample } from './samples-panel.tsx';
import type { Preview, SamplePreview } from './types.ts';

/** The line of the mapping that fills a canonical field, or the nearest enclosing one it declares. */
function lineOf(targetLines: ReadonlyMap<string, number>, target: string | undefined): number | undefined {
  for (let t = target; t; t = t.slice(0, t.lastIndexOf('/'))) {
    const line = targetLines.get(t);
    if (line !== undefined) return line;
  }
  return undefined;
}

export function PreviewPanel(props: {
  preview: Preview;
  samples: readonly Sample[];
  targetLines: ReadonlyMap<string, number>;
}) {
  const t = useMessages(messages);
  const { preview, samples, targetLines } = props;
  const { coverage } = preview;
  if (samples.length === 0) return null;
  const all = targetLines.size;
  return (
    <>
      <section class="card" aria-labelledby="coverage-title">
        <h3 id="coverage-title">{t.coverageTitle}</h3>
        <p>{t.targetsFilled(Math.max(0, all - coverage.unfilledTargets.length), all)}</p>
        {coverage.unfilledTargets.length > 0 && (
          <details>
            <summary>{`${t.unfilled} (${coverage.unfilledTargets.length})`}</summary>
            <ul class="plain columns">
              {coverage.unfilledTargets.map((target) => (
                <li key={target}>
                  <code>{target}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
        <p>{t.unusedSource(coverage.unusedSourceFields.length)}</p>
        {coverage.unusedSourceFields.length > 0 && (
          <ul class="plain">
            {coverage.unusedSourceFields.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code> <span class="hint">({t.inSamples(f.samples, coverage.samples)})</span>
              </li>
            ))}
          </ul>
        )}
        {coverage.unmappedTargets.length > 0 && (
          <details>
            <summary>{t.unmappedTargets(coverage.unmappedTargets.length)}</summary>
            <ul class="plain columns">
              {coverage.unmappedTargets.map((target) => (
                <li key={target}>
                  <code>{target}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {preview.samples.map((result) => (
        <SampleResult
          key={result.index}
          result={result}
          label={samples[result.index]?.label ?? String(result.index + 1)}
          targetLines={targetLines}
        />
      ))}
    </>
  );
}

function SampleResult(props: { result: SamplePreview; label: string; targetLines: ReadonlyMap<string, number> }) {
  const t = useMessages(messages);
  const lang = useLang();
  const { result, label, targetLines } = props;
  const id = `sample-${result.index}`;
  const badge = result.skipped
    ? ['badge badge-muted', t.sampleSkipped]
    : result.ok
      ? ['badge badge-ok', t.sampleOk]
      : ['badge badge-danger', t.sampleErrors(result.errors.length)];
  const issues = (list: SamplePreview['errors'] | SamplePreview['warnings']) => (
    <ul>
      {list.map((issue, i) => {
        const line = lineOf(targetLines, issue.target);
        return (
          <li key={i}>
            <code>{issue.pointer || '/'}</code>
            {issue.target && issue.target !== issue.pointer ? (
              <>
                {' → '}
                <code>{issue.target}</code>
              </>
            ) : null}
            {t.sep}
            {issue.message[lang]}
            {line !== undefined && <span class="hint"> ({t.mappingLine(line)})</span>}
          </li>
        );
      })}
    </ul>
  );
  return (
    <section class="card sample-result" aria-labelledby={id}>
      <h3 id={id}>
        {label} <span class={badge[0]}>{badge[1]}</span>
      </h3>
      {result.errors.length > 0 && (
        <>
          <h4>{t.errors}</h4>
          {issues(result.errors)}
        </>
      )}
      {result.warnings.length > 0 && (
        <>
          <h4>{t.warnings}</h4>
          {issues(result.warnings)}
        </>
      )}
      <h4>{t.unmappedFields}</h4>
      {result.unmappedSourceFields.length === 0 ? (
        <p class="hint">{t.none}</p>
      ) : (
        <ul class="plain columns">
          {result.unmappedSourceFields.map((f) => (
            <li key={f}>
              <code>{f}</code>
            </li>
          ))}
        </ul>
      )}
      {result.output !== undefined && (
        <details open>
          <summary>{t.output}</summary>
          <pre tabIndex={0} aria-label={`${t.output} — ${label}`}>
            {JSON.stringify(result.output, null, 2)}
          </pre>
        </details>
      )}
    </section>
  );
}
