import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Demo } from '../../cli/serve/demo.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** `relais serve` as a child process, as a person runs it: its own process, on a data dir of its own. */
export interface ServeProcess {
  url: string;
  demo: Demo;
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended the process. */
  exited: Promise<number | NodeJS.Signals>;
  /** What the process wrote to stdout and stderr so far (to explain a failure). */
  output(): string;
}

export async function startServe(
  dataDir: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'cli', 'bin.mjs'), '--lang', 'en', 'serve', '--port', '0', '--data-dir', dataDir, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, RELAIS_LOG_LEVEL: 'SILENT', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const found = /Relais is running at (http:\/\/\S+)/.exec(output);
      if (found) {
        child.stdout!.off('data', onData);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((how) => reject(new Error(`relais serve ended (${how}) before it was ready:\n${output}`)));
  });
  const demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as Demo;
  return { url, demo, child, exited, output: () => output };
}

/** The headers of a Standard Webhooks signed push of `body` from `sourceId` of the demo. */
export function signedHeaders(demo: Demo, sourceId: string, body: string, id: string): Record<string, string> {
  const timestamp = new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(demo.signingSecrets[sourceId]!).sign(id, timestamp, body),
  };
}

export function demoKey(demo: Demo, label: string): string {
  return demo.keys.find((k) => k.label === label)!.token;
}
