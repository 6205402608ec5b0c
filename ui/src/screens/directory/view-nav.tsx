import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { messages } from './messages.ts';

export type DirectoryView = 'mine' | 'search' | 'channel';

/** The view's heading (focused when it shows) and the links between the directory's views. */
export function ViewHeading({ title, view }: { title: string; view?: DirectoryView }) {
  const t = useMessages(messages);
  const views: Record<DirectoryView, { label: string; to: string }> = {
    mine: { label: t.mine, to: href('directory') },
    search: { label: t.search, to: href('directory', ['search']) },
    channel: { label: t.channel, to: href('directory', ['channel']) },
  };
  return (
    <>
      <PageHeading>{title}</PageHeading>
      {/* A list, not a second navigation landmark: the shell's navigation is the page's one. */}
      <ul aria-label={t.views} class="view-nav">
        {(Object.keys(views) as DirectoryView[]).map((v) => (
          <li key={v}>
            <a href={views[v].to} aria-current={v === view ? 'page' : undefined}>
              {views[v].label}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
