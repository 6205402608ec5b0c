import run from '@openfn/runtime';
import common from '@openfn/language-common';
import { normaliseKobo } from './kobo-handwritten.ts';

// The package's type declarations re-export without file extensions, which NodeNext cannot follow;
// its default export carries the same operations.
const { each, fn } = common;

/** The runtime logs through whatever it is given; the benchmark gives it a logger that drops everything. */
const silent = new Proxy({}, { get: () => () => undefined }) as never;

interface JobState {
  submissions: unknown[];
  mapped: unknown[];
  data?: unknown;
}

/**
 * Maps the submissions as an OpenFn job: @openfn/runtime executes the operations, language-common's
 * `each` walks the submissions (a JSONPath data source, as jobs write it) and `fn` maps each one with
 * the same hand-written code as baseline (b). Operations are passed already built, as the OpenFn
 * compiler would produce them, so no vm modules flag is needed.
 */
export async function mapWithOpenFn(submissions: readonly unknown[]): Promise<unknown[]> {
  const job = [
    fn((state: JobState) => ({ ...state, mapped: [] })),
    each(
      '$.submissions[*]',
      fn((state: JobState) => {
        state.mapped.push(normaliseKobo(state.data));
        return state;
      }),
    ),
    fn((state: JobState) => ({ mapped: state.mapped })),
  ];
  const plan = { workflow: { steps: [{ id: 'map-kobo', expression: job as unknown as string }] }, options: {} };
  const result = (await run(plan, { submissions }, { logger: silent, jobLogger: silent, stateLimitMb: 4096 })) as {
    mapped: unknown[];
  };
  return result.mapped;
}
