import type { Command } from 'commander';
import { registerServe } from './serve.ts';
import { registerDemo } from './demo.ts';
import { registerSchemas } from './schemas.ts';
import { registerOrganisations } from './organisations.ts';
import { registerMappings } from './mappings.ts';
import { registerMatch } from './match.ts';
import { registerImport } from './import.ts';
import { registerDlq } from './dlq.ts';
import { registerRegistry } from './registry.ts';
import { registerPrimero } from './primero.ts';
import { registerFhir } from './fhir.ts';
import { registerStats } from './stats.ts';

/** Each command module adds its subcommand; add a line here for a new one. */
export const commands: Array<(program: Command) => void> = [
  registerServe,
  registerDemo,
  registerSchemas,
  registerOrganisations,
  registerMappings,
  registerMatch,
  registerImport,
  registerDlq,
  registerRegistry,
  registerPrimero,
  registerFhir,
  registerStats,
];
