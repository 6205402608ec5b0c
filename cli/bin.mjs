#!/usr/bin/env node
// The `relais` command runs the TypeScript sources directly through tsx: no build step between
// `npm ci` and `npm start`.
import { register } from 'tsx/esm/api';

// Relais runs on Node 20 locally by design (Lambdas run on nodejs22.x); the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('./main.ts');
await main(process.argv);
