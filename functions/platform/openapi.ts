import { createDocument } from 'zod-openapi';
import { routes } from '../routes.ts';
import { RELAIS_VERSION } from './version.ts';

/** The OpenAPI 3.1 document, generated from the route table and the zod schemas it references. */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = route.operation;
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Relais API',
      version: RELAIS_VERSION,
      description:
        'Interoperability layer for child-protection case management. Errors are RFC 9457 problem+json, ' +
        'in French or English according to Accept-Language.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'Local runtime (npm start)' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        bearer: { type: 'http', scheme: 'bearer' },
        basic: { type: 'http', scheme: 'basic', description: 'User name: the key id; password: the whole key' },
        standardWebhooks: {
          type: 'apiKey',
          in: 'header',
          name: 'webhook-signature',
          description: 'Standard Webhooks signature, with webhook-id and webhook-timestamp',
        },
      },
    },
    paths: paths as never,
  });
}
