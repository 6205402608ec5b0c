import { useEffect, useRef } from 'preact/hooks';
import { ActionFeedback, useAction } from '../../components/feedback.tsx';
import { useMessages } from '../../i18n.ts';
import { useApi } from '../../session.ts';
import { messages } from './messages.ts';
import { apiQuery, csvName } from './request.ts';
import type { StatsRequest } from './types.ts';

/**
 * The table as the API writes it (format=csv, headers in the UI's language), saved as a file: the key
 * travels in a header, so a plain link to the CSV cannot work; the answer becomes a Blob behind an
 * <a download> named after the query.
 */
export function CsvDownload({ request }: { request: StatsRequest }) {
  const t = useMessages(messages);
  const api = useApi();
  const action = useAction();
  const url = useRef<string | undefined>(undefined);
  useEffect(() => () => url.current && URL.revokeObjectURL(url.current), []);
  const download = () =>
    action.run(async () => {
      const csv = await api.text('/v1/stats', apiQuery(request, 'csv'));
      if (url.current) URL.revokeObjectURL(url.current);
      url.current = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const name = csvName(request);
      const link = document.createElement('a');
      link.href = url.current;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      return t.downloaded(name);
    });
  return (
    <div class="toolbar">
      <button type="button" onClick={download} disabled={action.busy}>
        {t.csv}
      </button>
      <ActionFeedback action={action} />
    </div>
  );
}
