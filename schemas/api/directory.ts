import * as z from 'zod';
import { Role, SourceTool } from '../canonical/codes.ts';
import { ApiKeyRecord, Organisation, Source, SourceAuth, SourceId } from '../canonical/organisation.ts';

export const CreateSourceRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200).meta({ description: 'For people; Relais generates the id (src_…)' }),
    tool: SourceTool,
    auth: SourceAuth,
  })
  .meta({ id: 'CreateSourceRequest' });

export const SigningSecret = z
  .strictObject({
    id: z.string(),
    secret: z
      .string()
      .startsWith('whsec_')
      .meta({ description: 'Shown once: give it to the partner, Relais cannot show it again' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SigningSecret' });

export const SigningSecretList = z
  .strictObject({ items: z.array(z.strictObject({ id: z.string(), createdAt: z.iso.datetime() })) })
  .meta({ id: 'SigningSecretList' });

export const CreatedSource = z
  .strictObject({ source: Source, signingSecret: SigningSecret.optional() })
  .meta({ id: 'CreatedSource' });

export const SourceList = z.strictObject({ items: z.array(Source) }).meta({ id: 'SourceList' });

export const CreateApiKeyRequest = z
  .strictObject({
    roles: z.array(Role).min(1).max(3),
    sourceIds: z.array(SourceId).min(1).max(50).optional().meta({
      description:
        'Required with the source role: the api-key sources of your organisation this key may push into (a signing source is refused)',
    }),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .meta({ id: 'CreateApiKeyRequest' });

const ApiKeyView = ApiKeyRecord.omit({ secretHash: true }).meta({ id: 'ApiKey' });

export const CreatedApiKey = z
  .strictObject({ key: ApiKeyView, token: z.string().meta({ description: 'Shown once: rlk_<keyId>_<secret>' }) })
  .meta({ id: 'CreatedApiKey' });

export const ApiKeyList = z.strictObject({ items: z.array(ApiKeyView) }).meta({ id: 'ApiKeyList' });

export const KeyPath = z.strictObject({ keyId: z.string().regex(/^[a-z0-9]{8,40}$/) });
export const SecretPath = z.strictObject({ sourceId: SourceId, secretId: z.string().regex(/^[a-z0-9-]{1,40}$/) });

/** Who a key is: what a client (the admin UI) shows and offers once signed in. */
export const SessionView = z
  .strictObject({
    organisation: Organisation,
    roles: z.array(Role),
    keyId: z.string(),
    sourceIds: z
      .array(SourceId)
      .optional()
      .meta({ description: 'Present when the key may push into these sources only' }),
  })
  .meta({ id: 'Session' });
