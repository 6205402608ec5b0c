import type * as z from 'zod';
import type { coverage, SamplePreview } from '../../../../core/mapping/preview.ts';
import type { SourceList } from '../../../../schemas/api/directory.ts';
import type { SampleOutcome as SampleOutcomeSchema, SourceSampleList } from '../../../../schemas/api/samples.ts';
import type {
  ActiveMappingView,
  MappingDiff,
  MappingVersionDetail,
  MappingVersionList,
} from '../../../../schemas/api/mappings.ts';

export type Source = z.output<typeof SourceList>['items'][number];
export type AuthMethod = Source['auth']['method'];
export type Versions = z.output<typeof MappingVersionList>;
export type VersionSummary = Versions['items'][number];
export type VersionDetail = z.output<typeof MappingVersionDetail>;
export type Diff = z.output<typeof MappingDiff>;
export type Activated = z.output<typeof ActiveMappingView>;
/** The API declares the preview loosely (zod looseObject); its real shape is the use case's (core/mapping/preview.ts). */
export interface Preview {
  samples: SamplePreview[];
  coverage: Coverage;
}
export type { SamplePreview };
export type Coverage = ReturnType<typeof coverage>;

export type SampleOutcome = z.output<typeof SampleOutcomeSchema>;
/** A recent submission of the source, minimised by the API (GET /v1/admin/sources/{sourceId}/samples). */
export type RecentSample = z.output<typeof SourceSampleList>['items'][number];
