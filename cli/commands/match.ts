import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MemoryRegistryStore } from '../../adapters/memory/registry-store.ts';
import { csvRows } from '../../adapters/sources/csv/rows.ts';
import { MAPPED_TOOLS, type MappedTool, builtinMapping } from '../../adapters/sources/index.ts';
import { compile } from '../../core/mapping/compile.ts';
import { parseMapping } from '../../core/mapping/load.ts';
import { systemClock } from '../../core/ports.ts';
import { normaliseRecord } from '../../core/records/normalise-record.ts';
import { recordIdFor } from '../../core/records/record-id.ts';
import { matchRecord } from '../../core/registry/match-record.ts';
import { resolvePerson } from '../../core/registry/persons.ts';

interface Options {
  source: string;
  input: string;
  out: string;
}

/** The registry of `relais match` belongs to one run: it starts empty and is gone when the run ends. */
const SOURCE_ID = 'src_cli-match';
const ORGANISATION_ID = 'org_cli-match';
const PROGRESS_EVERY = 100;

function normaliserOf(source: string) {
  if ((MAPPED_TOOLS as readonly string[]).includes(source)) return builtinMapping(source as MappedTool);
  const checked = parseMapping(readFileSync(source, 'utf8'));
  if (!checked.ok) throw new Error(`${source} is not a valid mapping (run: relais mappings validate ${source})`);
  return compile(checked.mapping, { version: 'file' });
}

const csvCell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function progress(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

/**
 * `relais match --source <tool|mapping.yaml> --input FILE.csv --out LINKS.csv`: maps every row, matches
 * it into a fresh in-process registry and writes `record_id,person_id` per input row (the row's source
 * record id, or its row number when it has none; an empty person id when the row does not map).
 * Person ids are read back at the end, since a later row can join two persons.
 */
export async function runMatch(options: Options): Promise<{ rows: number; persons: number; rejected: number }> {
  const normaliser = normaliserOf(options.source);
  const rows = csvRows(readFileSync(options.input, 'utf8'));
  const deps = { store: new MemoryRegistryStore(), clock: systemClock };
  const matched: Array<{ sourceRecordId: string; recordId?: string }> = [];
  for (const [index, row] of rows.entries()) {
    const checked = normaliseRecord(normaliser, row);
    if (checked.ok) {
      const { sourceRecordId, person } = checked.record;
      const recordId = recordIdFor(SOURCE_ID, sourceRecordId);
      await matchRecord(deps, { id: recordId, organisationId: ORGANISATION_ID, person });
      matched.push({ sourceRecordId, recordId });
    } else {
      matched.push({ sourceRecordId: String(index + 1) });
    }
    if ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === rows.length) progress(index + 1, rows.length);
  }
  process.stderr.write('\n');
  const lines = ['record_id,person_id'];
  const persons = new Set<string>();
  for (const { sourceRecordId, recordId } of matched) {
    const link = recordId ? await deps.store.getLink(recordId) : undefined;
    const person = link ? await resolvePerson(deps.store, link.personId) : undefined;
    if (person) persons.add(person.id);
    lines.push(`${csvCell(sourceRecordId)},${person?.id ?? ''}`);
  }
  writeFileSync(options.out, lines.join('\n') + '\n');
  return { rows: rows.length, persons: persons.size, rejected: matched.filter((m) => !m.recordId).length };
}

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description('Map a CSV file, match every row into a fresh embedded registry, and write record_id,person_id')
    .requiredOption(
      '--source <tool-or-mapping>',
      `a built-in mapping (${MAPPED_TOOLS.join(', ')}) or a mapping YAML file`,
    )
    .requiredOption('--input <file>', 'the CSV file to match')
    .requiredOption('--out <file>', 'where to write record_id,person_id')
    .action(async (options: Options) => {
      const summary = await runMatch(options);
      process.stderr.write(
        `${summary.rows} rows, ${summary.persons} persons, ${summary.rejected} rows that do not map\n`,
      );
      if (summary.rejected > 0) process.exitCode = 2;
    });
}
