import * as z from 'zod';
import { SourceTool } from '../canonical/codes.ts';
import { SourceId } from '../canonical/organisation.ts';

/** What changed between a mapping version and the one before it, by canonical target. */
export const MappingDiff = z.strictObject({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
  settings: z
    .array(z.string())
    .meta({ description: 'Mapping-wide settings: id, tool, title, description, skip, ignore' }),
});

export const MappingVersionSummary = z
  .strictObject({
    sourceId: SourceId,
    version: z.number().int().min(1),
    author: z.string(),
    createdAt: z.iso.datetime(),
    diff: MappingDiff.meta({ description: 'Canonical fields added, removed or changed against the previous version' }),
    active: z.boolean(),
    lastActivatedAt: z.iso.datetime().optional(),
    lastActivatedBy: z.string().optional(),
  })
  .meta({ id: 'MappingVersionSummary' });

export const MappingVersionList = z
  .strictObject({
    items: z.array(MappingVersionSummary).meta({ description: 'The stored versions, oldest first' }),
    builtin: z
      .strictObject({
        tool: SourceTool,
        mappingVersion: z.string().meta({ description: 'As stored records name it, e.g. kobotoolbox-default@1' }),
        active: z.boolean().meta({ description: 'True until a stored version is activated' }),
        mapping: z.looseObject({}).optional().meta({
          description:
            'Its document, for an editor to start from; absent for a canonical source, which takes canonical records as they are',
        }),
      })
      .meta({ description: "The source tool's built-in mapping, which runs while no stored version is live" }),
  })
  .meta({ id: 'MappingVersionList' });

export const MappingVersionDetail = MappingVersionSummary.extend({
  mapping: z.looseObject({}).meta({ description: 'The mapping document (schemas/json/mapping.schema.json)' }),
}).meta({ id: 'MappingVersionDetail' });

export const ActiveMappingView = z
  .strictObject({
    sourceId: SourceId,
    version: z.number().int(),
    activatedAt: z.iso.datetime(),
    activatedBy: z.string(),
  })
  .meta({ id: 'ActiveMapping' });

const MAX_PREVIEW_SAMPLES = 100;

export const PreviewRequest = z
  .strictObject({
    mapping: z
      .union([z.string().max(200_000), z.looseObject({})])
      .meta({ description: 'The mapping, as YAML text or as a JSON object' }),
    samples: z.array(z.unknown()).max(MAX_PREVIEW_SAMPLES).meta({
      description:
        "Payloads in the source's own format; none checks the mapping alone (an editor checks it as it is typed)",
    }),
  })
  .meta({ id: 'MappingPreviewRequest' });

export const PreviewResponse = z
  .strictObject({
    samples: z
      .array(z.looseObject({}))
      .meta({ description: 'Per sample: ok, skipped, canonical output, errors, warnings, unmapped source fields' }),
    coverage: z.looseObject({}).meta({ description: 'Source fields never used, target fields never filled' }),
  })
  .meta({ id: 'MappingPreviewResponse' });

export const MappingVersionPath = z.strictObject({
  sourceId: SourceId,
  version: z.coerce.number().int().min(1).max(999_999),
});
