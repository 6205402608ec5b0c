import { useState } from 'preact/hooks';
import { defineMessages, useMessages } from '../i18n.ts';

const messages = defineMessages({
  fr: { copy: 'Copier', copied: 'Copié dans le presse-papiers', failed: 'Copie impossible : sélectionnez le texte' },
  en: { copy: 'Copy', copied: 'Copied to the clipboard', failed: 'Could not copy: select the text' },
});

/** A secret shown once: its text, selectable, and a button that copies it. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useMessages(messages);
  const [said, setSaid] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t.copied);
    } catch {
      setSaid(t.failed);
    }
  };
  return (
    <span class="copy">
      <button type="button" onClick={copy}>
        {label ?? t.copy}
      </button>
      <span role="status" class="copy-status">
        {said}
      </span>
    </span>
  );
}

/** A value shown once (a token, a signing secret): monospace, selectable, with its copy button. */
export function SecretOnce({ label, value, warning }: { label: string; value: string; warning: string }) {
  return (
    <div class="secret-once">
      <p>
        <strong>{label}</strong>
      </p>
      <p>
        <code class="secret" data-testid="secret">
          {value}
        </code>{' '}
        <CopyButton text={value} />
      </p>
      <p class="hint">{warning}</p>
    </div>
  );
}
