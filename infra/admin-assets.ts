import { rmSync } from 'node:fs';
import { ADMIN_PREFIX, writeAdminAssets } from '../ui/build.ts';
import type { AdminAssets } from './constructs/admin-site.ts';

/**
 * Builds the admin UI into `dir` (emptied first, so no file of an earlier build is deployed again) and says
 * which files must be revalidated: those the build does not mark immutable, index.html among them.
 */
export async function buildAdminAssets(dir: string): Promise<AdminAssets> {
  rmSync(dir, { recursive: true, force: true });
  const built = await writeAdminAssets(dir);
  return {
    dir,
    revalidated: built.assets
      .filter((asset) => !asset.immutable)
      .map((asset) => asset.path.slice(ADMIN_PREFIX.length + 1)),
  };
}
