import { pullTaskAnswers } from '../../../core/fhir/task-answers.ts';
import { fhirPushDeps } from '../../platform/fhir-container.ts';
import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('pullFhirTaskAnswers', async ({ container, principal }) => {
  const { results, moved } = await pullTaskAnswers(
    {
      ...container.referralDeps,
      endpoints: container.fhirEndpointDeps.endpoints,
      connect: fhirPushDeps().connect,
    },
    principal!.organisationId,
  );
  return json(200, { results, moved });
});
