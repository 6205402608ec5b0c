import { describe, expect, it } from 'vitest';
import { builtinMappings } from '../../../../adapters/sources/index.ts';
import { coverage, preview } from '../../../../core/mapping/preview.ts';
import type { Mapping } from '../../../../schemas/mapping/language.ts';
import { sourceFixtures } from '../../../contract/sources/fixtures.ts';

const kobo = builtinMappings.kobotoolbox;
const koboSamples = sourceFixtures('kobotoolbox').flatMap((f) => f.payloads);
const goldens = sourceFixtures('kobotoolbox').flatMap((f) => f.golden);

describe('preview', () => {
  it('shows the canonical output of each Kobo fixture, and no unmapped field since Kobo metadata is ignored', () => {
    const results = preview(kobo, koboSamples);
    expect(results.map((r) => r.output)).toEqual(goldens);
    expect(results.every((r) => r.ok && r.unmappedSourceFields.length === 0)).toBe(true);
  });

  it('lists source fields the mapping neither reads nor ignores, in path notation', () => {
    const sample = {
      ...(koboSamples[0] as object),
      'enfant/handicap': 'non',
      'menage/membres': [{ nom: 'A' }, { nom: 'B' }],
    };
    expect(preview(kobo, [sample])[0]!.unmappedSourceFields).toEqual(['enfant/handicap', 'menage/membres[*].nom']);
  });

  it('gives warnings and raw codes kept as other', () => {
    const bukavu = sourceFixtures('kobotoolbox').find((f) => f.name.startsWith('bukavu'))!.payloads[0];
    const [result] = preview(kobo, [bukavu]);
    expect(result!.warnings.map((w) => [w.pointer, w.rule])).toEqual([
      ['/enfant~1sexe', 'map'],
      ['/parent~1nom_complet', 'splitName'],
      ['/parent~1telephone', 'phone'],
    ]);
    expect(result!.otherValues).toEqual([
      { target: '/person/caregivers/0/relationship', pointer: '/parent~1lien', raw: 'voisin' },
    ]);
  });

  it('points canonical validation errors back at the partner field they came from', () => {
    const mapping: Mapping = {
      id: 'loose-text',
      tool: 'csv',
      fields: {
        '/sourceRecordId': { from: 'id' },
        '/person/sex': { value: 'unknown' },
        '/case/status': { value: 'open' },
        '/case/registrationDate': { from: 'Date enregistrement' },
      },
    };
    const [result] = preview(mapping, [{ id: 'r1', 'Date enregistrement': 'mardi' }]);
    expect(result).toMatchObject({
      ok: false,
      errors: [{ pointer: '/Date enregistrement', target: '/case/registrationDate', code: 'invalid_format' }],
    });
  });

  it('reports mapping errors per sample and marks skipped samples', () => {
    const results = preview(kobo, [
      { _uuid: 'x', _submission_time: 'hier' },
      { _uuid: 'y', _validation_status: { uid: 'validation_status_not_approved' } },
    ]);
    expect(results.map((r) => [r.ok, r.skipped, r.errors.map((e) => `${e.pointer} ${e.code}`)])).toEqual([
      [false, false, ['/_submission_time mapping.timestamp', '/_submission_time mapping.date']],
      [false, true, []],
    ]);
  });
});

describe('coverage', () => {
  it('finds source fields never used and target fields never filled', () => {
    const report = coverage(kobo, [...koboSamples, { ...(koboSamples[0] as object), 'enfant/ecole': 'oui' }]);
    expect(report.samples).toBe(5);
    expect(report.unusedSourceFields).toEqual([{ path: 'enfant/ecole', samples: 1 }]);
    expect(report.unfilledTargets).toEqual([]);
    expect(report.unmappedTargets).toContain('/case/consent/tracing');
    expect(report.unmappedTargets).not.toContain('/person/caregivers/0/phone');
  });

  it('names mapped targets that no sample fills', () => {
    const report = coverage(kobo, [{ _uuid: 'only-an-id' }]);
    expect(report.unfilledTargets).toContain('/person/birthDate');
    expect(report.unfilledTargets).not.toContain('/person/sex');
  });
});
