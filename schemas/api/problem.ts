import * as z from 'zod';

/** RFC 9457 problem details, as every non-2xx answer of the API carries them. */
export const Problem = z
  .strictObject({
    type: z.string().min(1).meta({ description: 'A URI naming the kind of problem' }),
    title: z.string().min(1),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'Stable machine-readable reason' }),
    errors: z
      .array(
        z.strictObject({
          pointer: z.string().meta({ description: 'RFC 6901 JSON Pointer into the submitted document' }),
          code: z.string(),
          detail: z.string(),
          line: z
            .number()
            .int()
            .min(1)
            .optional()
            .meta({ description: 'For documents sent as text (YAML mappings): 1-based line' }),
          column: z.number().int().min(1).optional(),
        }),
      )
      .optional(),
    candidates: z
      .array(
        z.strictObject({
          id: z.string(),
          organisationId: z.string(),
          name: z.strictObject({ fr: z.string().optional(), en: z.string().optional() }),
        }),
      )
      .optional()
      .meta({ description: 'several-eligible-services: the services to choose from' }),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof Problem>;
