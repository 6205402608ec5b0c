import { Loaded, useResource } from '../../components/feedback.tsx';
import { Pager, useCursorPages } from '../../components/pager.tsx';
import { useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import { ServicesTable } from './services-table.tsx';
import type { ServiceList } from './types.ts';
import { ViewHeading } from './view-nav.tsx';

export function MyServices() {
  const t = useMessages(messages);
  const pages = useCursorPages('');
  const { cursor } = pages;
  const page = useResource((api) => api.get<ServiceList>('/v1/admin/services', { cursor }), [cursor]);
  return (
    <>
      <ViewHeading title={t.minePage} view="mine" />
      <p class="hint">{t.mineIntro}</p>
      <Loaded resource={page}>
        {(data) => (
          <>
            <ServicesTable services={data.items} caption={t.servicesCaption(data.items.length)} own />
            <Pager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </Loaded>
    </>
  );
}
