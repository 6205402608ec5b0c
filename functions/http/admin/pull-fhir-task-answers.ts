import { FhirPullFailed } from '../../../adapters/fhir/client.ts';
import { RelaisError } from '../../../core/errors/relais-error.ts';
import { pullTaskAnswers } from '../../../core/fhir/task-answers.ts';
import { fhirPushDeps } from '../../platform/fhir-container.ts';
import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('pullFhirTaskAnswers', async ({ container, principal }) => {
  try {
    const { results, moved } = await pullTaskAnswers(
      {
        ...container.referralDeps,
        endpoints: container.fhirEndpointDeps.endpoints,
        connect: fhirPushDeps().connect,
      },
      principal!.organisationId,
    );
    return json(200, { results, moved });
  } catch (error) {
    // The partner's server failing is not Relais failing: a 503 the administrator can retry, cursor unmoved.
    if (error instanceof FhirPullFailed) throw new RelaisError('unavailable', 'fhir-server-unavailable', [], 30);
    throw error;
  }
});
