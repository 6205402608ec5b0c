import { useEffect, useState } from 'preact/hooks';
import { useLang, useMessages } from '../../i18n.ts';
import { href, navigate } from '../../router.ts';
import { messages } from './messages.ts';
import { type Period, periodLabel } from './periods.ts';
import { routeQuery } from './request.ts';
import type { StatsOptions, StatsRequest, View } from './types.ts';

const VIEWS: readonly View[] = ['own', 'all'];

/**
 * The query, as the API accepts it here (GET /v1/stats/options): the view, a period of the deployment's
 * grid (ended ones only across organisations), up to its limit of dimensions open to the caller in that
 * view, and an age set. Showing it puts it in the address, so a table can be reloaded or shared.
 */
export function StatsForm({
  request,
  options,
  periods,
}: {
  request: StatsRequest;
  options: StatsOptions;
  periods: Period[];
}) {
  const t = useMessages(messages);
  const lang = useLang();
  const [draft, setDraft] = useState(request);
  useEffect(() => setDraft(request), [request]);
  const open = periods.filter((p) => draft.view === 'own' || p.ended);
  const listed = open.some((p) => p.from === draft.from && p.to === draft.to)
    ? open
    : [{ from: draft.from, to: draft.to, ended: true }, ...open];
  const allowed = options.dimensions[draft.view];
  const full = draft.by.length >= options.maxDimensions;

  const setView = (view: View) => {
    const period =
      view === 'all' && !periods.some((p) => p.ended && p.from === draft.from)
        ? periods.find((p) => p.ended)
        : undefined;
    setDraft({
      ...draft,
      view,
      ...(period ? { from: period.from, to: period.to } : {}),
      by: draft.by.filter((d) => options.dimensions[view].includes(d)),
    });
  };
  const toggle = (d: StatsRequest['by'][number], on: boolean) =>
    setDraft({
      ...draft,
      by: on ? allowed.filter((x) => x === d || draft.by.includes(x)) : draft.by.filter((x) => x !== d),
    });
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(href('statistics', [], routeQuery(draft)));
  };

  return (
    <form onSubmit={submit} class="stats-form" aria-labelledby="stats-query">
      <h2 id="stats-query">{t.query}</h2>
      <fieldset>
        <legend>{t.view}</legend>
        {VIEWS.map((v) => (
          <div class="inline" key={v}>
            <input
              type="radio"
              id={`stats-view-${v}`}
              name="view"
              value={v}
              checked={draft.view === v}
              onChange={() => setView(v)}
            />
            <label for={`stats-view-${v}`}>{t.views[v]}</label>
          </div>
        ))}
      </fieldset>
      <div class="grid-2">
        <div>
          <label for="stats-period">{t.period}</label>
          <select
            id="stats-period"
            value={`${draft.from}/${draft.to}`}
            onChange={(e) => {
              const [from, to] = e.currentTarget.value.split('/') as [string, string];
              setDraft({ ...draft, from, to });
            }}
          >
            {listed.map((p) => {
              const label = periodLabel(lang, options.grid, p);
              return (
                <option key={p.from} value={`${p.from}/${p.to}`}>
                  {p.ended ? label : t.inProgress(label)}
                </option>
              );
            })}
          </select>
        </div>
        <div>
          <label for="stats-age-set">{t.ageSet}</label>
          <select
            id="stats-age-set"
            value={draft.ageSet}
            onChange={(e) => setDraft({ ...draft, ageSet: e.currentTarget.value })}
          >
            {options.ageSets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.values.filter((v) => v !== 'unknown' && v !== 'outside').join(', ')})
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset aria-describedby="stats-by-hint">
        <legend>{t.by(options.maxDimensions)}</legend>
        <p class="hint" id="stats-by-hint">
          {t.byHint}
        </p>
        <div class="stats-dimensions">
          {allowed.map((d) => {
            const checked = draft.by.includes(d);
            return (
              <div class="inline" key={d}>
                <input
                  type="checkbox"
                  id={`stats-by-${d}`}
                  checked={checked}
                  disabled={!checked && full}
                  onChange={(e) => toggle(d, e.currentTarget.checked)}
                />
                <label for={`stats-by-${d}`}>{options.labels.dimensions[d]}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <button type="submit" class="primary">
        {t.show}
      </button>
    </form>
  );
}
