import type { Action } from '../../components/feedback.tsx';
import { useMessages } from '../../i18n.ts';
import { useApi } from '../../session.ts';
import { messages } from './messages.ts';
import type { Activated } from './types.ts';
import { sourcePath } from './use-source.ts';

/**
 * Makes a version live. Activating one older than the live version is a rollback, and the button and its
 * result say so; records stored meanwhile keep the version that produced them.
 */
export function ActivateButton(props: {
  sourceId: string;
  version: number;
  live: number | undefined;
  action: Action;
  onDone(): void;
}) {
  const t = useMessages(messages);
  const api = useApi();
  const { sourceId, version, live, action } = props;
  const rollback = live !== undefined && version < live;
  const activate = () =>
    action
      .run(async () => {
        const done = await api.post<Activated>(`${sourcePath(sourceId)}/mappings/${version}/activate`);
        return rollback ? t.rolledBack(done.version, live) : t.activated(done.version);
      })
      .then((ok) => ok && props.onDone());
  return (
    <button type="button" class={rollback ? undefined : 'primary'} disabled={action.busy} onClick={activate}>
      {rollback ? t.rollBack(version) : t.activate(version)}
    </button>
  );
}
