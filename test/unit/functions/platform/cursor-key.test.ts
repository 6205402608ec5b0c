import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cursorKeyFrom } from '../../../../functions/platform/cursor-key.ts';

const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

const ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:cursor-key-AbCdEf';

describe('the cursor key', () => {
  it('is read from Secrets Manager once per container', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(64) });
    const key = cursorKeyFrom({ RELAIS_CURSOR_KEY_SECRET_ARN: ARN, AWS_REGION: 'eu-west-1' });
    expect(Buffer.from(await key()).toString()).toBe('k'.repeat(64));
    await key();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secrets.commandCalls(GetSecretValueCommand)[0]!.args[0].input.SecretId).toBe(ARN);
  });

  it('is read again after a failed read', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ SecretString: 'k'.repeat(64) });
    // Another secret: Powertools keeps its own short cache of the first one.
    const key = cursorKeyFrom({ RELAIS_CURSOR_KEY_SECRET_ARN: `${ARN}-2`, AWS_REGION: 'eu-west-1' });
    await expect(key()).rejects.toThrow();
    expect(Buffer.from(await key()).toString()).toBe('k'.repeat(64));
  });

  it('comes from the environment in the local runtime, and is required', async () => {
    const local = Buffer.alloc(32, 7);
    expect(Buffer.from(await cursorKeyFrom({ RELAIS_CURSOR_KEY: local.toString('base64url') })())).toEqual(local);
    await expect(cursorKeyFrom({})()).rejects.toThrow('no cursor key configured');
  });
});
