import * as z from 'zod';
import { SourceId } from '../canonical/organisation.ts';

/** What became of a submission: stored, refused (the whole push was a 422), or skipped by the mapping. */
export const SampleOutcome = z.enum(['accepted', 'rejected', 'skipped']).meta({
  id: 'SampleOutcome',
  description:
    'accepted: stored (created, updated or unchanged); rejected: refused with 422; skipped: matched the mapping’s skip condition',
});

/** Why a rejected submission was refused: where and which rule, never the value. */
export const SampleError = z
  .strictObject({
    pointer: z.string().meta({ description: 'RFC 6901 pointer into the submission (the partner’s own field)' }),
    code: z.string(),
  })
  .meta({ id: 'SampleError' });

/** Errors kept per rejected sample: enough to see the pattern, bounded so an item stays small. */
export const MAX_SAMPLE_ERRORS = 50;

export const SourceSample = z
  .strictObject({
    sourceId: SourceId,
    outcome: SampleOutcome,
    receivedAt: z.iso.datetime(),
    mappingVersion: z.string().meta({ description: 'The mapping that ran, e.g. kobotoolbox-default@1 or src_…@3' }),
    payload: z.unknown().meta({
      description:
        'The submission minimised: same keys and structure, numbers, booleans, codes of the mapping’s code lists and snake_case codes kept, dates with month and day set to 01, every other string masked (letters x/X, digits 0)',
    }),
    errors: z.array(SampleError).max(MAX_SAMPLE_ERRORS).optional().meta({ description: 'For a rejected sample' }),
  })
  .meta({ id: 'SourceSample' });

export const SourceSampleList = z
  .strictObject({
    items: z.array(SourceSample).meta({
      description: 'At most 10 per outcome, newest first, kept 14 days; usable as preview samples as they are',
    }),
  })
  .meta({ id: 'SourceSampleList' });
