import type { Api } from '../../api.ts';
import { useResource } from '../../components/feedback.tsx';
import type { Source, VersionDetail, Versions } from './types.ts';

export const sourcePath = (sourceId: string) => `/v1/admin/sources/${encodeURIComponent(sourceId)}`;

/** The source itself (the API lists an organisation's sources; there is no read of one alone). */
export function useSource(sourceId: string) {
  return useResource(
    async (api) => (await api.get<{ items: Source[] }>('/v1/admin/sources')).items.find((s) => s.id === sourceId),
    [sourceId],
  );
}

export const useVersions = (sourceId: string) =>
  useResource((api) => api.get<Versions>(`${sourcePath(sourceId)}/mappings`), [sourceId]);

export const getVersion = (api: Api, sourceId: string, version: number) =>
  api.get<VersionDetail>(`${sourcePath(sourceId)}/mappings/${version}`);

export const liveVersion = (versions: Versions) => versions.items.find((v) => v.active)?.version;
