#!/usr/bin/env node
// The `relais` command runs the TypeScript sources directly through tsx: no build step between
// `npm ci` and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
await main(process.argv);
