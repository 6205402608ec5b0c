import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { buildOpenApiDocument } from '../../functions/platform/openapi.ts';
import { Problem } from '../../schemas/api/problem.ts';
import {
  CanonicalInput,
  CanonicalRecord,
  Case,
  Organisation,
  Person,
  Service,
  Source,
} from '../../schemas/canonical/index.ts';
import { Referral, ReferralEvent, ReferralInput } from '../../schemas/canonical/referral.ts';
import { mappingJsonSchema } from '../../schemas/mapping/json-schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The JSON Schemas partners receive, one file per document type, draft 2020-12. */
export const PARTNER_SCHEMAS: Record<string, z.ZodType> = {
  'canonical-record.v1': CanonicalRecord,
  'canonical-input.v1': CanonicalInput,
  'person.v1': Person,
  'case.v1': Case,
  'organisation.v1': Organisation,
  'source.v1': Source,
  'service.v1': Service,
  'referral.v1': Referral,
  'referral-input.v1': ReferralInput,
  'referral-event.v1': ReferralEvent,
  problem: Problem,
};

/** Every generated file, path → content; the staleness test compares these with what is committed. */
export function schemaArtifacts(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, schema] of Object.entries(PARTNER_SCHEMAS)) {
    const jsonSchema = {
      $id: `urn:relais:schema:${name}`,
      ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }),
    };
    files[join('schemas', 'json', `${name}.schema.json`)] = JSON.stringify(jsonSchema, null, 2) + '\n';
  }
  // The mapping language, for administrators' editors (the same document ajv validates mappings against).
  files[join('schemas', 'json', 'mapping.schema.json')] =
    JSON.stringify({ $id: 'urn:relais:schema:mapping', ...mappingJsonSchema }, null, 2) + '\n';
  files[join('schemas', 'openapi.json')] = JSON.stringify(buildOpenApiDocument(), null, 2) + '\n';
  return files;
}

export function writeSchemaArtifacts(): string[] {
  const dir = join(ROOT, 'schemas', 'json');
  mkdirSync(dir, { recursive: true });
  const files = schemaArtifacts();
  for (const old of readdirSync(dir)) if (!(join('schemas', 'json', old) in files)) rmSync(join(dir, old));
  for (const [path, content] of Object.entries(files)) writeFileSync(join(ROOT, path), content);
  return Object.keys(files);
}
