/** Where progress goes: stderr, so that results on stdout (and --json) stay clean. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` so far. */
  update(done: number): void;
  /** Ends the bar's line, on a terminal. */
  end(): void;
}

const BAR_WIDTH = 30;
const PLAIN_SECONDS = 10;

/**
 * A bar redrawn in place on a terminal; elsewhere (a pipe, a CI log) plain lines such as
 * `import: 300/1000 rows`, one per tenth of the work and at least every 10 seconds, since a redrawn bar
 * without a terminal runs together on one line.
 */
export function progress(
  label: string,
  unit: string,
  total: number,
  stream: ProgressStream = process.stderr,
  now: () => number = Date.now,
): Progress {
  const step = Math.max(1, Math.ceil(total / 10));
  let nextLine = step;
  let lastTime = now();
  let drawn = false;
  return {
    update(done) {
      if (stream.isTTY) {
        const filled = Math.round((done / Math.max(1, total)) * BAR_WIDTH);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
        drawn = true;
        return;
      }
      if (done < nextLine && done < total && now() - lastTime < PLAIN_SECONDS * 1000) return;
      stream.write(`${label}: ${done}/${total} ${unit}\n`);
      while (nextLine <= done) nextLine += step;
      lastTime = now();
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
