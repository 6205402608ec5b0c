import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { routes } from '../functions/routes.ts';
import { buildAdminAssets } from './admin-assets.ts';
import { projectRoot } from './bundling.ts';
import { createRelais } from './relais.ts';

// The admin UI is built at every synth (well under a second), so the site deploys what the repository holds.
const adminAssets = await buildAdminAssets(join(projectRoot, 'dist', 'admin-site'));
createRelais(new App(), routes, { adminAssets });
