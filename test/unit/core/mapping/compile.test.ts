import { describe, expect, it } from 'vitest';
import { compile } from '../../../../core/mapping/compile.ts';
import { InvalidMappingError } from '../../../../core/mapping/issues.ts';
import type { Field, Mapping } from '../../../../schemas/mapping/language.ts';

const base: Mapping['fields'] = {
  '/sourceRecordId': { from: 'id' },
  '/person/sex': { value: 'unknown' },
  '/case/status': { value: 'open' },
};
const mappingOf = (fields: Record<string, Field>, extra: Partial<Mapping> = {}): Mapping => ({
  id: 'unit-test',
  tool: 'csv',
  fields: { ...base, ...fields },
  ...extra,
});
const recordOf = (fields: Record<string, Field>, payload: Record<string, unknown>, extra: Partial<Mapping> = {}) => {
  const result = compile(mappingOf(fields, extra)).normalise({ id: 'r-1', ...payload });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.record as { person: Record<string, unknown>; case: Record<string, unknown> };
};

describe('compile', () => {
  it('refuses an invalid mapping', () => {
    expect(() => compile(mappingOf({ '/person/nope': { from: 'x' } }))).toThrow(InvalidMappingError);
  });

  it('names the version it was compiled as', () => {
    expect(compile(mappingOf({}), { version: 4 }).mappingVersion).toBe('unit-test@4');
    expect(compile(mappingOf({})).mappingVersion).toBe('unit-test@draft');
  });

  it('always emits the objects the schema requires, even empty', () => {
    expect(compile(mappingOf({})).normalise({ id: 'r-1' })).toEqual({
      ok: true,
      record: { sourceRecordId: 'r-1', person: { name: {}, sex: 'unknown' }, case: { status: 'open' } },
      origins: { '/sourceRecordId': '/id' },
    });
  });

  it('reads dotted paths, array indexes, wildcards and Kobo group keys', () => {
    const record = recordOf(
      {
        '/person/name/given': { from: 'data.children[1].prenom' },
        '/person/name/family': { from: 'enfant/nom' },
        '/person/name/other': { from: 'alias[*].nom' },
      },
      {
        data: { children: [{ prenom: 'A' }, { prenom: 'Neema' }] },
        'enfant/nom': 'FURAHA',
        alias: [{ nom: 'Nene' }, { nom: '' }, { nom: 'Mami' }],
      },
    );
    expect(record.person.name).toEqual({ given: 'Neema', family: 'FURAHA', other: ['Nene', 'Mami'] });
  });

  it('takes the first non-empty source, and says which one in origins', () => {
    const mapping = compile(mappingOf({ '/sourceRecordId': { from: ['meta/rootUuid', '_uuid'] } }));
    expect(mapping.normalise({ _uuid: 'u-2', 'meta/rootUuid': '' })).toMatchObject({
      ok: true,
      record: { sourceRecordId: 'u-2' },
      origins: { '/sourceRecordId': '/_uuid' },
    });
    expect(mapping.normalise({ _uuid: 'u-2', 'meta/rootUuid': 'u-1' })).toMatchObject({
      record: { sourceRecordId: 'u-1' },
      origins: { '/sourceRecordId': '/meta~1rootUuid' },
    });
  });

  it('combines every source with combine: all', () => {
    const record = recordOf(
      { '/person/location/text': { from: ['numero', 'rue', 'quartier'], combine: 'all', transforms: [{ join: ' ' }] } },
      { numero: 14, rue: 'Avenue Lumumba', quartier: '' },
    );
    expect(record.person.location).toEqual({ text: '14 Avenue Lumumba' });
  });

  it('falls back to `otherwise` only when the first way gives nothing', () => {
    const fields = {
      '/person/birthDate': {
        from: 'dob',
        transforms: [{ date: ['dd/mm/yyyy' as const] }],
        otherwise: { from: 'age', transforms: [{ ageToBirthYear: { reference: 'registered' } }] },
      },
    };
    expect(recordOf(fields, { dob: '12/04/2015', age: '7', registered: '2024-06-18' }).person.birthDate).toEqual({
      value: '2015-04-12',
      precision: 'exact',
    });
    expect(recordOf(fields, { age: '7', registered: '2024-06-18' }).person.birthDate).toEqual({
      value: '2017',
      precision: 'estimated',
    });
    expect(
      compile(mappingOf(fields)).normalise({ id: 'r', dob: 'hier', age: '7', registered: '2024-06-18' }),
    ).toMatchObject({ ok: false, issues: [{ pointer: '/dob', code: 'mapping.date' }] });
  });

  it('rejects with the mapping error: payload pointer, target, rule, and no personal value', () => {
    const result = compile(
      mappingOf({ '/person/phones': { from: 'contact/tel', transforms: [{ phone: { country: 'CD' } }] } }),
    ).normalise({ id: 'r', 'contact/tel': '12' });
    expect(result).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          pointer: '/contact~1tel',
          code: 'mapping.phone',
          target: '/person/phones',
          rule: 'phone',
        }),
      ],
    });
    if (!result.ok) expect(JSON.stringify(result.issues)).not.toContain('"12"');
  });

  it('leaves a failing field out with a warning under onError: warn', () => {
    const mapping = compile(
      mappingOf({ '/person/phones': { from: 'tel', transforms: [{ phone: { country: 'BI' } }], onError: 'warn' } }),
    );
    const run = mapping.run({ id: 'r', tel: 'pas de téléphone' });
    expect(run).toMatchObject({ ok: true, warnings: [{ pointer: '/tel', rule: 'phone' }] });
    expect((run.record as { person: object }).person).not.toHaveProperty('phones');
  });

  it('refuses a record without a required field', () => {
    expect(
      compile(mappingOf({ '/sourceRecordId': { from: 'id', transforms: ['trim'], required: true } })).normalise({
        id: '   ',
      }),
    ).toMatchObject({ ok: false, issues: [{ code: 'mapping.required' }] });
  });

  it('keeps raw codes mapped to other beside the record', () => {
    const mapping = compile(
      mappingOf({
        '/case/protectionConcerns': {
          from: 'vuln',
          transforms: ['words', { map: { values: { separe: 'separated' }, default: null, unmapped: 'other' } }],
        },
      }),
    );
    expect(mapping.normalise({ id: 'r', vuln: 'separe mariage_precoce separe' })).toMatchObject({
      ok: true,
      record: { case: { protectionConcerns: ['separated', 'other'] } },
      otherValues: [{ target: '/case/protectionConcerns', pointer: '/vuln', raw: 'mariage_precoce' }],
    });
  });

  it('leaves out an array element no source filled, even with constants and defaults in it', () => {
    const fields: Record<string, Field> = {
      '/person/identifiers/0/scheme': { value: 'birth_certificate' },
      '/person/identifiers/0/value': { from: 'acte' },
      '/person/caregivers/0/name/given': { from: 'parent' },
      '/person/caregivers/0/relationship': {
        from: 'lien',
        transforms: [{ map: { values: { mere: 'mother' }, default: 'unknown', unmapped: 'other' } }],
      },
    };
    expect(recordOf(fields, {}).person).toEqual({ name: {}, sex: 'unknown' });
    expect(recordOf(fields, { acte: 'KAN/1', parent: 'Thérèse' }).person).toMatchObject({
      identifiers: [{ scheme: 'birth_certificate', value: 'KAN/1' }],
      caregivers: [{ name: { given: 'Thérèse' }, relationship: 'unknown' }],
    });
  });

  it('skips a record when a skip condition holds', () => {
    const mapping = compile(
      mappingOf(
        {},
        {
          skip: [
            { path: 'statut', in: ['test', 'brouillon'] },
            { path: 'id', empty: true },
          ],
        },
      ),
    );
    expect(mapping.normalise({ id: 'r', statut: 'test' })).toMatchObject({
      ok: false,
      issues: [{ code: 'mapping.skipped' }],
    });
    expect(mapping.run({ statut: 'final' })).toMatchObject({ ok: false, skipped: true });
    expect(mapping.normalise({ id: 'r', statut: 'final' })).toMatchObject({ ok: true });
  });

  it('refuses payloads that are not objects', () => {
    expect(compile(mappingOf({})).normalise([1, 2])).toMatchObject({
      ok: false,
      issues: [{ code: 'mapping.payload' }],
    });
  });

  it('treats text that looks like code as data', () => {
    const record = recordOf(
      {
        '/person/name/given': { from: 'prenom', transforms: ['trim'] },
        '/person/name/nickname': { value: '${process.exit(1)}' },
      },
      { prenom: 'require("child_process")' },
    );
    expect(record.person.name).toEqual({ given: 'require("child_process")', nickname: '${process.exit(1)}' });
  });
});
