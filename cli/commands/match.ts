import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { MemoryRegistryStore } from '../../adapters/memory/registry-store.ts';
import { RECORD_TOOLS, type MappedTool, builtinMapping } from '../../adapters/sources/index.ts';
import { compile } from '../../core/mapping/compile.ts';
import type { Language } from '../../core/i18n/language.ts';
import { parseMapping } from '../../core/mapping/load.ts';
import { DEFAULT_PROFILE, PROFILES, PROFILE_NAMES, profileNamed } from '../../core/matching/profiles.ts';
import { systemClock } from '../../core/ports.ts';
import { normaliseRecord } from '../../core/records/normalise-record.ts';
import { recordIdFor } from '../../core/records/record-id.ts';
import { matchRecord } from '../../core/registry/match-record.ts';
import { resolvePerson } from '../../core/registry/persons.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { type Messages, messagesFor } from '../i18n/messages.ts';
import { readCsv, readInput, writeOutput } from '../input/files.ts';
import { type ProgressStream, progress } from '../progress.ts';

export interface MatchOptions {
  source: string;
  input: string;
  out: string;
  /** A profile name (core/matching/profiles.ts); the deployed default when absent. */
  profile?: string;
}

/** The registry of `relais match` belongs to one run: it starts empty and is gone when the run ends. */
const SOURCE_ID = 'src_cli-match';
const ORGANISATION_ID = 'org_cli-match';

function normaliserOf(source: string, t: Messages) {
  if ((RECORD_TOOLS as readonly string[]).includes(source)) return builtinMapping(source as MappedTool);
  if (!existsSync(source)) throw new CliError(t.unknownMapping(source, RECORD_TOOLS), EXIT.usage);
  const checked = parseMapping(readInput(source, t));
  if (!checked.ok) throw new CliError(t.mappingFileInvalid(source), EXIT.failed);
  return compile(checked.mapping, { version: 'file' });
}

const csvCell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * `relais match --source <tool|mapping.yaml> --input FILE.csv --out LINKS.csv`: maps every row, matches
 * it into a fresh in-process registry and writes `record_id,person_id` per input row (the row's source
 * record id, or `line N` with its CSV line when it has none; an empty person id when the row does not
 * map). Person ids are read back at the end, since a later row can join two persons.
 */
export async function runMatch(
  options: MatchOptions,
  lang: Language = 'en',
  stderr: ProgressStream = process.stderr,
): Promise<{ rows: number; persons: number; rejected: number[] }> {
  const t = messagesFor(lang);
  const normaliser = normaliserOf(options.source, t);
  const rows = readCsv(options.input, t);
  const deps = {
    store: new MemoryRegistryStore(),
    clock: systemClock,
    profile: profileNamed(options.profile ?? DEFAULT_PROFILE.name) ?? DEFAULT_PROFILE,
  };
  const matched: Array<{ sourceRecordId: string; recordId?: string; line: number }> = [];
  const bar = progress('match', t.rows, rows.length, stderr);
  // Every row of the file is received at the start of the run (an age stated `reference: received`).
  const receivedAt = deps.clock.now().toISOString();
  for (const [index, { line, row }] of rows.entries()) {
    const checked = normaliseRecord(normaliser, row, { receivedAt });
    if (checked.ok) {
      const { sourceRecordId, person } = checked.record;
      const recordId = recordIdFor(SOURCE_ID, sourceRecordId);
      await matchRecord(deps, { id: recordId, organisationId: ORGANISATION_ID, person });
      matched.push({ sourceRecordId, recordId, line });
    } else {
      matched.push({ sourceRecordId: `line ${line}`, line });
    }
    bar.update(index + 1);
  }
  bar.end();
  const lines = ['record_id,person_id'];
  const persons = new Set<string>();
  for (const { sourceRecordId, recordId } of matched) {
    const link = recordId ? await deps.store.getLink(recordId) : undefined;
    const person = link ? await resolvePerson(deps.store, link.personId) : undefined;
    if (person) persons.add(person.id);
    lines.push(`${csvCell(sourceRecordId)},${person?.id ?? ''}`);
  }
  writeOutput(options.out, lines.join('\n') + '\n', t);
  return { rows: rows.length, persons: persons.size, rejected: matched.filter((m) => !m.recordId).map((m) => m.line) };
}

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description(
      'Map a CSV file, match every row into a fresh embedded registry, and write record_id,person_id; exit 1 if some rows do not map',
    )
    .requiredOption(
      '--source <tool-or-mapping>',
      `a built-in mapping (${RECORD_TOOLS.join(', ')}) or a mapping YAML file`,
    )
    .requiredOption('--input <file>', 'the CSV file to match')
    .requiredOption('--out <file>', 'where to write record_id,person_id')
    .addOption(
      new Option('--profile <name>', 'how links are decided (see the profiles below)')
        .choices(PROFILE_NAMES)
        .default(DEFAULT_PROFILE.name),
    )
    .addHelpText('after', (context) => profilesHelp(languageOf(context.command)))
    .action(async (options: MatchOptions, command: Command) => {
      const lang = languageOf(command);
      const t = messagesFor(lang);
      const summary = await runMatch(options, lang);
      process.stdout.write(t.matchSummary(summary.rows, summary.persons, summary.rejected.length) + '\n');
      if (summary.rejected.length > 0)
        throw new CliError(t.rejectedLines(options.input, summary.rejected), EXIT.failed);
    });
}

/** The profiles `--profile` takes, each with what it is for, in the help's language. */
function profilesHelp(lang: Language): string {
  const t = messagesFor(lang);
  const lines = Object.values(PROFILES).map(
    (p) => `  ${p.name.padEnd(10)} ${p.description[lang]}${p === DEFAULT_PROFILE ? ` (${t.defaultProfile})` : ''}`,
  );
  return `\n${t.profilesTitle}:\n${lines.join('\n')}\n`;
}
