import { Loaded, useResource } from '../../components/feedback.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import type { RecentSample, SampleOutcome } from './types.ts';
import { sourcePath } from './use-source.ts';

/** A payload the preview runs on, with what a person calls it. */
export interface Sample {
  label: string;
  payload: unknown;
}

const OUTCOME_BADGE: Record<SampleOutcome, string> = {
  accepted: 'badge badge-ok',
  rejected: 'badge badge-danger',
  skipped: 'badge badge-muted',
};

/** Pasted text as samples: one payload, or an array of them. */
export function parsePasted(text: string): { payloads: unknown[]; error?: string } {
  if (text.trim() === '') return { payloads: [] };
  try {
    const value: unknown = JSON.parse(text);
    return { payloads: Array.isArray(value) ? value : [value] };
  } catch (error) {
    return { payloads: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** The source's recent submissions, minimised by the API: at most ten per outcome, newest first. */
export function useRecentSamples(sourceId: string) {
  return useResource((api) => api.get<{ items: RecentSample[] }>(`${sourcePath(sourceId)}/samples`), [sourceId]);
}

export function SamplesPanel(props: {
  pasted: string;
  onPasted(text: string): void;
  pastedError?: string;
  recent: ReturnType<typeof useRecentSamples>;
  chosen: ReadonlySet<number>;
  onChosen(chosen: Set<number>): void;
}) {
  const t = useMessages(messages);
  const lang = useLang();
  const toggle = (index: number, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(index);
    else next.delete(index);
    props.onChosen(next);
  };
  return (
    <section aria-labelledby="samples-title">
      <h2 id="samples-title">{t.samplesTitle}</h2>
      <label for="pasted-samples">{t.pasted}</label>
      <p class="hint" id="pasted-samples-hint">
        {t.pastedHint}
      </p>
      <textarea
        id="pasted-samples"
        class="code samples-input"
        rows={6}
        spellcheck={false}
        value={props.pasted}
        aria-invalid={props.pastedError !== undefined}
        aria-describedby={props.pastedError ? 'pasted-samples-hint pasted-samples-error' : 'pasted-samples-hint'}
        onInput={(e) => props.onPasted(e.currentTarget.value)}
      />
      {props.pastedError && (
        <p class="notice notice-error" id="pasted-samples-error">
          {t.badJson(props.pastedError)}
        </p>
      )}
      <Loaded resource={props.recent}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="notice">{t.noRecent}</p>
          ) : (
            <table class="recent-samples">
              <caption>{t.recentCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colUse}</th>
                  <th scope="col">{t.colReceived}</th>
                  <th scope="col">{t.colOutcome}</th>
                  <th scope="col">{t.colMapping}</th>
                  <th scope="col">{t.colErrors}</th>
                  <th scope="col">{t.colPayload}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s, i) => {
                  const date = formatDateTime(lang, s.receivedAt);
                  return (
                    <tr key={`${s.receivedAt}-${i}`}>
                      <td>
                        <input
                          type="checkbox"
                          id={`recent-${i}`}
                          checked={props.chosen.has(i)}
                          onChange={(e) => toggle(i, e.currentTarget.checked)}
                        />
                        <label for={`recent-${i}`} class="visually-hidden">
                          {t.useSample(date)}
                        </label>
                      </td>
                      <td>{date}</td>
                      <td>
                        <span class={OUTCOME_BADGE[s.outcome]}>{t.outcomes[s.outcome]}</span>
                      </td>
                      <td>
                        <code>{s.mappingVersion}</code>
                      </td>
                      <td>
                        {s.errors && s.errors.length > 0 ? (
                          <ul class="plain">
                            {s.errors.map((e) => (
                              <li key={`${e.pointer}-${e.code}`}>
                                <code>{e.pointer}</code> {e.code}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        <details>
                          <summary>{t.showPayload}</summary>
                          <pre tabIndex={0} aria-label={t.payloadOf(date)}>
                            {JSON.stringify(s.payload, null, 2)}
                          </pre>
                        </details>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
