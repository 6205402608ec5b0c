import { useEffect, useRef } from 'preact/hooks';
import type { ScreenProps } from '../types.ts';
import { DraftView } from './draft-view.tsx';
import { SourceListView } from './source-list-view.tsx';
import { SourceView } from './source-view.tsx';
import { VersionView } from './version-view.tsx';

/**
 * #/mappings: the sources; #/mappings/<sourceId>: its versions; #/mappings/<sourceId>/<n>: one version
 * with its diff; #/mappings/<sourceId>/draft?from=<n>: the editor, with its live preview.
 */
export default function MappingsScreen({ route }: ScreenProps) {
  const [sourceId, view] = route.rest;
  const path = route.rest.join('/');
  // The shell focuses the heading when the screen opens; moving inside the screen is ours to announce.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path]);
  if (!sourceId) return <SourceListView />;
  if (view === 'draft') return <DraftView sourceId={sourceId} from={Number(route.query.get('from')) || undefined} />;
  if (view && /^\d+$/.test(view)) return <VersionView key={path} sourceId={sourceId} version={Number(view)} />;
  return <SourceView sourceId={sourceId} />;
}
