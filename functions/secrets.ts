/**
 * The secrets functions read at run time, described once: the CDK stateful stack creates one Secrets
 * Manager secret per entry, routes declare which ones they read (and are granted exactly those), and
 * the ARN reaches functions through `env`. The local runtime provides each value in `localEnv` instead.
 */
export const SECRETS = {
  /** HMAC-SHA-256 key that seals list cursors (core/pagination/sealed-cursor.ts). */
  cursorKey: {
    key: 'cursorKey',
    env: 'RELAIS_CURSOR_KEY_SECRET_ARN',
    localEnv: 'RELAIS_CURSOR_KEY',
    description: 'HMAC key sealing list cursors',
  },
} as const;

export type SecretKey = keyof typeof SECRETS;
