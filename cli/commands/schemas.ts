import type { Command } from 'commander';
import { writeSchemaArtifacts } from '../schemas/artifacts.ts';

export function registerSchemas(program: Command): void {
  program
    .command('schemas')
    .description('Generated partner artefacts')
    .command('write')
    .description('Write JSON Schema files to schemas/json/ and the OpenAPI document to schemas/openapi.json')
    .action(() => {
      for (const file of writeSchemaArtifacts()) process.stdout.write(`wrote ${file}\n`);
    });
}
