import type { Command } from 'commander';
import { languageOf } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { writeSchemaArtifacts } from '../schemas/artifacts.ts';

export function registerSchemas(program: Command): void {
  program
    .command('schemas')
    .description('Generated partner artefacts')
    .command('write')
    .description('Write JSON Schema files to schemas/json/ and the OpenAPI document to schemas/openapi.json')
    .action((_options: object, command: Command) => {
      const t = messagesFor(languageOf(command));
      for (const file of writeSchemaArtifacts()) process.stdout.write(t.wrote(file) + '\n');
    });
}
