import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { SECRETS } from '../secrets.ts';

export type CursorKeySource = () => Promise<Uint8Array>;

/**
 * Where the cursor key comes from: the local runtime puts it in the environment; on AWS it is a Secrets
 * Manager secret, read once per container (a failed read is retried on the next request). With
 * neither, listing fails loudly rather than sealing cursors with a guessable key.
 */
export function cursorKeyFrom(env: NodeJS.ProcessEnv): CursorKeySource {
  const local = env[SECRETS.cursorKey.localEnv];
  if (local) {
    const key = Buffer.from(local, 'base64url');
    return async () => key;
  }
  const arn = env[SECRETS.cursorKey.env];
  let cached: Promise<Uint8Array> | undefined;
  return () =>
    (cached ??= (async () => {
      if (!arn) throw new Error('no cursor key configured');
      const value = await getSecret(arn);
      if (typeof value !== 'string' || value.length < 32) throw new Error('cursor key secret is not usable');
      return Buffer.from(value, 'utf8');
    })().catch((error: unknown) => {
      cached = undefined;
      throw error;
    }));
}
