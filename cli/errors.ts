/**
 * The exit codes of every `relais` command: 0 success; 1 a check or an operation failed (an invalid
 * mapping, a failing sample, rows that do not map, a refusal by the API, Relais not reachable); 2 the
 * command line is wrong (an unknown command or option, a missing argument, a file or mapping that does
 * not exist).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A condition the person can act on: main prints the message alone on stderr and exits with the code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
