import { benchFhirMap } from './map.ts';
import { benchFhirPush } from './push.ts';

/**
 * `npm run bench:fhir`: resources mapped and validated per second over the fixtures, then Bundle push
 * throughput to the in-process FHIR server against that server's raw write rate for the same resources.
 * One run; every figure and ratio comes from it.
 */
const map = benchFhirMap({ seconds: Number(process.env.BENCH_SECONDS ?? 5) });
console.log(`## FHIR mapping over the fixtures (${map.resourcesPerPass} resources a pass, ${map.passes} passes)\n`);
console.log(`R4 definitions loaded in ${map.definitionsMs.toFixed(0)} ms`);
console.log(`mapped:             ${map.mappedPerSecond.toFixed(0)} resources/s`);
console.log(`mapped + validated: ${map.mappedAndValidatedPerSecond.toFixed(0)} resources/s`);
console.log(
  `validation costs:   ${(map.mappedPerSecond / map.mappedAndValidatedPerSecond).toFixed(1)}× the mapping alone\n`,
);

const push = await benchFhirPush(Number(process.env.BUNDLES ?? 60));
const rate = (r: { wall: number; cpu: number }) =>
  `${r.wall.toFixed(0)} resources/s (${r.cpu.toFixed(0)} per CPU second)`;
console.log(
  `## Push to the in-process FHIR server (${push.bundles} referral Bundles of ${push.resourcesPerBundle} resources, one consumer)\n`,
);
console.log(`push through the Relais client: ${rate(push.push)}`);
console.log(`replay (creates nothing):       ${rate(push.replay)}`);
console.log(`bare transactions with fetch:   ${rate(push.bare)}`);
console.log(`raw writes into the repository: ${rate(push.raw)}`);
console.log(`ratio push / raw writes:        ${push.ratio.toFixed(4)}`);
console.log(`ratio push / bare transactions: ${push.clientRatio.toFixed(2)} (what the Relais client costs)`);
console.log(
  `on the server after push and replay: ${Object.entries(push.stored)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')}`,
);
