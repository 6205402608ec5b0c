import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node cli/bin.mjs …` from the repository root as a person would, with stdout and stderr as pipes
 * (not a terminal) and the locale given here alone: LANG (default C), no LANGUAGE, LC_ALL or LC_MESSAGES.
 */
export function relais(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const { LANGUAGE: _a, LC_ALL: _b, LC_MESSAGES: _c, LANG: _d, RELAIS_URL: _e, PORT: _f, ...rest } = process.env;
  return new Promise((resolve) => {
    execFile(
      'node',
      ['cli/bin.mjs', ...args],
      { cwd: ROOT, env: { ...rest, LANG: 'C', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
