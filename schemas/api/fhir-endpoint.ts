import * as z from 'zod';

/**
 * An organisation's FHIR R4 server, beside its delivery channel: the channel says how it hears of referral
 * events, this says where Relais pushes FHIR Bundles and pulls Task answers from. The token or client
 * secret is kept with it, as a webhook signing secret is kept with the channel, and never shown again.
 */
const HttpsUrl = z.string().max(2000).meta({ description: 'https only; must resolve to public addresses' });

export const FhirEndpointRequest = z
  .strictObject({
    baseUrl: HttpsUrl.meta({ description: 'The FHIR base, e.g. https://fhir.example.org/R4' }),
    auth: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('bearer'), token: z.string().min(1).max(4000) }),
      z.strictObject({
        kind: z.literal('client-credentials'),
        tokenUrl: HttpsUrl,
        clientId: z.string().min(1).max(500),
        clientSecret: z.string().min(1).max(4000),
        scope: z.string().max(1000).optional(),
      }),
    ]),
  })
  .meta({ id: 'FhirEndpointRequest' });
export type FhirEndpointRequest = z.infer<typeof FhirEndpointRequest>;

/** As stored and shown: the secret is left out. */
export const FhirEndpoint = z
  .strictObject({
    organisationId: z.string(),
    baseUrl: z.string(),
    auth: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('bearer') }),
      z.strictObject({
        kind: z.literal('client-credentials'),
        tokenUrl: z.string(),
        clientId: z.string(),
        scope: z.string().optional(),
      }),
    ]),
    configuredAt: z.iso.datetime(),
  })
  .meta({ id: 'FhirEndpoint' });
export type FhirEndpoint = z.infer<typeof FhirEndpoint>;

/** The caller's FHIR endpoint, or null when it set none. */
export const ConfiguredFhirEndpoint = z
  .strictObject({ endpoint: FhirEndpoint.nullable() })
  .meta({ id: 'ConfiguredFhirEndpoint' });

/** What one Task version read from the organisation's FHIR server did to its referral. */
export const TaskAnswerResult = z
  .discriminatedUnion('outcome', [
    z.strictObject({
      referralId: z.string(),
      taskVersion: z.string(),
      outcome: z.literal('applied'),
      version: z.int(),
    }),
    z.strictObject({ referralId: z.string(), taskVersion: z.string(), outcome: z.literal('unchanged') }),
    z.strictObject({ referralId: z.string(), taskVersion: z.string(), outcome: z.literal('ignored') }),
    z.strictObject({ referralId: z.string(), taskVersion: z.string(), outcome: z.literal('not-found') }),
    z.strictObject({
      referralId: z.string(),
      taskVersion: z.string(),
      outcome: z.literal('refused'),
      reason: z.string(),
    }),
  ])
  .meta({ id: 'TaskAnswerResult' });
export type TaskAnswerResult = z.infer<typeof TaskAnswerResult>;

export const TaskAnswersPulled = z
  .strictObject({
    results: z.array(TaskAnswerResult),
    /** Whether the pull cursor moved (false when another pull moved it first: this one's answers still applied). */
    moved: z.boolean(),
  })
  .meta({ id: 'TaskAnswersPulled' });
