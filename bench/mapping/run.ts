import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { builtinMapping } from '../../adapters/sources/index.ts';
import { normaliseKobo } from './kobo-handwritten.ts';
import { canonicalJson } from '../../core/records/content-hash.ts';
import { generateKoboSubmissions } from './generate.ts';
import { mapWithOpenFn } from './openfn.ts';

/**
 * Maps the same 100,000 Kobo-shaped submissions four ways and prints records/s and ratios to (a):
 *   (a) the compiled Relais mapping (adapters/sources/kobotoolbox/mapping.yaml)
 *   (b) the hand-written TypeScript normaliser (bench/mapping/kobo-handwritten.ts)
 *   (c) JSONata expressing the same mapping (bench/mapping/kobo.jsonata), one evaluation per record
 *   (d) @openfn/runtime running a language-common job (each + fn) doing the same work
 * Each is warmed up on the first records, then timed over all of them. Outputs of (a) are compared
 * with (b), (c) and (d) so that every contender provably does the same work.
 */
const COUNT = Number(process.env.BENCH_MAPPING_RECORDS ?? 100_000);
const WARM_UP = 2_000;

const submissions = generateKoboSubmissions(COUNT);
const compiled = builtinMapping('kobotoolbox');
const expression = jsonata(readFileSync(new URL('./kobo.jsonata', import.meta.url), 'utf8'));

const fingerprint = (result: { ok: boolean; record?: unknown; issues?: Array<{ code: string }> }) =>
  result.ok ? canonicalJson(result.record) : `rejected:${result.issues?.[0]?.code}`;
const jsonataFingerprint = (out: unknown) =>
  (out as { skipped?: boolean }).skipped ? 'rejected:mapping.skipped' : canonicalJson(JSON.parse(JSON.stringify(out)));

async function time(
  label: string,
  work: () => Promise<unknown[]> | unknown[],
): Promise<{ label: string; perSecond: number; outputs: unknown[] }> {
  const started = performance.now();
  const outputs = await work();
  const seconds = (performance.now() - started) / 1000;
  return { label, perSecond: COUNT / seconds, outputs };
}

const warm = submissions.slice(0, WARM_UP);
for (const s of warm) {
  compiled.normalise(s);
  normaliseKobo(s);
  await expression.evaluate(s);
}
await mapWithOpenFn(warm);

// (a) and (b) take turns over three rounds and keep their best, so that a burst of load on a shared
// machine does not decide their ratio; (c) and (d) are an order of magnitude apart and run once.
const ROUNDS = 3;
const alternating: Array<Awaited<ReturnType<typeof time>>> = [];
for (let round = 0; round < ROUNDS; round++) {
  alternating.push(await time('(a) compiled Relais mapping', () => submissions.map((s) => compiled.normalise(s))));
  alternating.push(await time('(b) hand-written TypeScript', () => submissions.map((s) => normaliseKobo(s))));
}
const bestOf = (label: string) =>
  alternating.filter((r) => r.label === label).reduce((x, y) => (y.perSecond > x.perSecond ? y : x));

const results = [
  bestOf('(a) compiled Relais mapping'),
  bestOf('(b) hand-written TypeScript'),
  await time('(c) JSONata', async () => {
    const out: unknown[] = [];
    for (const s of submissions) out.push(await expression.evaluate(s));
    return out;
  }),
  await time('(d) OpenFn runtime + language-common', () => mapWithOpenFn(submissions)),
];

const reference = (results[0]!.outputs as Parameters<typeof fingerprint>[0][]).map(fingerprint);
const agreement = [
  (results[1]!.outputs as Parameters<typeof fingerprint>[0][]).map(fingerprint),
  results[2]!.outputs.map(jsonataFingerprint),
  (results[3]!.outputs as Parameters<typeof fingerprint>[0][]).map(fingerprint),
].map((prints) => prints.filter((p, i) => p !== reference[i]).length);

const a = results[0]!.perSecond;
const rejected = reference.filter((r) => r.startsWith('rejected')).length;
process.stdout.write(
  `bench:mapping: ${COUNT} Kobo-shaped submissions (seeded), ${rejected} skipped or rejected by the mapping, node ${process.version}\n\n`,
);
for (const [i, r] of results.entries()) {
  const mismatch = i === 0 ? '' : `  outputs differing from (a): ${agreement[i - 1]}`;
  process.stdout.write(
    `${r.label.padEnd(40)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)} records/s   (a)/this = ${(a / r.perSecond).toFixed(2)}${mismatch}\n`,
  );
}
const b = results[1]!.perSecond;
const c = results[2]!.perSecond;
process.stdout.write(
  `\ntargets: (a) >= 0.5 x (b): ${(a / b).toFixed(2)} x ${a >= 0.5 * b ? 'met' : 'NOT met'};  (a) >= 10 x (c): ${(a / c).toFixed(1)} x ${a >= 10 * c ? 'met' : 'NOT met'}\n`,
);
