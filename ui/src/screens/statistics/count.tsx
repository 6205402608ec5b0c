import { formatNumber, useLang, useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import type { Count } from './types.ts';

/** A published count, or the words saying it is hidden and why: never a blank, never a zero. */
export function CountText({ count, k }: { count: Count; k: number | undefined }) {
  const t = useMessages(messages);
  const lang = useLang();
  if (count.count !== null) return <>{formatNumber(lang, count.count)}</>;
  return (
    <span class="badge badge-muted suppressed">
      {count.suppressed === 'secondary' ? t.suppressedSecondary : t.suppressedPrimary(k ?? 0)}
    </span>
  );
}

/** The same, as plain text (a chart's summary). */
export function countWords(t: (typeof messages)['fr'], lang: 'fr' | 'en', count: Count, k: number | undefined) {
  if (count.count !== null) return formatNumber(lang, count.count);
  return count.suppressed === 'secondary' ? t.suppressedSecondary : t.suppressedPrimary(k ?? 0);
}
