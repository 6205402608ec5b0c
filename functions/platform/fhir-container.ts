import { DynamoChannelStore } from '../../adapters/dynamodb/channel-store.ts';
import { fhirConnector } from '../../adapters/fhir/connect.ts';
import { systemResolver } from '../../adapters/outbound/resolve.ts';
import { tableNamesFromEnv } from '../../adapters/dynamodb/tables.ts';
import type { FhirPushDeps } from '../../core/fhir/push.ts';
import { systemClock } from '../../core/ports.ts';
import { container } from './container.ts';
import { referralBundleSource } from './fhir-bundle-source.ts';

/**
 * What the functions that talk to FHIR servers need beyond the container: the fhir-kit-client adapter and
 * undici weigh about 300 KB in a bundle, so only the functions that import this module carry them (every
 * other handler stays under the 1 MB bundle budget, bench:bundle).
 */
let current: FhirPushDeps | undefined;

export function fhirPushDeps(env: NodeJS.ProcessEnv = process.env): FhirPushDeps {
  if (current) return current;
  const c = container();
  current = {
    endpoints: c.fhirEndpointDeps.endpoints,
    bundles: referralBundleSource({ referrals: c.referralDeps.referrals, clock: systemClock, logger: c.logger }),
    connect: fhirConnector({ resolver: systemResolver, allowHttpLoopback: c.allowHttpLoopback, clock: systemClock }),
    attempts: new DynamoChannelStore(c.dynamo.doc, tableNamesFromEnv(env).deliveries),
    clock: systemClock,
    random: Math.random,
  };
  return current;
}
