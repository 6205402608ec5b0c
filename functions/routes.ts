import * as z from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { Problem } from '../schemas/api/problem.ts';
import {
  ApiKeyList,
  CreateApiKeyRequest,
  CreateSourceRequest,
  CreatedApiKey,
  CreatedSource,
  KeyPath,
  SecretPath,
  SessionView,
  SigningSecret,
  SigningSecretList,
  SourceList,
} from '../schemas/api/directory.ts';
import {
  ActiveMappingView,
  MappingVersionDetail,
  MappingVersionList,
  MappingVersionPath,
  MappingVersionSummary,
  PreviewRequest,
  PreviewResponse,
} from '../schemas/api/mappings.ts';
import {
  ListReviewsQuery,
  MatchRequest,
  MatchResponse,
  MergeRequest,
  PersonPath,
  PersonQuery,
  PersonView,
  ReviewDecisionRequest,
  ReviewList,
  ReviewPath,
  ReviewView,
  SplitRequest,
} from '../schemas/api/persons.ts';
import {
  Health,
  IngestResponse,
  ListRecordsQuery,
  RecordList,
  RecordPath,
  RecordView,
  SourceIdPath,
} from '../schemas/api/records.ts';
import {
  CreateServiceRequest,
  ListServicesQuery,
  ServiceList,
  ServicePath,
  ServiceSearchQuery,
  UpdateServiceRequest,
} from '../schemas/api/services.ts';
import { CanonicalInput } from '../schemas/canonical/record.ts';
import { ReferralInput, StatusChange } from '../schemas/canonical/referral.ts';
import { ChannelHealth, ChannelRequest, ConfiguredChannel } from '../schemas/api/delivery-channel.ts';
import { ConfiguredFhirEndpoint, FhirEndpointRequest, TaskAnswersPulled } from '../schemas/api/fhir-endpoint.ts';
import {
  ConsentPath,
  ConsentRecordRevoked,
  InboxPage,
  InboxQuery,
  ListReferralsQuery,
  ReferralList,
  ReferralPath,
  ReferralView,
  RevokeConsentRequest,
} from '../schemas/api/referrals.ts';
import { Service } from '../schemas/canonical/service.ts';
import type { Role } from '../schemas/canonical/codes.ts';
import type { TableKey } from '../adapters/dynamodb/tables.ts';
import type { QueueKey, RedrivableQueueKey } from './queues.ts';
import { DeadLetterList, RedriveRequest, RedriveResult } from '../schemas/api/dead-letters.ts';
import { ChangePage, ChangesQuery } from '../schemas/api/changes.ts';
import { StatsOptionsView, StatsQuery, StatsReportView } from '../schemas/api/stats.ts';
import { SourceSampleList } from '../schemas/api/samples.ts';
import type { SecretKey } from './secrets.ts';

/**
 * Every HTTP route of Relais, once. The local runtime serves this table, the CDK stack deploys one
 * function per entry, and the OpenAPI document is generated from it: a route cannot exist in one place
 * and be missing from another.
 */
export type Access =
  | { kind: 'public' }
  /** An organisation API key with one of these roles. */
  | { kind: 'api-key'; roles: readonly Role[] }
  /** The source's own credential: its Standard Webhooks signature or an API key allowed to push into it. */
  | { kind: 'source' };

export interface Route {
  readonly method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  /** OpenAPI path template, e.g. /v1/records/{id}. */
  readonly path: string;
  /** The handler module, relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly access: Access;
  /** The tables this handler touches and how: the CDK stack grants exactly this (least privilege). */
  readonly tables: Readonly<Partial<Record<TableKey, 'read' | 'readwrite'>>>;
  /**
   * The queues this handler sends to, and the DLQs it redrives (receive, delete, change visibility on the
   * DLQ, send on the queue; its URL in the spec's `dlqEnv`): the CDK stack grants exactly this.
   */
  readonly queues?: { readonly [K in QueueKey]?: K extends RedrivableQueueKey ? 'send' | 'redrive' : 'send' };
  /** The secrets this handler reads (functions/secrets.ts): the CDK stack grants exactly this. */
  readonly secrets?: Readonly<Partial<Record<SecretKey, 'read'>>>;
  readonly operation: ZodOpenApiOperationObject & { operationId: string };
  /** A read that leaves an audit line as every change does (http-handler.ts). */
  readonly auditedRead?: true;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const commonErrors = {
  '400': problem('Malformed request'),
  '401': problem('Missing or invalid credentials'),
  '404': problem('Not found, or not visible to your organisation'),
  '422': problem('Validation failed; errors[].pointer names each field'),
  '500': problem('Unexpected error (no details are disclosed)'),
} satisfies ZodOpenApiResponsesObject;

const apiKeySecurity: Array<Record<string, string[]>> = [{ apiKey: [] }, { bearer: [] }, { basic: [] }];

const ok = (description: string, schema?: z.ZodType) =>
  schema ? { description, content: { 'application/json': { schema } } } : { description };

const kebab = (operationId: string) => operationId.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface KeyRouteOptions {
  method: Route['method'];
  path: string;
  operationId: string;
  summary: string;
  roles: readonly Role[];
  tag: string;
  request?: { path?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType; yaml?: boolean };
  success: [status: string, description: string, schema?: z.ZodType];
  tables: Route['tables'];
  responses?: ZodOpenApiResponsesObject;
}

/** A route authenticated by an organisation API key; its handler is functions/http/[admin/]<operation-id>.ts. */
function keyRoute(o: KeyRouteOptions): Route {
  const request = o.request ?? {};
  const admin = o.roles.length === 1 && o.roles[0] === 'admin';
  return {
    method: o.method,
    path: o.path,
    entry: `functions/http/${admin ? 'admin/' : ''}${kebab(o.operationId)}.ts`,
    access: { kind: 'api-key', roles: o.roles },
    tables: o.tables,
    operation: {
      operationId: o.operationId,
      summary: o.summary,
      tags: [o.tag],
      security: apiKeySecurity,
      ...(request.path || request.query
        ? {
            requestParams: {
              ...(request.path ? { path: request.path } : {}),
              ...(request.query ? { query: request.query } : {}),
            },
          }
        : {}),
      ...(request.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: request.body },
                ...(request.yaml ? { 'application/yaml': { schema: z.string() } } : {}),
              },
            },
          }
        : {}),
      responses: {
        [o.success[0]]: ok(o.success[1], o.success[2]),
        ...commonErrors,
        '403': problem(`Your key does not have the ${o.roles.join(' or ')} role`),
        ...o.responses,
      },
    },
  };
}

/** A route that hands out sealed page cursors reads the cursor key, and is granted exactly that. */
const handsOutCursors = (route: Route): Route => ({ ...route, secrets: { cursorKey: 'read' } });

/** Administration of the caller's own organisation: admin role only. */
function adminRoute(
  method: Route['method'],
  path: string,
  operationId: string,
  summary: string,
  request: KeyRouteOptions['request'],
  success: KeyRouteOptions['success'],
  tables: Route['tables'] = { directory: 'readwrite' },
): Route {
  return keyRoute({
    method,
    path,
    operationId,
    summary,
    roles: ['admin'],
    tag: 'administration',
    request,
    success,
    tables,
    responses: { '409': problem('Conflict with the current state') },
  });
}

/** The caller's own services in the partners' directory: admin role only, tag directory. */
function serviceAdminRoute(
  method: Route['method'],
  path: string,
  operationId: string,
  summary: string,
  request: KeyRouteOptions['request'],
  success: KeyRouteOptions['success'],
  services: 'read' | 'readwrite',
  conflict?: string,
): Route {
  return keyRoute({
    method,
    path,
    operationId,
    summary,
    roles: ['admin'],
    tag: 'directory',
    request,
    success,
    tables: { directory: 'read', services },
    ...(conflict ? { responses: { '409': problem(conflict) } } : {}),
  });
}

/** A route whose operation needs more than the helpers give: a description, other responses. */
function documented(route: Route, more: { description: string; responses?: ZodOpenApiResponsesObject }): Route {
  return {
    ...route,
    operation: {
      ...route.operation,
      description: more.description,
      responses: { ...route.operation.responses, ...more.responses },
    },
  };
}

/** Referral routes: made, answered and read with a `referrals` or `admin` key; each queues its event. */
const referralRoles = ['referrals', 'admin'] as const;
const referralRoutes: readonly Route[] = [
  adminRoute(
    'put',
    '/v1/admin/delivery-channel',
    'configureDeliveryChannel',
    'How your organisation receives referral events: a Standard Webhooks endpoint (https, public addresses) or the inbox',
    { body: ChannelRequest },
    ['200', 'Configured; a first webhook gets its signing secret, shown once', ConfiguredChannel],
    { deliveries: 'readwrite' },
  ),
  adminRoute(
    'get',
    '/v1/admin/delivery-channel',
    'getDeliveryChannel',
    'Your delivery channel and its latest delivery attempts (status codes, next retry, disabled since)',
    {},
    ['200', 'The channel and its log', ChannelHealth],
    { deliveries: 'read' },
  ),
  adminRoute(
    'put',
    '/v1/admin/fhir-endpoint',
    'configureFhirEndpoint',
    'Your FHIR R4 server (https, public addresses; a bearer token or OAuth2 client credentials): Relais pushes referral Bundles to it and reads Task answers from it',
    { body: FhirEndpointRequest },
    ['200', 'Configured; the token or client secret is kept and never shown again', ConfiguredFhirEndpoint],
    { deliveries: 'readwrite' },
  ),
  adminRoute(
    'get',
    '/v1/admin/fhir-endpoint',
    'getFhirEndpoint',
    'Your FHIR endpoint, without its secret (null when none is set)',
    {},
    ['200', 'The endpoint', ConfiguredFhirEndpoint],
    { deliveries: 'read' },
  ),
  {
    ...adminRoute(
      'post',
      '/v1/admin/fhir-endpoint/pull',
      'pullFhirTaskAnswers',
      'Read the Tasks your FHIR server changed since the last pull and apply each new status to its referral, as the receiving organisation (the referrer hears of each, in order)',
      {},
      ['200', 'What each Task version read did', TaskAnswersPulled],
      { deliveries: 'readwrite', referrals: 'readwrite' },
    ),
    queues: { referralDelivery: 'send' },
  },
  adminRoute(
    'post',
    '/v1/admin/delivery-channel/enable',
    'enableDeliveryChannel',
    'Re-enable a webhook disabled after it answered 410 Gone',
    {},
    ['200', 'Enabled', ChannelHealth],
    { deliveries: 'readwrite' },
  ),
  {
    ...keyRoute({
      method: 'get',
      path: '/v1/admin/dead-letters',
      operationId: 'listDeadLetters',
      summary:
        'Referral events left undelivered after the whole retry schedule (ids only), for referrals your organisation sent or received',
      roles: ['admin'],
      tag: 'administration',
      success: ['200', 'The dead letters, oldest first per referral', DeadLetterList],
      tables: { directory: 'read', referrals: 'read' },
    }),
    queues: { referralDelivery: 'redrive' },
    auditedRead: true,
  },
  {
    ...keyRoute({
      method: 'post',
      path: '/v1/admin/dead-letters/redrive',
      operationId: 'redriveDeadLetters',
      summary:
        'Send the dead letters of your referrals (or of those named) back for delivery, in order per referral, each with a fresh retry schedule',
      roles: ['admin'],
      tag: 'administration',
      request: { body: RedriveRequest },
      success: ['200', 'The dead letters sent back; a referral you are no party to has none', RedriveResult],
      tables: { directory: 'read', referrals: 'read' },
    }),
    queues: { referralDelivery: 'redrive' },
  },
  documented(
    {
      ...keyRoute({
        method: 'post',
        path: '/v1/referrals',
        operationId: 'createReferral',
        summary: "Refer a child to another organisation's service, under the recorded consent",
        roles: referralRoles,
        tag: 'referrals',
        request: { body: ReferralInput },
        success: ['201', 'Referred and queued for delivery', ReferralView],
        tables: { directory: 'read', records: 'read', registry: 'read', services: 'read', referrals: 'readwrite' },
        responses: {
          '200': ok('Already made with this Idempotency-Key: the same referral', ReferralView),
          '403': problem('A consent override needs the admin role'),
          '409': problem('No eligible service (errors name the criterion), or several (candidates listed)'),
        },
      }),
      queues: { referralDelivery: 'send', statsRefresh: 'send' },
    },
    {
      description:
        'The consent must name the receiving organisation, cover the service type and be valid now; otherwise 422 ' +
        'names the field. An override (basis: override) needs an admin key and stays flagged. The child is cut to ' +
        'the categories both consented and needed by the service. Send an Idempotency-Key header to retry safely.',
    },
  ),
  handsOutCursors(
    keyRoute({
      method: 'get',
      path: '/v1/referrals',
      operationId: 'listReferrals',
      summary: 'Referrals your organisation sent or received, newest first, by status, overdue',
      roles: referralRoles,
      tag: 'referrals',
      request: { query: ListReferralsQuery },
      success: ['200', 'A page of referrals', ReferralList],
      tables: { directory: 'read', referrals: 'read' },
    }),
  ),
  handsOutCursors(
    keyRoute({
      method: 'get',
      path: '/v1/referrals/inbox',
      operationId: 'readReferralInbox',
      summary: 'Events addressed to your organisation (for organisations with no webhook), oldest first, resumable',
      roles: referralRoles,
      tag: 'referrals',
      request: { query: InboxQuery },
      success: ['200', 'A page of events', InboxPage],
      tables: { directory: 'read', referrals: 'read' },
    }),
  ),
  keyRoute({
    method: 'get',
    path: '/v1/referrals/{id}',
    operationId: 'getReferral',
    summary:
      'One referral your organisation sent or received: status, history, delivery, and the child as consent allows',
    roles: referralRoles,
    tag: 'referrals',
    request: { path: ReferralPath },
    success: ['200', 'The referral', ReferralView],
    tables: { directory: 'read', referrals: 'readwrite' },
  }),
  {
    ...keyRoute({
      method: 'post',
      path: '/v1/referrals/{id}/status',
      operationId: 'changeReferralStatus',
      summary: 'Accept, reject, start, hold, complete (with feedback), fail or cancel; an illegal change is 409',
      roles: referralRoles,
      tag: 'referrals',
      request: { path: ReferralPath, body: StatusChange },
      success: ['200', 'Changed; the other organisation is told', ReferralView],
      tables: { directory: 'read', referrals: 'readwrite' },
      responses: { '409': problem("Not allowed from the current status, not your side's move, or changed meanwhile") },
    }),
    // The other side hears of it; the referral's statistics row follows.
    queues: { referralDelivery: 'send', statsRefresh: 'send' },
  },
  {
    ...keyRoute({
      method: 'post',
      path: '/v1/referrals/{id}/consent/revoke',
      operationId: 'revokeReferralConsent',
      summary:
        'Consent was withdrawn: cancel the referral if open, end the grant, and send the receiver a consent.revoked purge notice',
      roles: referralRoles,
      tag: 'referrals',
      request: { path: ReferralPath, body: RevokeConsentRequest },
      success: ['200', 'Revoked; the receiver is told to purge', ReferralView],
      tables: { directory: 'read', referrals: 'readwrite' },
      responses: { '409': problem('Only the referring organisation revokes') },
    }),
    // The receiver is told; the cancelled referrals' statistics rows follow.
    queues: { referralDelivery: 'send', statsRefresh: 'send' },
  },
  {
    ...keyRoute({
      method: 'post',
      path: '/v1/consents/{reference}/revoke',
      operationId: 'revokeConsentRecord',
      summary:
        "Consent was withdrawn on the child's consent record: revoke every referral your organisation made under it",
      roles: referralRoles,
      tag: 'referrals',
      request: { path: ConsentPath, body: RevokeConsentRequest },
      success: ['200', 'Revoked; each receiver is told to purge', ConsentRecordRevoked],
      tables: { directory: 'read', referrals: 'readwrite' },
      responses: { '404': problem('Your organisation made no referral under this consent record') },
    }),
    // The receiver is told; the cancelled referrals' statistics rows follow.
    queues: { referralDelivery: 'send', statsRefresh: 'send' },
  },
  keyRoute({
    method: 'post',
    path: '/v1/referrals/{id}/consent/purged',
    operationId: 'acknowledgeReferralPurge',
    summary: "The receiver confirms it purged the child's data after a revocation",
    roles: referralRoles,
    tag: 'referrals',
    request: { path: ReferralPath },
    success: ['200', 'Recorded for the referrer to see', ReferralView],
    tables: { directory: 'read', referrals: 'readwrite' },
    responses: { '409': problem('Only the receiver acknowledges, after a revocation') },
  }),
];

export const routes: readonly Route[] = [
  {
    method: 'get',
    path: '/health',
    entry: 'functions/http/get-health.ts',
    access: { kind: 'public' },
    tables: {},
    operation: {
      operationId: 'getHealth',
      summary: 'Liveness check',
      security: [],
      responses: { '200': { description: 'Up', content: { 'application/json': { schema: Health } } } },
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    entry: 'functions/http/get-openapi.ts',
    access: { kind: 'public' },
    tables: {},
    operation: {
      operationId: 'getOpenApi',
      summary: 'This API description (OpenAPI 3.1)',
      security: [],
      responses: {
        '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: z.looseObject({}) } } },
      },
    },
  },
  {
    method: 'post',
    path: '/v1/sources/{sourceId}/records',
    entry: 'functions/http/post-records.ts',
    access: { kind: 'source' },
    // Referral mappings make referrals: stored, routed through the directory, read from records and the
    // registry when a referral names a record, and queued for delivery.
    tables: {
      directory: 'read',
      records: 'readwrite',
      idempotency: 'readwrite',
      referrals: 'readwrite',
      services: 'read',
      registry: 'read',
      changes: 'readwrite',
      // Minimised samples of what the source sends, for mapping previews (core/mapping/source-samples.ts).
      samples: 'readwrite',
    },
    queues: { matching: 'send', referralDelivery: 'send' },
    operation: {
      operationId: 'ingestRecords',
      summary: "Push one record or a batch (JSON array, at most 500) in the source's own format",
      description:
        "Authenticate with the source's Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) " +
        'or, for tools that cannot sign, an API key allowed to push into the source. A replayed webhook-id returns the first answer. ' +
        'The body is validated whole before anything is stored. ' +
        "When the source's live mapping targets referrals (target: referral, e.g. the built-in kobotoolbox-referral), " +
        "each payload becomes a referral made by the source's organisation: the whole batch is mapped, validated " +
        'against ReferralInput, routed and checked against consent before any referral is stored, then the referrals ' +
        'are stored in order and queued for delivery; the answer is 202 { referrals: [{ id, sourceRecordId, outcome: ' +
        'created | unchanged }] }. The submission id (sourceRecordId) keys each referral, so pushing a submission ' +
        'again answers the same referral, unchanged, and a retried batch finishes what a failure left. Routing ' +
        "refusals are 409 and consent refusals 422, pointed at the partner's field (prefixed by the index in a " +
        'batch); a consent override is refused from a source (403: it needs an admin).',
      security: [{ standardWebhooks: [] }, ...apiKeySecurity],
      requestParams: { path: SourceIdPath },
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: z.union([CanonicalInput, z.array(CanonicalInput).max(500), z.looseObject({})]).meta({
              description: "Canonical input, or the source tool's own payload (e.g. a KoboToolbox submission)",
            }),
          },
        },
      },
      responses: {
        '202': {
          description: 'Accepted and stored: records, or referrals for a source whose mapping targets referrals',
          content: { 'application/json': { schema: IngestResponse } },
        },
        ...commonErrors,
        '403': problem('A consent override pushed by a source: it needs an admin key (POST /v1/referrals)'),
        '409': problem(
          'The same webhook-id is being processed (retry after Retry-After seconds), or a referral has no eligible service, or several',
        ),
        '413': problem('Body or batch too large'),
        '415': problem('Body is not JSON'),
        '503': problem('Storage unavailable; retry (writes are idempotent)'),
      },
    },
  },
  keyRoute({
    method: 'get',
    path: '/v1/records/{id}',
    operationId: 'getRecord',
    summary: 'One canonical record of your organisation, with its registry person once matched',
    roles: ['reader', 'admin'],
    tag: 'records',
    request: { path: RecordPath },
    success: ['200', 'The record', RecordView],
    tables: { directory: 'read', records: 'read', registry: 'read' },
  }),
  handsOutCursors(
    keyRoute({
      method: 'get',
      path: '/v1/records',
      operationId: 'listRecords',
      summary: "Your organisation's records, oldest change first, for incremental sync",
      roles: ['reader', 'admin'],
      tag: 'records',
      request: { query: ListRecordsQuery },
      success: ['200', 'A page of records', RecordList],
      // Each item carries its registry person, read in one batch.
      tables: { directory: 'read', records: 'read', registry: 'read' },
    }),
  ),
  handsOutCursors(
    keyRoute({
      method: 'get',
      path: '/v1/changes',
      operationId: 'listChanges',
      summary:
        'Every change to what your organisation may see, oldest first, at least once: records stored, persons linked, merged or split, referral status changes and deliveries; resumable',
      roles: ['reader', 'admin'],
      tag: 'changes',
      request: { query: ChangesQuery },
      success: ['200', 'A page of changes and the cursor to resume from', ChangePage],
      // Reading may seal a position a dead writer left empty (core/changes/feed.ts): a write.
      tables: { directory: 'read', changes: 'readwrite' },
    }),
  ),
  keyRoute({
    method: 'get',
    path: '/v1/session',
    operationId: 'getSession',
    summary: 'Who your key is: its organisation and roles (what the admin UI shows once signed in)',
    roles: ['source', 'reader', 'referrals', 'admin'],
    tag: 'administration',
    success: ['200', 'Your key', SessionView],
    tables: { directory: 'read' },
  }),
  documented(
    keyRoute({
      method: 'get',
      path: '/v1/stats',
      operationId: 'getStats',
      summary:
        'Distinct children (registry persons, consented to reporting) by sex, age bracket and more, and how referrals fared: your own exact, or across organisations with small cells suppressed',
      roles: ['reader', 'admin'],
      tag: 'statistics',
      request: { query: StatsQuery },
      success: ['200', 'The table (JSON, or CSV with format=csv, headers in the Accept-Language)', StatsReportView],
      // Reads the statistics projection, never the records; a first national publication is written there.
      tables: { directory: 'read', stats: 'readwrite' },
      responses: { '403': problem('The organisation dimension across organisations is not open to your organisation') },
    }),
    {
      description:
        'view=all counts every organisation: only a whole calendar period of the deployment grid (quarter or month) ' +
        'that has ended, cells of 1 to k-1 suppressed with what would give them away, the first publication of a ' +
        'table answered from then on (computedAt). Invalid parameters are 400 with errors[].pointer naming each.',
      responses: {
        '200': {
          description:
            'The table: JSON, or with format=csv one row per cell, headers and labels in the Accept-Language',
          content: {
            'application/json': { schema: StatsReportView },
            'text/csv': { schema: z.string() },
          },
        },
      },
    },
  ),
  keyRoute({
    method: 'get',
    path: '/v1/stats/options',
    operationId: 'getStatsOptions',
    summary:
      "What GET /v1/stats accepts here: the deployment's period grid and threshold, the dimensions open to you in each view, the age sets",
    roles: ['reader', 'admin'],
    tag: 'statistics',
    success: ['200', 'The options', StatsOptionsView],
    tables: { directory: 'read' },
  }),
  adminRoute(
    'post',
    '/v1/admin/sources',
    'createSource',
    'Register a source (an NGO tool instance) of your organisation; a signing source gets its first secret, shown once',
    { body: CreateSourceRequest },
    ['201', 'Created', CreatedSource],
  ),
  adminRoute(
    'get',
    '/v1/admin/sources',
    'listSources',
    "Your organisation's sources",
    {},
    ['200', 'The sources', SourceList],
    { directory: 'read' },
  ),
  adminRoute(
    'post',
    '/v1/admin/sources/{sourceId}/secrets',
    'addSigningSecret',
    'Start a secret rotation: a new secret, shown once; old and new both verify until the old is removed',
    { path: SourceIdPath },
    ['201', 'Created', SigningSecret],
  ),
  adminRoute(
    'get',
    '/v1/admin/sources/{sourceId}/secrets',
    'listSigningSecrets',
    "The ids and creation dates of a source's secrets (never the secrets)",
    { path: SourceIdPath },
    ['200', 'The secrets', SigningSecretList],
    { directory: 'read' },
  ),
  adminRoute(
    'delete',
    '/v1/admin/sources/{sourceId}/secrets/{secretId}',
    'removeSigningSecret',
    'Finish a rotation: remove an old secret (the last one cannot be removed)',
    { path: SecretPath },
    ['204', 'Removed'],
  ),
  adminRoute(
    'post',
    '/v1/admin/keys',
    'createApiKey',
    'Issue an API key for your organisation; the token is shown once',
    { body: CreateApiKeyRequest },
    ['201', 'Created', CreatedApiKey],
  ),
  adminRoute(
    'get',
    '/v1/admin/keys',
    'listApiKeys',
    "Your organisation's API keys (never the secrets)",
    {},
    ['200', 'The keys', ApiKeyList],
    { directory: 'read' },
  ),
  adminRoute('delete', '/v1/admin/keys/{keyId}', 'revokeApiKey', 'Revoke an API key at once', { path: KeyPath }, [
    '204',
    'Revoked',
  ]),
  documented(
    adminRoute(
      'put',
      '/v1/admin/sources/{sourceId}/mappings',
      'createMappingVersion',
      "Store a new immutable version of the source's mapping (YAML or JSON); errors point at the faulty line",
      {
        path: SourceIdPath,
        body: z.looseObject({}).meta({ description: 'A mapping document (schemas/json/mapping.schema.json)' }),
        yaml: true,
      },
      ['201', 'Created (not yet live)', MappingVersionSummary],
    ),
    {
      description:
        'Idempotent for scripts: a mapping identical to a stored version (same content, whatever the formatting) ' +
        'stores nothing and answers 200 with that version, so a deployment script can upload its mapping and then ' +
        'activate the version number it gets back, on every run.',
      responses: { '200': ok('Identical to this stored version; nothing stored', MappingVersionSummary) },
    },
  ),
  adminRoute(
    'get',
    '/v1/admin/sources/{sourceId}/mappings',
    'listMappingVersions',
    "Every version of the source's mapping with author, date, diff summary, and which one is live",
    { path: SourceIdPath },
    ['200', 'The versions', MappingVersionList],
    { directory: 'read' },
  ),
  adminRoute(
    'get',
    '/v1/admin/sources/{sourceId}/mappings/{version}',
    'getMappingVersion',
    'One version, with its mapping document',
    { path: MappingVersionPath },
    ['200', 'The version', MappingVersionDetail],
    { directory: 'read' },
  ),
  adminRoute(
    'post',
    '/v1/admin/sources/{sourceId}/mappings/{version}/activate',
    'activateMappingVersion',
    'Make a version live (a rollback is activating an older one); stored records keep the version that produced them',
    { path: MappingVersionPath },
    ['200', 'Live', ActiveMappingView],
  ),
  adminRoute(
    'get',
    '/v1/admin/sources/{sourceId}/samples',
    'listSourceSamples',
    "The source's recent submissions, minimised, for previewing a mapping: at most 10 accepted, 10 rejected (with error pointers and codes) and 10 skipped, newest first, kept 14 days",
    { path: SourceIdPath },
    ['200', 'The samples', SourceSampleList],
    { directory: 'read', samples: 'read' },
  ),
  adminRoute(
    'post',
    '/v1/admin/mappings/preview',
    'previewMapping',
    'Run a draft mapping on sample payloads: canonical output, per-field errors and warnings, unmapped source fields. Stores nothing',
    { body: PreviewRequest },
    ['200', 'The preview', PreviewResponse],
    {},
  ),
  handsOutCursors(
    keyRoute({
      method: 'get',
      path: '/v1/persons/{id}',
      operationId: 'getPerson',
      summary:
        'A registry person as your organisation may see it: your linked records, a count of the others, and the history of link decisions',
      roles: ['reader', 'admin'],
      tag: 'registry',
      request: { path: PersonPath, query: PersonQuery },
      success: ['200', 'The person', PersonView],
      tables: { directory: 'read', registry: 'read' },
    }),
  ),
  keyRoute({
    method: 'post',
    path: '/v1/persons/match',
    operationId: 'matchPersons',
    summary:
      "Candidates for a child's profile, with scores and per-field explanations; nothing is stored. Rate-limited and audited",
    roles: ['reader', 'admin'],
    tag: 'registry',
    request: { body: MatchRequest },
    success: ['200', 'Candidates, best first', MatchResponse],
    tables: { directory: 'read', registry: 'read', limits: 'readwrite' },
    responses: { '429': problem('Too many searches; retry after Retry-After seconds') },
  }),
  handsOutCursors(
    adminRoute(
      'get',
      '/v1/admin/reviews',
      'listReviews',
      "Possible duplicates waiting for a person's decision, where your organisation holds one of the records",
      { query: ListReviewsQuery },
      ['200', 'The queue', ReviewList],
      { directory: 'read', registry: 'read' },
    ),
  ),
  {
    ...adminRoute(
      'post',
      '/v1/admin/reviews/{id}',
      'decideReview',
      'Decide a review: same child (merge) or different children (remembered; automatic matching never joins them again)',
      { path: ReviewPath, body: ReviewDecisionRequest },
      ['200', 'Decided', ReviewView],
      { directory: 'read', registry: 'readwrite', changes: 'readwrite' },
    ),
    // A person change goes to the change feed, which queues a push to a subscribed webhook; and the persons
    // involved get their statistics rows computed again.
    queues: { referralDelivery: 'send', statsRefresh: 'send' },
  },
  {
    ...adminRoute(
      'post',
      '/v1/admin/persons/{id}/merge',
      'mergePerson',
      'Merge another person with this one (your organisation must hold a record in each); the smaller id survives and both keep answering; audited',
      { path: PersonPath, body: MergeRequest },
      ['200', 'The merged person', PersonView],
      { directory: 'read', registry: 'readwrite', changes: 'readwrite' },
    ),
    // A person change goes to the change feed, which queues a push to a subscribed webhook; and the persons
    // involved get their statistics rows computed again.
    queues: { referralDelivery: 'send', statsRefresh: 'send' },
  },
  {
    ...adminRoute(
      'post',
      '/v1/admin/persons/{id}/split',
      'splitPerson',
      'Move some of your records out into a new person, remembered as a different child; audited',
      { path: PersonPath, body: SplitRequest },
      ['201', 'The new person', PersonView],
      { directory: 'read', registry: 'readwrite', changes: 'readwrite' },
    ),
    // A person change goes to the change feed, which queues a push to a subscribed webhook; and the persons
    // involved get their statistics rows computed again.
    queues: { referralDelivery: 'send', statsRefresh: 'send' },
  },
  serviceAdminRoute(
    'post',
    '/v1/admin/services',
    'createService',
    "Describe one of your organisation's services in the partners' directory (no child data); Relais draws its id",
    { body: CreateServiceRequest },
    ['201', 'Created, at version 1', Service],
    'readwrite',
  ),
  handsOutCursors(
    serviceAdminRoute(
      'get',
      '/v1/admin/services',
      'listServices',
      "Your organisation's services, whatever their status",
      { query: ListServicesQuery },
      ['200', 'A page of services', ServiceList],
      'read',
    ),
  ),
  serviceAdminRoute(
    'get',
    '/v1/admin/services/{serviceId}',
    'getService',
    'One of your services',
    { path: ServicePath },
    ['200', 'The service', Service],
    'read',
  ),
  serviceAdminRoute(
    'put',
    '/v1/admin/services/{serviceId}',
    'updateService',
    'Replace one of your services whole, naming the version you read',
    { path: ServicePath, body: UpdateServiceRequest },
    ['200', 'Updated, at the next version', Service],
    'readwrite',
    'service-version-conflict: the service changed since you read it; read it again',
  ),
  serviceAdminRoute(
    'post',
    '/v1/admin/services/{serviceId}/deactivate',
    'deactivateService',
    'Take one of your services out of search and routing (status inactive)',
    { path: ServicePath },
    ['200', 'Inactive', Service],
    'readwrite',
    'The service changed while being deactivated; retry',
  ),
  handsOutCursors(
    documented(
      keyRoute({
        method: 'get',
        path: '/v1/services',
        operationId: 'searchServices',
        summary: "Search the partners' directory: services of every organisation by type, area, age and sex",
        roles: ['reader', 'admin'],
        tag: 'directory',
        request: { query: ServiceSearchQuery },
        success: ['200', 'A page of services', ServiceList],
        tables: { directory: 'read', services: 'read' },
      }),
      {
        description:
          'Active services unless status says otherwise. A place given by any of country, province, territory and ' +
          'locality finds the services one of whose areas covers it: the area agrees, case- and accent-insensitively, ' +
          'on every level it sets (a level the query leaves out does not agree: give the country too). age and sex keep the services whose eligibility takes them. A page may hold fewer ' +
          'than limit services: go on while nextCursor is given.',
      },
    ),
  ),
  ...referralRoutes,
];
