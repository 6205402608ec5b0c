import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaArtifacts } from '../../cli/schemas/artifacts.ts';
import { buildOpenApiDocument } from '../../functions/platform/openapi.ts';
import { routes } from '../../functions/routes.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('generated schemas and OpenAPI document', () => {
  it('are up to date with the zod schemas (run `npm run schemas` after changing them)', () => {
    for (const [path, content] of Object.entries(schemaArtifacts())) {
      expect(readFileSync(join(ROOT, path), 'utf8'), `${path} is stale`).toBe(content);
    }
  });

  it('describe every route of the route table, each with a handler entry', () => {
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, { operationId: string }>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => `${method} ${path} ${op.operationId}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.operation.operationId}`).sort());
  });

  it('declare every error answer as problem+json', () => {
    const doc = buildOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops))
        for (const [status, response] of Object.entries(op.responses))
          if (Number(status) >= 400) expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
  });
});
