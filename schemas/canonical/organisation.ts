import * as z from 'zod';
import { Role, SourceTool } from './codes.ts';
import { CountryCode } from './person.ts';

export const OrganisationId = z
  .string()
  .regex(/^org_[a-z0-9-]{2,60}$/)
  .meta({ id: 'OrganisationId' });
export const SourceId = z
  .string()
  .regex(/^src_[a-z0-9-]{2,60}$/)
  .meta({ id: 'SourceId' });

export const Organisation = z
  .strictObject({
    id: OrganisationId,
    name: z.string().trim().min(1).max(200),
    kind: z.enum(['ngo', 'government', 'un_agency', 'other']),
    country: CountryCode,
  })
  .meta({ id: 'Organisation' });

/**
 * How a source proves who it is. Tools that can sign use Standard Webhooks; KoboToolbox and CommCare
 * cannot, so they send one of the organisation's API keys (bearer, x-api-key, or basic auth).
 */
export const SourceAuth = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('standard-webhooks') }),
  z.strictObject({ method: z.literal('api-key') }),
]);

export const Source = z
  .strictObject({
    id: SourceId,
    organisationId: OrganisationId,
    name: z.string().trim().min(1).max(200),
    tool: SourceTool,
    auth: SourceAuth,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Source' });

export const ApiKeyRecord = z.strictObject({
  keyId: z.string().regex(/^[a-z0-9]{8,40}$/),
  organisationId: OrganisationId,
  roles: z.array(Role).min(1),
  /** A source-role key may push into these sources only. */
  sourceIds: z.array(SourceId).optional(),
  secretHash: z.string().regex(/^[a-f0-9]{64}$/),
  label: z.string().max(200).optional(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().optional(),
});

export type Organisation = z.infer<typeof Organisation>;
export type Source = z.infer<typeof Source>;
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;
