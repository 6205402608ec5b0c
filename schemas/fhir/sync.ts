import * as z from 'zod';

/**
 * What Relais reads of the FHIR it exchanges with a partner's server. Resources stay loose objects: Relais
 * sends what the Bundle builder made and keeps what a server answers, checking only the fields it uses.
 */

export const FhirResource = z.looseObject({
  resourceType: z.string().regex(/^[A-Z][A-Za-z]+$/),
  id: z.string().optional(),
  meta: z.looseObject({ versionId: z.string().optional(), lastUpdated: z.string().optional() }).optional(),
});
export type FhirResource = z.infer<typeof FhirResource>;

export const FhirBundleEntry = z.looseObject({
  fullUrl: z.string().optional(),
  resource: FhirResource.optional(),
  request: z
    .looseObject({
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']),
      url: z.string().min(1),
      ifNoneExist: z.string().optional(),
    })
    .optional(),
  response: z.looseObject({ status: z.string(), location: z.string().optional() }).optional(),
});

export const FhirBundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.enum([
    'document',
    'message',
    'transaction',
    'transaction-response',
    'batch',
    'batch-response',
    'history',
    'searchset',
    'collection',
  ]),
  total: z.number().int().min(0).optional(),
  link: z.array(z.looseObject({ relation: z.string(), url: z.string() })).optional(),
  entry: z.array(FhirBundleEntry).optional(),
});
export type FhirBundle = z.infer<typeof FhirBundle>;

/** A Bundle Relais pushes: a transaction whose every entry says how the server applies it. */
export const TransactionBundle = FhirBundle.extend({
  type: z.literal('transaction'),
  entry: z.array(FhirBundleEntry.extend({ resource: FhirResource, request: FhirBundleEntry.shape.request.unwrap() })),
});
export type TransactionBundle = z.infer<typeof TransactionBundle>;

/**
 * Where an incremental pull of one resource type stands, kept by the caller between pulls. `since` is the
 * latest `meta.lastUpdated` seen; `seenAtSince` the versions seen with exactly that time, so that the next
 * pull can search from `since` inclusive (a resource written in the same millisecond as the last one seen
 * is not lost) without handing the same version out twice.
 */
export const FhirPullCursor = z
  .strictObject({
    resourceType: z.string().regex(/^[A-Z][A-Za-z]+$/),
    since: z.iso.datetime({ offset: true }).optional(),
    seenAtSince: z.array(z.string()).max(10_000),
  })
  .meta({ id: 'FhirPullCursor' });
export type FhirPullCursor = z.infer<typeof FhirPullCursor>;

/** R4 Task.status (http://hl7.org/fhir/R4/valueset-task-status.html). */
export const FhirTaskStatus = z.enum([
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
]);
export type FhirTaskStatus = z.infer<typeof FhirTaskStatus>;

const Coding = z.looseObject({ system: z.string().optional(), code: z.string().optional() });

/** The fields of a pulled Task that an answer to a referral is read from. */
export const PulledTask = FhirResource.extend({
  resourceType: z.literal('Task'),
  id: z.string(),
  status: FhirTaskStatus,
  identifier: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
  statusReason: z.looseObject({ coding: z.array(Coding).optional(), text: z.string().optional() }).optional(),
  note: z.array(z.looseObject({ text: z.string() })).optional(),
  lastModified: z.string().optional(),
  output: z
    .array(
      z.looseObject({
        type: z.looseObject({ coding: z.array(Coding).optional(), text: z.string().optional() }),
        valueString: z.string().optional(),
        valueCode: z.string().optional(),
        valueDate: z.string().optional(),
      }),
    )
    .optional(),
});
export type PulledTask = z.infer<typeof PulledTask>;
