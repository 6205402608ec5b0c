import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local runtime's cursor key (what Secrets Manager holds on AWS): created once and kept under the
 * data directory, so cursors handed out survive a restart; in memory for a runtime without one.
 */
export async function localCursorKey(dataDir: string | undefined): Promise<string> {
  const fresh = randomBytes(32).toString('base64url');
  if (!dataDir) return fresh;
  const file = join(dataDir, 'cursor-key');
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, fresh, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(file, 'utf8')).trim();
  }
}
