import { Loaded, useResource } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n.ts';
import type { ScreenProps } from '../types.ts';
import { ApiKeys } from './api-keys.tsx';
import { messages } from './messages.ts';
import { SourcePage } from './source-page.tsx';
import { Sources } from './sources.tsx';
import type { SourceList } from './types.ts';

/** Keys and sources: #/keys (the keys and the sources), #/keys/<sourceId> (a source and its secrets). */
export default function KeysScreen({ route }: ScreenProps) {
  const t = useMessages(messages);
  const [sourceId] = route.rest;
  // One read for both views: the key form offers the api-key sources, and a source's page is in the list.
  const sources = useResource((api) => api.get<SourceList>('/v1/admin/sources'), []);
  return (
    <Loaded resource={sources}>
      {({ items }) =>
        sourceId !== undefined ? (
          <SourcePage source={items.find((s) => s.id === sourceId)} />
        ) : (
          <>
            <PageHeading>{t.title}</PageHeading>
            <p class="hint">{t.intro}</p>
            <ApiKeys sources={items} />
            <Sources sources={items} onChange={sources.reload} />
          </>
        )
      }
    </Loaded>
  );
}
