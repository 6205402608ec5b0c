import type { FhirBundleSource } from '../../core/fhir/push.ts';

/**
 * Where the FHIR push consumer gets its Bundles: the Relais → FHIR mapping (a referral's ServiceRequest and
 * Task, its Patient, as the receiving organisation may see them) is written apart from the sync, and is
 * plugged in here. Until it is, no producer queues a push; a message queued by hand fails on the delivery
 * schedule and ends in the DLQ, where it waits to be redriven: nothing is pushed half-built.
 */
export class FhirBundleBuilderMissing extends Error {
  override name = 'FhirBundleBuilderMissing';
}

export const fhirBundleSource: FhirBundleSource = {
  async bundleFor() {
    throw new FhirBundleBuilderMissing(
      'no FHIR Bundle builder is plugged into functions/platform/fhir-bundle-source.ts',
    );
  },
};
