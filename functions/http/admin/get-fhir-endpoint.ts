import { readFhirEndpoint } from '../../../core/fhir/endpoints.ts';
import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('getFhirEndpoint', async ({ container, principal }) =>
  json(200, await readFhirEndpoint(container.fhirEndpointDeps, principal!)),
);
