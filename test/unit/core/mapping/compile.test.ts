import { describe, expect, it } from 'vitest';
import { type CompiledMapping, compile } from '../../../../core/mapping/compile.ts';
import { InvalidMappingError } from '../../../../core/mapping/issues.ts';
import { normaliseRecord } from '../../../../core/records/normalise-record.ts';
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

  it('counts an age from a constant date, from the received time given, or from a { from } path', () => {
    const age = (reference: unknown) =>
      compile(
        mappingOf({
          '/person/ageAtRegistration': { from: 'age', transforms: [{ age: { reference } as never }] },
          '/person/birthDate': { from: 'age', transforms: [{ ageToBirthYear: { reference } as never }] },
        }),
      );
    const payload = { id: 'r', age: '9', received: '2024-01-15' };
    const personOf = (result: ReturnType<CompiledMapping['normalise']>) =>
      result.ok ? (result.record as { person: Record<string, unknown> }).person : result;
    expect(personOf(age({ constant: '2026-06-30' }).normalise(payload))).toMatchObject({
      ageAtRegistration: { years: 9, asOf: '2026-06-30' },
      birthDate: { value: '2017', precision: 'estimated' },
    });
    expect(personOf(age('received').normalise(payload, { receivedAt: '2025-03-02T10:00:00.000Z' }))).toMatchObject({
      ageAtRegistration: { years: 9, asOf: '2025-03-02' },
      birthDate: { value: '2016', precision: 'estimated' },
    });
    expect(personOf(age({ from: 'received' }).normalise(payload))).toMatchObject({
      ageAtRegistration: { years: 9, asOf: '2024-01-15' },
    });
    expect(age({ from: 'received' }).readPaths.map((p) => p.pointer)).toContain('/received');
    expect(age('received').readPaths.map((p) => p.pointer)).not.toContain('/received');
  });

  it('counts an age stated at the received date from the moment of mapping when no receipt time is given', () => {
    const before = new Date().toISOString().slice(0, 10);
    const result = compile(
      mappingOf({ '/person/ageAtRegistration': { from: 'age', transforms: [{ age: { reference: 'received' } }] } }),
    ).run({ id: 'r', age: 4 });
    const after = new Date().toISOString().slice(0, 10);
    const asOf = (result.record as { person: { ageAtRegistration: { asOf: string } } }).person.ageAtRegistration.asOf;
    expect([before, after]).toContain(asOf);
  });

  it('takes one part of a compound answer with split and an index; a missing part leaves the field empty', () => {
    const fields: Record<string, Field> = {
      '/person/location/territory': { from: 'lieu', transforms: [{ split: { separator: '/', index: 0 } }] },
      '/person/location/locality': { from: 'lieu', transforms: [{ split: { separator: '/', index: -1 } }] },
      '/person/location/province': { from: 'lieu', transforms: [{ split: { separator: '/', index: 2 } }] },
    };
    expect(recordOf(fields, { lieu: 'Kiremba / Gatare' }).person.location).toEqual({
      territory: 'Kiremba',
      locality: 'Gatare',
    });
    expect(compile(mappingOf(fields)).run({ id: 'r', lieu: 'Kiremba / Gatare' })).toMatchObject({
      ok: true,
      issues: [],
      warnings: [],
    });
  });

  it('splits a full name in the order declared, and warns once when auto guesses', () => {
    const fields = (order: 'given-first' | 'auto'): Record<string, Field> => ({
      '/person/name/family': { from: 'nom', transforms: [{ splitName: { part: 'family', order } }] },
      '/person/name/given': { from: 'nom', transforms: [{ splitName: { part: 'given', order } }] },
    });
    const givenFirst = compile(mappingOf(fields('given-first'))).run({ id: 'r', nom: 'Marie Claire Dupont' });
    expect(givenFirst).toMatchObject({ record: { person: { name: { family: 'Dupont', given: 'Marie Claire' } } } });
    expect(givenFirst.warnings).toEqual([]);
    const auto = compile(mappingOf(fields('auto'))).run({ id: 'r', nom: 'Marie Claire Dupont' });
    expect(auto).toMatchObject({ record: { person: { name: { family: 'Marie', given: 'Claire Dupont' } } } });
    expect(auto.warnings).toEqual([expect.objectContaining({ pointer: '/nom', rule: 'splitName' })]);
    expect(auto.warnings[0]!.message.fr).toContain('aucune partie en capitales');
    // The form without an order is auto.
    expect(
      recordOf(
        { '/person/name/family': { from: 'nom', transforms: [{ splitName: 'family' }] } },
        { nom: 'Neema FURAHA' },
      ).person.name,
    ).toEqual({ family: 'FURAHA' });
  });

  describe('one rule for groups: a group whose only values are constants or defaults is left out', () => {
    const age: Record<string, Field> = {
      '/person/birthDate': { from: 'dob', transforms: [{ date: ['dd/mm/yyyy'] }] },
      '/person/ageAtRegistration/years': { from: 'age', transforms: ['integer'] },
      '/person/ageAtRegistration/asOf': { value: '2026-06-30' },
    };

    it('leaves out an age whose only value is a constant asOf, so a record with a birth date stays valid', () => {
      const checked = normaliseRecord(compile(mappingOf(age)), { id: 'r', dob: '12/04/2015' });
      expect(checked).toMatchObject({ ok: true });
      if (checked.ok) expect(checked.record.person).not.toHaveProperty('ageAtRegistration');
      expect(recordOf(age, { age: '9' }).person.ageAtRegistration).toEqual({ years: 9, asOf: '2026-06-30' });
    });

    it('leaves out a caregiver whose only value is a constant relationship, and keeps it with a name', () => {
      const caregiver: Record<string, Field> = {
        '/person/caregivers/0/relationship': { value: 'mother' },
        '/person/caregivers/0/name/given': { from: 'mere', transforms: ['trim'] },
      };
      expect(recordOf(caregiver, {}).person).not.toHaveProperty('caregivers');
      expect(recordOf(caregiver, { mere: '   ' }).person).not.toHaveProperty('caregivers');
      expect(recordOf(caregiver, { mere: 'Thérèse' }).person.caregivers).toEqual([
        { relationship: 'mother', name: { given: 'Thérèse' } },
      ]);
    });

    it('leaves out any optional group so: a constant country alone makes no location', () => {
      const location: Record<string, Field> = {
        '/person/location/country': { value: 'BI' },
        '/person/location/locality': { from: 'colline' },
      };
      expect(recordOf(location, {}).person).not.toHaveProperty('location');
      expect(recordOf(location, { colline: 'Gatare' }).person.location).toEqual({ country: 'BI', locality: 'Gatare' });
    });

    it('keeps the constants of the groups every record has (person, name, case)', () => {
      expect(recordOf({ '/person/name/nickname': { value: 'Toto' } }, {})).toMatchObject({
        person: { sex: 'unknown', name: { nickname: 'Toto' } },
        case: { status: 'open' },
      });
    });
  });

  describe('onError: warn and the canonical range of the field', () => {
    const years = (onError?: 'warn'): Record<string, Field> => ({
      '/person/ageAtRegistration/years': { from: 'age', transforms: ['integer'], ...(onError ? { onError } : {}) },
      '/person/ageAtRegistration/asOf': { value: '2026-06-30' },
    });

    it.each(['-1', '250'])('drops the age %s with a warning and keeps the record', (value) => {
      const mapping = compile(mappingOf(years('warn')));
      const checked = normaliseRecord(mapping, { id: 'r', age: value });
      expect(checked).toMatchObject({ ok: true });
      if (checked.ok) expect(checked.record.person).not.toHaveProperty('ageAtRegistration');
      const run = mapping.run({ id: 'r', age: value });
      expect(run.warnings).toEqual([
        expect.objectContaining({ pointer: '/age', target: '/person/ageAtRegistration/years', rule: 'range' }),
      ]);
      expect(run.warnings[0]!.message.en).toContain('outside its range');
      expect(run.warnings[0]!.message.fr).toContain('hors de sa plage');
      expect(JSON.stringify(run.warnings)).not.toContain(value);
    });

    it('still refuses the record for an absurd age without onError: warn', () => {
      expect(normaliseRecord(compile(mappingOf(years())), { id: 'r', age: '250' })).toMatchObject({
        ok: false,
        issues: [{ pointer: '/age', target: '/person/ageAtRegistration/years', code: 'too_big' }],
      });
    });

    it('keeps a value in range, and drops other out-of-range values (a name too long) the same way', () => {
      expect(recordOf(years('warn'), { age: '7' }).person.ageAtRegistration).toEqual({ years: 7, asOf: '2026-06-30' });
      const nickname: Record<string, Field> = { '/person/name/nickname': { from: 'surnom', onError: 'warn' } };
      expect(recordOf(nickname, { surnom: 'x'.repeat(300) }).person.name).toEqual({});
    });

    it('refuses the record when it is not valid without the dropped field (a date stated, an age absurd)', () => {
      const fields: Record<string, Field> = {
        '/person/ageAtRegistration/years': { from: 'age', transforms: ['integer'], onError: 'warn' },
        '/person/ageAtRegistration/asOf': { from: 'le', transforms: [{ date: ['yyyy-mm-dd'] }] },
      };
      expect(normaliseRecord(compile(mappingOf(fields)), { id: 'r', age: '-1', le: '2026-06-30' })).toMatchObject({
        ok: false,
        issues: [{ target: '/person/ageAtRegistration/years' }],
      });
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
