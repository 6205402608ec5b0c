import { describe, expect, it } from 'vitest';
import { MAPPED_TOOLS, builtinMapping, builtinMappings } from '../../../../adapters/sources/index.ts';
import { compile } from '../../../../core/mapping/compile.ts';
import { generaliseDate, maskText, minimiseSample } from '../../../../core/mapping/minimise-sample.ts';
import type { Mapping } from '../../../../schemas/mapping/language.ts';
import { sourceFixtures } from '../../../contract/sources/fixtures.ts';
import { jsonShape } from '../../../fixtures/mapping/json-shape.ts';

const kobo = sourceFixtures('kobotoolbox').find((f) => f.name === 'kananga-kabasele.json')!.payloads[0] as Record<
  string,
  unknown
>;

/** The shape of a JSON value: every string replaced by the same marker, so keys and nesting compare. */
describe('minimising a sample payload', () => {
  it('masks names, phones, identifiers and places of a Kobo submission so none can be read back', () => {
    const out = minimiseSample(kobo, builtinMappings.kobotoolbox) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const personal of [
      'KABASELE',
      'TSHIMANGA',
      'Jean',
      'Jeannot',
      'MBUYI',
      'KAPINGA',
      'Thérèse',
      '0812 345 678',
      '812',
      '765 4321',
      'KAN/2015/004512',
      'Kasaï',
      'Kananga',
      'Katoka',
      'CM-KAN-014',
      '5c3b2a40',
    ])
      expect(text).not.toContain(personal);
    expect(out['enfant/nom_complet']).toBe('XXXXXXXX XXXXXXXXX Xxxx');
    expect(out['parent/telephone']).toBe('+000 00 000 0000');
    expect(out['parent/nom_complet']).toBe('XXXXX XXXXXXX Xxxxxxx');
  });

  it('keeps the structure, every key, the numbers and the codes the mapping reads through its code lists', () => {
    const out = minimiseSample(kobo, builtinMappings.kobotoolbox) as Record<string, unknown>;
    expect(jsonShape(out)).toEqual(jsonShape(kobo));
    expect(out).toMatchObject({
      _id: 48213307,
      'enfant/sexe': 'garcon',
      'parent/lien': 'mere',
      'protection/preoccupations': 'separe enfant_rue',
      'protection/niveau_risque': 'eleve',
      'consentement/services': 'oui',
      'consentement/donne_par': 'parent',
      'enfant/age': '8',
    });
  });

  it('zeroes the numbers and masks the snake_case tokens of fields the mapping does not read', () => {
    const out = minimiseSample(kobo, builtinMappings.kobotoolbox) as Record<string, unknown>;
    // Where the child was met, and the enumerator's account: neither is read by the mapping.
    expect(out._geolocation).toEqual([0, 0]);
    expect(out._submitted_by).toBe('xxxxx_xxxxxxx_00');
    expect(out._status).toBe('xxxxxxxxx_xxx_xxx');
  });

  it('keeps the year of a date, with month and day set to 01, in the format it was written in', () => {
    const out = minimiseSample(kobo, builtinMappings.kobotoolbox) as Record<string, unknown>;
    expect(out['enfant/date_naissance']).toBe('2015-01-01');
    expect(out._submission_time).toBe('2024-01-01T00:00:00');
    expect(out.start).toBe('2024-01-01T00:00:00.000+00:00');
    expect.soft(generaliseDate('12/04/2015')).toBe('01/01/2015');
    expect.soft(generaliseDate('4/12/2015')).toBe('1/01/2015');
    expect.soft(generaliseDate('04/2015')).toBe('01/2015');
    expect.soft(generaliseDate('2015-04')).toBe('2015-01');
    expect.soft(generaliseDate('2015/04/12')).toBe('2015/01/01');
    expect.soft(generaliseDate('2024-03-05 09:12:44Z')).toBe('2024-01-01 00:00:00Z');
    for (const notADate of ['0812 345 678', '13/13/2015', '2015-13-01', '48213307', '1234-56-78', '12/04/0015'])
      expect.soft(generaliseDate(notADate), notADate).toBeUndefined();
  });

  it('masks letter by letter keeping case, digits to 0, accents dropped, other characters kept', () => {
    expect(maskText('Thérèse MBUYI-Kapinga, 12 ans (n° 45)')).toBe('Xxxxxxx XXXXX-Xxxxxxx, 00 xxx (x° 00)');
    expect(maskText('كريم 7')).toBe('xxxx 0');
  });

  it('masks a value in a code-list field that is not one of its codes, and unknown words among codes', () => {
    const out = minimiseSample(
      { ...kobo, 'enfant/sexe': 'Mukendi', 'protection/preoccupations': 'separe Kalala vbg' },
      builtinMappings.kobotoolbox,
    ) as Record<string, unknown>;
    expect(out['enfant/sexe']).toBe('Xxxxxxx');
    expect(out['protection/preoccupations']).toBe('separe Xxxxxx vbg');
  });

  it('keeps the values of skip conditions and the codes read at a list position, nowhere else', () => {
    const mapping: Mapping = {
      id: 'test-sample',
      tool: 'commcare',
      skip: [{ path: 'statut', equals: 'Rejeté' }],
      fields: {
        '/sourceRecordId': { from: 'id', required: true },
        '/person/name/given': { from: 'enfants[0].nom' },
        '/case/status': { value: 'open' },
        '/person/sex': {
          from: 'enfants[1].sexe',
          transforms: [{ map: { values: { F: 'female', M: 'male' }, default: null, unmapped: 'warn' } }],
        },
      },
    };
    const payload = {
      id: 'AB-12',
      statut: 'Rejeté',
      enfants: [
        { nom: 'Amani', sexe: 'f' },
        { nom: 'Bahati', sexe: 'M' },
      ],
    };
    const out = minimiseSample(payload, mapping);
    expect(out).toEqual({
      id: 'XX-00',
      statut: 'Rejeté',
      enfants: [
        { nom: 'Xxxxx', sexe: 'x' },
        { nom: 'Xxxxxx', sexe: 'M' },
      ],
    });
    expect(compile(mapping).run(out).skipped).toBe(true);
    expect(minimiseSample({ ...payload, statut: 'rejeté' }, mapping)).toMatchObject({ statut: 'xxxxxx' });
  });

  it('keeps the canonical schema’s codes for a canonical source, and masks the rest', () => {
    const payload = {
      sourceRecordId: 'ESP-2026-0001',
      person: {
        name: { given: 'Furaha', family: 'Bahati' },
        sex: 'female',
        identifiers: [{ scheme: 'birth_certificate', value: 'KIN/001' }],
        caregivers: [{ relationship: 'mother', phone: '+243812345678' }],
      },
      case: { status: 'open', protectionConcerns: ['separated', 'refugee'] },
    };
    expect(minimiseSample(payload, undefined)).toEqual({
      sourceRecordId: 'XXX-0000-0000',
      person: {
        name: { given: 'Xxxxxx', family: 'Xxxxxx' },
        sex: 'female',
        identifiers: [{ scheme: 'birth_certificate', value: 'XXX/000' }],
        caregivers: [{ relationship: 'mother', phone: '+000000000000' }],
      },
      case: { status: 'open', protectionConcerns: ['separated', 'refugee'] },
    });
  });

  it.each(MAPPED_TOOLS.flatMap((tool) => sourceFixtures(tool).map((f) => [tool, f.name, f] as const)))(
    'a minimised %s fixture %s still previews: same outcome, same codes as the original',
    (tool, _name, fixture) => {
      const mapping = builtinMapping(tool);
      for (const payload of fixture.payloads) {
        const original = mapping.run(payload);
        const minimised = mapping.run(minimiseSample(payload, builtinMappings[tool]));
        expect(minimised.ok).toBe(original.ok);
        expect(minimised.skipped).toBe(original.skipped);
        const codes = (r: typeof original) => {
          const rec = r.record as { person?: { sex?: unknown }; case?: { protectionConcerns?: unknown } } | undefined;
          return { sex: rec?.person?.sex, concerns: rec?.case?.protectionConcerns };
        };
        expect(codes(minimised)).toEqual(codes(original));
      }
    },
  );
});
