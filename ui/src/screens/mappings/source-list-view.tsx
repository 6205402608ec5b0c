import { Loaded, useResource } from '../../components/feedback.tsx';
import { formatDate, useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { messages } from './messages.ts';
import type { Source } from './types.ts';

export function SourceListView() {
  const t = useMessages(messages);
  const lang = useLang();
  const sources = useResource((api) => api.get<{ items: Source[] }>('/v1/admin/sources'), []);
  return (
    <>
      <h1 tabIndex={-1}>{t.listTitle}</h1>
      <p>{t.listIntro}</p>
      <Loaded resource={sources}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="notice">{t.noSources}</p>
          ) : (
            <table>
              <caption>{t.sourcesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colSource}</th>
                  <th scope="col">{t.colTool}</th>
                  <th scope="col">{t.colAuth}</th>
                  <th scope="col">{t.colCreated}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <a href={href('mappings', [s.id])}>{s.name}</a> <code class="hint">{s.id}</code>
                    </th>
                    <td>{t.tools[s.tool]}</td>
                    <td>{t.auth[s.auth.method]}</td>
                    <td>{formatDate(lang, s.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}
