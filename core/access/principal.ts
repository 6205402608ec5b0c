import type { ApiKeyRecord, Role, Source } from '../../schemas/canonical/index.ts';

/** How the caller proved who it is, for the audit trail; never the secret. */
export type Credential =
  | { kind: 'api-key'; keyId: ApiKeyRecord['keyId'] }
  | { kind: 'signature'; sourceId: Source['id'] }
  /** An answer read from the organisation's own FHIR server (core/fhir/task-answers.ts): no key was shown. */
  | { kind: 'fhir-endpoint'; organisationId: ApiKeyRecord['organisationId'] };

/**
 * Who is calling. The organisation and roles come from the credential (an API key, or a source's
 * signature), never from the path or body of the request.
 */
export interface Principal {
  organisationId: ApiKeyRecord['organisationId'];
  roles: readonly Role[];
  /** For keys restricted to some sources. */
  sourceIds?: Readonly<NonNullable<ApiKeyRecord['sourceIds']>>;
  credential: Credential;
}

/**
 * The caller as the audit trail and the registry name it (`key:<keyId>`, `source:<sourceId>` or `fhir:<organisationId>`): the
 * one spelling, so that a decision, a mapping version and a history entry name the same actor alike.
 */
export const actorOf = ({ credential }: Pick<Principal, 'credential'>): string =>
  credential.kind === 'api-key'
    ? `key:${credential.keyId}`
    : credential.kind === 'signature'
      ? `source:${credential.sourceId}`
      : `fhir:${credential.organisationId}`;
