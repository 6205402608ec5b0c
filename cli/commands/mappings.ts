import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { csvRows } from '../../adapters/sources/csv/rows.ts';
import type { MappingIssue } from '../../core/mapping/issues.ts';
import { parseMapping } from '../../core/mapping/load.ts';
import { type SamplePreview, coverage, preview } from '../../core/mapping/preview.ts';
import { sourcePointerFor } from '../../core/records/normalise-record.ts';
import type { Language } from '../../core/i18n/language.ts';
import type { Mapping } from '../../schemas/mapping/language.ts';

/** Exit codes: 1 the mapping is invalid, 2 the mapping is valid but some sample fails it. */
const INVALID_MAPPING = 1;
const SAMPLE_FAILED = 2;

interface Options {
  json?: boolean;
  lang?: string;
}

const languageOf = (options: Options): Language =>
  (options.lang ?? process.env.LANG ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

function issueLine(file: string, issue: MappingIssue, lang: Language): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column}`;
  return `${where}  ${issue.pointer || '/'}  ${issue.message[lang]}  [${issue.code}]`;
}

/** Reads and checks a mapping file; on failure prints every issue with its line and exits 1. */
function loadMapping(file: string, lang: Language): Mapping {
  const checked = parseMapping(readFileSync(file, 'utf8'));
  if (checked.ok) return checked.mapping;
  for (const issue of checked.issues) process.stderr.write(issueLine(file, issue, lang) + '\n');
  process.exit(INVALID_MAPPING);
}

/** Sample payloads from .json (one object or an array) and .csv (one per row) files. */
function loadSamples(files: readonly string[]): unknown[] {
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    if (file.toLowerCase().endsWith('.csv')) return csvRows(text);
    const parsed: unknown = JSON.parse(text);
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

const LABELS = {
  en: {
    sample: 'Sample',
    ok: 'maps',
    failed: 'fails',
    skipped: 'skipped by the mapping',
    field: 'canonical field',
    value: 'value',
    from: 'from',
    errors: 'Errors',
    warnings: 'Warnings',
    other: 'Kept as "other"',
    unmapped: 'Source fields not mapped',
    unused: 'Source fields never used',
    unfilled: 'Mapped fields never filled',
    untargeted: 'Canonical fields not in the mapping',
    none: '(none)',
  },
  fr: {
    sample: 'Échantillon',
    ok: 'correspond',
    failed: 'échoue',
    skipped: 'ignoré par la correspondance',
    field: 'champ canonique',
    value: 'valeur',
    from: 'source',
    errors: 'Erreurs',
    warnings: 'Avertissements',
    other: 'Gardé comme « other »',
    unmapped: 'Champs source non utilisés',
    unused: 'Champs source jamais utilisés',
    unfilled: 'Champs jamais remplis',
    untargeted: 'Champs canoniques absents de la correspondance',
    none: '(aucun)',
  },
} as const;

function renderSample(p: SamplePreview, lang: Language): string {
  const l = LABELS[lang];
  const status = p.skipped ? l.skipped : p.ok ? l.ok : l.failed;
  const lines = [`── ${l.sample} ${p.index + 1}: ${status}`];
  if (p.output !== undefined) {
    const rows = flatten(p.output).map(([pointer, value]) => [
      pointer,
      value,
      sourcePointerFor(pointer, p.origins) ?? '',
    ]);
    lines.push(table([[l.field, l.value, l.from], ...rows]));
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
    l.other,
    p.otherValues.map((o) => `${o.target} ← ${o.pointer}: "${o.raw}"`),
  );
  list(l.unmapped, p.unmappedSourceFields);
  return lines.join('\n');
}

export function registerMappings(program: Command): void {
  const mappings = program
    .command('mappings')
    .description('Check, preview and measure field mappings (YAML or JSON files)');

  mappings
    .command('validate')
    .argument('<file>', 'mapping file (.yaml, .yml or .json)')
    .option('--lang <lang>', 'en or fr (default from LANG)')
    .description('Check a mapping; print each problem with its line, column and JSON pointer; exit 1 if invalid')
    .action((file: string, options: Options) => {
      const mapping = loadMapping(file, languageOf(options));
      print(
        languageOf(options) === 'fr'
          ? `${file} : correspondance « ${mapping.id} » valide (${Object.keys(mapping.fields).length} champs)`
          : `${file}: mapping "${mapping.id}" is valid (${Object.keys(mapping.fields).length} fields)`,
      );
    });

  mappings
    .command('preview')
    .argument('<file>', 'mapping file')
    .argument('<samples...>', 'sample payloads: .json (an object or an array) or .csv with a header row')
    .option('--json', 'machine-readable output')
    .option('--lang <lang>', 'en or fr (default from LANG)')
    .description(
      'Map sample payloads and show the canonical output, errors, warnings and unmapped source fields; exit 2 if a sample fails',
    )
    .action((file: string, sampleFiles: string[], options: Options) => {
      const lang = languageOf(options);
      const results = preview(loadMapping(file, lang), loadSamples(sampleFiles));
      print(options.json ? JSON.stringify(results, null, 2) : results.map((r) => renderSample(r, lang)).join('\n\n'));
      if (results.some((r) => !r.ok && !r.skipped)) process.exitCode = SAMPLE_FAILED;
    });

  mappings
    .command('coverage')
    .argument('<file>', 'mapping file')
    .argument('<samples...>', 'sample payloads: .json or .csv')
    .option('--json', 'machine-readable output')
    .option('--lang <lang>', 'en or fr (default from LANG)')
    .description(
      'Which source fields the samples carry that the mapping never uses, and which target fields stay empty',
    )
    .action((file: string, sampleFiles: string[], options: Options) => {
      const lang = languageOf(options);
      const report = coverage(loadMapping(file, lang), loadSamples(sampleFiles));
      if (options.json) return print(JSON.stringify(report, null, 2));
      const l = LABELS[lang];
      const section = (title: string, items: readonly string[]) =>
        [`${title}:`, ...(items.length > 0 ? items.map((i) => `  - ${i}`) : [`  ${l.none}`])].join('\n');
      print(
        [
          `${report.samples} ${l.sample.toLowerCase()}(s)`,
          section(
            l.unused,
            report.unusedSourceFields.map((u) => `${u.path} (${u.samples}/${report.samples})`),
          ),
          section(l.unfilled, report.unfilledTargets),
          section(l.untargeted, report.unmappedTargets),
        ].join('\n\n'),
      );
    });
}
