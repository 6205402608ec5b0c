import { useState } from 'preact/hooks';
import { Loaded, useResource } from '../../components/feedback.tsx';
import { Pager, useCursorPages } from '../../components/pager.tsx';
import { useLang, useMessages } from '../../i18n.ts';
import { href, navigate } from '../../router.ts';
import { SERVICE_TYPES, SEXES } from './labels.ts';
import { messages } from './messages.ts';
import { ServicesTable } from './services-table.tsx';
import type { ServiceList, ServiceType, Sex } from './types.ts';
import { ViewHeading } from './view-nav.tsx';

const FIELDS = ['type', 'country', 'province', 'territory', 'locality', 'age', 'sex'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The partners' directory (GET /v1/services). The criteria live in the address, so that a search can be
 * reloaded or shared; the API checks them and names a wrong one in its problem.
 */
export function PartnerSearch({ query }: { query: URLSearchParams }) {
  const t = useMessages(messages);
  const lang = useLang();
  const given = Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Record<Field, string>;
  const [form, setForm] = useState(given);
  const searched = query.toString();
  const pages = useCursorPages(searched);
  const { cursor } = pages;
  const results = useResource((api) => api.get<ServiceList>('/v1/services', { ...given, cursor }), [searched, cursor]);
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(href('directory', ['search'], { ...form, country: form.country.trim().toUpperCase() }));
  };
  const input = (field: Field, label: string) => (
    <div>
      <label for={`search-${field}`}>{label}</label>
      <input
        id={`search-${field}`}
        type="text"
        value={form[field]}
        onInput={(e) => setForm({ ...form, [field]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <>
      <ViewHeading title={t.searchPage} view="search" />
      <p class="hint">{t.searchIntro}</p>
      <form onSubmit={submit} class="search-form">
        <div>
          <label for="search-type">{t.type}</label>
          <select
            id="search-type"
            value={form.type}
            onChange={(e) => setForm({ ...form, type: e.currentTarget.value })}
          >
            <option value="">{t.anyType}</option>
            {(Object.keys(SERVICE_TYPES[lang]) as ServiceType[]).map((type) => (
              <option key={type} value={type}>
                {SERVICE_TYPES[lang][type]}
              </option>
            ))}
          </select>
        </div>
        {input('country', t.country)}
        {input('province', t.province)}
        {input('territory', t.territory)}
        {input('locality', t.locality)}
        <div>
          <label for="search-age">{t.age}</label>
          <input
            id="search-age"
            type="number"
            min={0}
            max={120}
            value={form.age}
            onInput={(e) => setForm({ ...form, age: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="search-sex">{t.sex}</label>
          <select id="search-sex" value={form.sex} onChange={(e) => setForm({ ...form, sex: e.currentTarget.value })}>
            <option value="">{t.anySex}</option>
            {(Object.keys(SEXES[lang]) as Sex[]).map((sex) => (
              <option key={sex} value={sex}>
                {SEXES[lang][sex]}
              </option>
            ))}
          </select>
        </div>
        <div class="search-submit">
          <button type="submit" class="primary">
            {t.find}
          </button>
        </div>
      </form>
      <h2>{t.results}</h2>
      <Loaded resource={results}>
        {(data) => (
          <>
            <ServicesTable services={data.items} caption={t.servicesCaption(data.items.length)} own={false} />
            <Pager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </Loaded>
    </>
  );
}
