import { pathToFileURL } from 'node:url';
import type { Resource } from '@medplum/fhirtypes';
import { fhirIssues, loadR4Definitions } from '../../adapters/fhir/validate.ts';
import {
  bundleForPerson,
  bundleForReferral,
  fhirSystems,
  healthcareServiceOf,
  organizationOf,
} from '../../core/fhir/index.ts';
import {
  fixtureOrganisations,
  fixturePersons,
  fixtureReferralViews,
  fixtureServices,
} from '../../test/fixtures/fhir/exports.ts';

/**
 * FHIR mapping throughput over the fixtures (every built-in source's records as persons, both sides of
 * referrals in every status, services, organisations): resources mapped per second, and mapped then
 * validated against R4 (the validator Relais runs before printing or pushing a Bundle). One run.
 */

export interface FhirMapFigures {
  /** Loading the R4 definitions once per process. */
  definitionsMs: number;
  /** Resources in one pass over the fixtures. */
  resourcesPerPass: number;
  passes: number;
  mappedPerSecond: number;
  mappedAndValidatedPerSecond: number;
}

const systems = fhirSystems();

function mapFixtures(input: ReturnType<typeof fixturesOnce>): Resource[] {
  return [
    ...input.persons.map((p) => bundleForPerson(p)),
    ...input.referrals.map((r) => bundleForReferral(r)),
    ...input.services.map((s) => healthcareServiceOf(s, systems)),
    ...fixtureOrganisations.map((o) => organizationOf(o, systems)),
  ];
}

const fixturesOnce = () => ({
  persons: fixturePersons(),
  referrals: fixtureReferralViews(),
  services: fixtureServices(),
});

const countOf = (resources: readonly Resource[]) =>
  resources.reduce((n, r) => n + (r.resourceType === 'Bundle' ? (r.entry?.length ?? 0) : 1), 0);

function timed(seconds: number, pass: () => number): { passes: number; resources: number; ms: number } {
  const start = performance.now();
  let passes = 0;
  let resources = 0;
  while (performance.now() - start < seconds * 1000) {
    resources += pass();
    passes += 1;
  }
  return { passes, resources, ms: performance.now() - start };
}

export function benchFhirMap(options: { seconds?: number } = {}): FhirMapFigures {
  const seconds = options.seconds ?? 5;
  const input = fixturesOnce();
  const loadStart = performance.now();
  loadR4Definitions();
  const definitionsMs = performance.now() - loadStart;
  const resourcesPerPass = countOf(mapFixtures(input));
  const mapped = timed(seconds / 2, () => countOf(mapFixtures(input)));
  const validated = timed(seconds / 2, () => {
    const resources = mapFixtures(input);
    for (const r of resources) {
      const issues = fhirIssues(r);
      if (issues.length > 0) throw new Error(`${r.resourceType} does not validate: ${JSON.stringify(issues[0])}`);
    }
    return countOf(resources);
  });
  return {
    definitionsMs,
    resourcesPerPass,
    passes: mapped.passes + validated.passes,
    mappedPerSecond: mapped.resources / (mapped.ms / 1000),
    mappedAndValidatedPerSecond: validated.resources / (validated.ms / 1000),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const f = benchFhirMap({ seconds: Number(process.env.BENCH_SECONDS ?? 5) });
  process.stdout.write(
    [
      `FHIR mapping over the fixtures (${f.resourcesPerPass} resources a pass, ${f.passes} passes)`,
      `  R4 definitions loaded in ${f.definitionsMs.toFixed(0)} ms`,
      `  mapped:              ${f.mappedPerSecond.toFixed(0)} resources/s`,
      `  mapped + validated:  ${f.mappedAndValidatedPerSecond.toFixed(0)} resources/s`,
    ].join('\n') + '\n',
  );
}
