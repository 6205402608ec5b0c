import { configureFhirEndpoint } from '../../../core/fhir/endpoints.ts';
import { FhirEndpointRequest } from '../../../schemas/api/fhir-endpoint.ts';
import { json, parseJsonBodyAs } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('configureFhirEndpoint', async ({ event, container, principal }) =>
  json(
    200,
    await configureFhirEndpoint(container.fhirEndpointDeps, principal!, parseJsonBodyAs(event, FhirEndpointRequest)),
  ),
);
