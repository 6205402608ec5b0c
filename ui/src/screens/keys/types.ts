import type * as z from 'zod';
import type {
  ApiKeyList as ApiKeyListSchema,
  CreatedApiKey as CreatedApiKeySchema,
  CreatedSource as CreatedSourceSchema,
  SigningSecret as SigningSecretSchema,
  SigningSecretList as SigningSecretListSchema,
  SourceList as SourceListSchema,
} from '../../../../schemas/api/directory.ts';

export type ApiKeyList = z.output<typeof ApiKeyListSchema>;
export type ApiKey = ApiKeyList['items'][number];
export type Role = ApiKey['roles'][number];
export type CreatedApiKey = z.output<typeof CreatedApiKeySchema>;
export type SourceList = z.output<typeof SourceListSchema>;
export type Source = SourceList['items'][number];
export type SourceTool = Source['tool'];
export type AuthMethod = Source['auth']['method'];
export type CreatedSource = z.output<typeof CreatedSourceSchema>;
export type SigningSecret = z.output<typeof SigningSecretSchema>;
export type SigningSecretList = z.output<typeof SigningSecretListSchema>;
