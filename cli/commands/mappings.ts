import type { Command } from 'commander';
import type { MappingIssue } from '../../core/mapping/issues.ts';
import { parseMapping } from '../../core/mapping/load.ts';
import { type SamplePreview, coverage, preview } from '../../core/mapping/preview.ts';
import { sourcePointerFor } from '../../core/records/normalise-record.ts';
import type { Language } from '../../core/i18n/language.ts';
import type { Mapping } from '../../schemas/mapping/language.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { type Messages, messagesFor } from '../i18n/messages.ts';
import { readCsv, readInput, readJson } from '../input/files.ts';

interface Options {
  json?: boolean;
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

function issueLine(file: string, issue: MappingIssue, lang: Language): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column}`;
  return `${where}  ${issue.pointer || '/'}  ${issue.message[lang]}  [${issue.code}]`;
}

/** Reads and checks a mapping file; on failure prints every issue with its line, and fails the command. */
function loadMapping(file: string, lang: Language): Mapping {
  const t = messagesFor(lang);
  const checked = parseMapping(readInput(file, t));
  if (checked.ok) return checked.mapping;
  for (const issue of checked.issues) process.stderr.write(issueLine(file, issue, lang) + '\n');
  throw new CliError(t.mappingInvalid(file, checked.issues.length), EXIT.failed);
}

/** Sample payloads from .json (one object or an array) and .csv (one per row) files. */
function loadSamples(files: readonly string[], t: Messages): unknown[] {
  return files.flatMap((file) => {
    if (file.toLowerCase().endsWith('.csv')) return readCsv(file, t).map(({ row }) => row);
    const parsed = readJson(file, t);
    return Array.isArray(parsed) ? parsed : [parsed];
  });
}

function flatten(value: unknown, pointer = ''): Array<[string, string]> {
  if (
    value !== null &&
    typeof value === 'object' &&
    !(Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))
  ) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, `${pointer}/${k}`));
  }
  return [[pointer, Array.isArray(value) ? value.join(', ') : String(value)]];
}

function table(rows: ReadonlyArray<readonly string[]>): string {
  const clip = (s: string) => (s.length > 60 ? s.slice(0, 59) + '…' : s);
  const clipped = rows.map((r) => r.map(clip));
  const widths = clipped[0]!.map((_, i) => Math.max(...clipped.map((r) => r[i]!.length)));
  return clipped
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function renderSample(p: SamplePreview, lang: Language): string {
  const l = messagesFor(lang);
  const status = p.skipped ? l.sampleSkipped : p.ok ? l.sampleMaps : l.sampleFails;
  const lines = [`── ${l.sample} ${p.index + 1}: ${status}`];
  if (p.output !== undefined) {
    const rows = flatten(p.output).map(([pointer, value]) => [
      pointer,
      value,
      sourcePointerFor(pointer, p.origins) ?? '',
    ]);
    lines.push(table([[l.canonicalField, l.value, l.from], ...rows]));
  }
  const list = (title: string, items: readonly string[]) => {
    if (items.length > 0) lines.push(`${title}:`, ...items.map((i) => `  - ${i}`));
  };
  list(
    l.errors,
    p.errors.map((e) => `${e.pointer || '/'}  ${e.message[lang]}`),
  );
  list(
    l.warnings,
    p.warnings.map((w) => `${w.pointer || '/'}  ${w.message[lang]}`),
  );
  list(
    l.keptAsOther,
    p.otherValues.map((o) => `${o.target} ← ${o.pointer}: "${o.raw}"`),
  );
  list(l.unmappedSourceFields, p.unmappedSourceFields);
  return lines.join('\n');
}

export function registerMappings(program: Command): void {
  const mappings = program
    .command('mappings')
    .description('Check, preview and measure field mappings (YAML or JSON files)');

  mappings
    .command('validate')
    .argument('<file>', 'mapping file (.yaml, .yml or .json)')
    .description('Check a mapping; print each problem with its line, column and JSON pointer; exit 1 if invalid')
    .action((file: string, _options: Options, command: Command) => {
      const lang = languageOf(command);
      const mapping = loadMapping(file, lang);
      print(messagesFor(lang).mappingValid(file, mapping.id, Object.keys(mapping.fields).length));
    });

  mappings
    .command('preview')
    .argument('<file>', 'mapping file')
    .argument('<samples...>', 'sample payloads: .json (an object or an array) or .csv with a header row')
    .option('--json', 'machine-readable output')
    .description(
      'Map sample payloads and show the canonical output, errors, warnings and unmapped source fields; exit 1 if a sample fails',
    )
    .action((file: string, sampleFiles: string[], options: Options, command: Command) => {
      const lang = languageOf(command);
      const t = messagesFor(lang);
      const results = preview(loadMapping(file, lang), loadSamples(sampleFiles, t));
      print(options.json ? JSON.stringify(results, null, 2) : results.map((r) => renderSample(r, lang)).join('\n\n'));
      const failed = results.filter((r) => !r.ok && !r.skipped).length;
      if (failed > 0) throw new CliError(t.samplesFailed(failed, results.length), EXIT.failed);
    });

  mappings
    .command('coverage')
    .argument('<file>', 'mapping file')
    .argument('<samples...>', 'sample payloads: .json or .csv')
    .option('--json', 'machine-readable output')
    .description(
      'Which source fields the samples carry that the mapping never uses, and which target fields stay empty',
    )
    .action((file: string, sampleFiles: string[], options: Options, command: Command) => {
      const lang = languageOf(command);
      const l = messagesFor(lang);
      const report = coverage(loadMapping(file, lang), loadSamples(sampleFiles, l));
      if (options.json) return print(JSON.stringify(report, null, 2));
      const section = (title: string, items: readonly string[]) =>
        [`${title}:`, ...(items.length > 0 ? items.map((i) => `  - ${i}`) : [`  ${l.none}`])].join('\n');
      print(
        [
          `${report.samples} ${l.samples}`,
          section(
            l.unusedSourceFields,
            report.unusedSourceFields.map((u) => `${u.path} (${u.samples}/${report.samples})`),
          ),
          section(l.unfilledTargets, report.unfilledTargets),
          section(l.untargeted, report.unmappedTargets),
        ].join('\n\n'),
      );
    });
}
