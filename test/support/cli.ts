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
 * A new Node process costs seconds on two busy cores: tests use `relais` (the same `main`, in this
 * process) and keep this for what only a real process shows.
 */
export function relaisProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
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

let running = false;

/**
 * Runs the CLI's `main` in this process, as bin.mjs does, with the same environment rules as relaisProcess:
 * stdout and stderr are captured (the worker's are pipes, not terminals, as in a spawned run), process.env
 * is the given locale over the test's environment, and the exit code is what `main` left in
 * process.exitCode. One run at a time: they share the process's streams and environment.
 */
export async function relais(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  if (running) throw new Error('relais(): one in-process run at a time');
  running = true;
  const { main } = await import('../../cli/main.ts');
  const saved = { env: process.env, out: process.stdout.write, err: process.stderr.write, code: process.exitCode };
  const { LANGUAGE: _a, LC_ALL: _b, LC_MESSAGES: _c, LANG: _d, RELAIS_URL: _e, PORT: _f, ...rest } = process.env;
  let stdout = '';
  let stderr = '';
  const capture = (append: (text: string) => void) =>
    ((chunk: string | Uint8Array, ...more: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      const done = more.find((m) => typeof m === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  try {
    process.env = { ...rest, LANG: 'C', ...env };
    process.exitCode = undefined;
    process.stdout.write = capture((t) => (stdout += t));
    process.stderr.write = capture((t) => (stderr += t));
    await main(['node', 'relais', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.env = saved.env;
    process.exitCode = saved.code;
    running = false;
  }
}
