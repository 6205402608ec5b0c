import { useState } from 'preact/hooks';
import { Loaded, useResource } from '../../components/feedback.tsx';
import { useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import { Pager, ServicesTable } from './services-table.tsx';
import type { ServiceList } from './types.ts';
import { ViewHeading } from './view-nav.tsx';

export function MyServices() {
  const t = useMessages(messages);
  // The cursors of the pages read so far: the last one is the page shown (undefined: the first).
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useResource((api) => api.get<ServiceList>('/v1/admin/services', { cursor }), [cursor]);
  return (
    <>
      <ViewHeading title={t.minePage} view="mine" />
      <p class="hint">{t.mineIntro}</p>
      <Loaded resource={page}>
        {(data) => (
          <>
            <ServicesTable services={data.items} caption={t.servicesCaption(data.items.length)} own />
            <Pager
              nextCursor={data.nextCursor}
              hasPrevious={cursors.length > 1}
              onNext={(next) => setCursors([...cursors, next])}
              onPrevious={() => setCursors(cursors.slice(0, -1))}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
