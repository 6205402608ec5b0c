import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n.ts';
import { href, navigate } from '../../router.ts';
import { messages } from './messages.ts';

/** Opens a person's page from an id read elsewhere (a record, a referral, a colleague's message). */
export function OpenPerson({ idPrefix = 'open-person' }: { idPrefix?: string }) {
  const t = useMessages(messages);
  const [id, setId] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const value = id.trim();
    if (value) navigate(href('persons', [value]));
  };
  return (
    <form onSubmit={submit} class="card open-person">
      <fieldset>
        <legend>{t.openLegend}</legend>
        <label for={`${idPrefix}-id`}>{t.openLabel}</label>
        <div class="toolbar">
          <input
            id={`${idPrefix}-id`}
            type="text"
            required
            spellcheck={false}
            autocomplete="off"
            placeholder="per_…"
            aria-describedby={`${idPrefix}-hint`}
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
          />
          <button type="submit">{t.open}</button>
        </div>
        <p id={`${idPrefix}-hint`} class="hint">
          {t.openHint}
        </p>
      </fieldset>
    </form>
  );
}
