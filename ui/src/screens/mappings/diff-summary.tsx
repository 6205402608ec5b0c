import { Fragment } from 'preact';
import { useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import type { Diff } from './types.ts';

/** What a version changed against the one before it, by canonical field, as the API summed it up. */
export function DiffSummary({ diff }: { diff: Diff }) {
  const t = useMessages(messages);
  const parts = [
    [t.diffAdded(diff.added.length), diff.added],
    [t.diffRemoved(diff.removed.length), diff.removed],
    [t.diffChanged(diff.changed.length), diff.changed],
  ] as const;
  const shown = parts.filter(([, fields]) => fields.length > 0);
  if (shown.length === 0 && diff.settings.length === 0) return <span class="hint">{t.diffNone}</span>;
  return (
    <ul class="diff-summary">
      {shown.map(([label, fields]) => (
        <li key={label}>
          {label}
          {fields.length <= 4 ? (
            <>
              {t.sep}
              {fields.map((f, i) => (
                <Fragment key={f}>
                  {i > 0 && ', '}
                  <code>{f}</code>
                </Fragment>
              ))}
            </>
          ) : null}
        </li>
      ))}
      {diff.settings.length > 0 && <li>{t.diffSettings(diff.settings.join(', '))}</li>}
    </ul>
  );
}
