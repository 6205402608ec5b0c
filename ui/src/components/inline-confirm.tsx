import { useEffect, useRef, useState } from 'preact/hooks';
import { defineMessages, useMessages } from '../i18n.ts';

const messages = defineMessages({
  fr: { cancel: 'Annuler' },
  en: { cancel: 'Cancel' },
});

/**
 * A destructive action asked for twice, in the page: window.confirm cannot be styled, translated by the
 * page or read by every assistive technology the same way, and a test cannot see it as the user does.
 * The question takes focus when it opens so that a keyboard user hears it before answering.
 */
export function InlineConfirm({
  label,
  question,
  confirm,
  disabled,
  onConfirm,
}: {
  /** The button that opens the question. */
  label: string;
  question: string;
  /** The button that does it, e.g. "Révoquer la clé". */
  confirm: string;
  disabled?: boolean;
  onConfirm(): unknown;
}) {
  const t = useMessages(messages);
  const [open, setOpen] = useState(false);
  const asked = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Focus goes to the question when it opens, and back to its button when it is cancelled.
    if (open) asked.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open)
    return (
      <button type="button" class="danger" ref={opener} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  return (
    <div class="confirm notice notice-warn" role="group" aria-label={question}>
      <p tabIndex={-1} ref={asked}>
        {question}
      </p>
      <button
        type="button"
        class="danger"
        disabled={disabled}
        onClick={() => {
          setOpen(false);
          void onConfirm();
        }}
      >
        {confirm}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        {t.cancel}
      </button>
    </div>
  );
}
