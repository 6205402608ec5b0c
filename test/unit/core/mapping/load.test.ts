import { describe, expect, it } from 'vitest';
import { parseMapping, validateMapping } from '../../../../core/mapping/load.ts';
import { mappingJsonSchema } from '../../../../schemas/mapping/json-schema.ts';

const yaml = (...lines: string[]) => lines.join('\n') + '\n';
const REQUIRED = [
  '  /sourceRecordId:',
  '    from: id',
  '  /person/sex: { value: unknown }',
  '  /case/status: { value: open }',
];
const mappingWith = (...fieldLines: string[]) =>
  yaml('id: test-mapping', 'tool: csv', 'fields:', ...REQUIRED, ...fieldLines);

function issuesOf(text: string) {
  const result = parseMapping(text);
  if (result.ok) throw new Error('expected the mapping to be refused');
  return result.issues;
}

describe('the mapping language schema', () => {
  it('is JSON Schema draft 2020-12', () => {
    expect(mappingJsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('parseMapping', () => {
  it('accepts a small valid mapping, in YAML or in JSON', () => {
    expect(
      parseMapping(mappingWith('  /person/name/given: { from: prenom, transforms: [trim, title] }')),
    ).toMatchObject({ ok: true });
    const json = JSON.stringify(
      {
        id: 'json-one',
        tool: 'csv',
        fields: {
          '/sourceRecordId': { from: 'id' },
          '/person/sex': { value: 'unknown' },
          '/case/status': { value: 'open' },
        },
      },
      null,
      2,
    );
    expect(parseMapping(json)).toMatchObject({ ok: true, mapping: { id: 'json-one' } });
  });

  it('refuses an unknown transform, pointing at its line, in English and French', () => {
    const [issue] = issuesOf(
      mappingWith('  /person/name/given:', '    from: prenom', '    transforms:', '      - trim', '      - shout'),
    );
    expect(issue).toMatchObject({
      pointer: '/fields/~1person~1name~1given/transforms/1',
      code: 'mapping.unknown-transform',
      line: 12,
      column: 9,
    });
    expect(issue!.message.en).toContain('Unknown transform "shout"');
    expect(issue!.message.fr).toContain('Transformation « shout » inconnue');
  });

  it('refuses a bad source path', () => {
    const [issue] = issuesOf(mappingWith('  /person/name/given:', '    from: enfant..prenom'));
    expect(issue).toMatchObject({
      pointer: '/fields/~1person~1name~1given/from',
      code: 'mapping.bad-path',
      line: 9,
      column: 5,
    });
    expect(issue!.message.fr).toContain("n'est pas un chemin source valide");
  });

  it('refuses a value map without a default', () => {
    const [issue] = issuesOf(
      mappingWith(
        '  /case/riskLevel:',
        '    from: risque',
        '    transforms:',
        '      - map: { values: { eleve: high }, unmapped: reject }',
      ),
    );
    expect(issue).toMatchObject({
      pointer: '/fields/~1case~1riskLevel/transforms/0/map',
      code: 'mapping.schema.required',
      line: 11,
    });
    expect(issue!.message).toEqual({ en: 'Missing property "default"', fr: 'Propriété « default » manquante' });
  });

  it('refuses a target that is not a canonical field, and a key that is not a pointer', () => {
    const issues = issuesOf(
      mappingWith('  /person/favouriteColour: { from: couleur }', '  person/name: { from: nom }'),
    );
    expect(issues.map((i) => [i.pointer, i.code, i.line])).toEqual([
      ['/fields/~1person~1favouriteColour', 'mapping.unknown-target', 8],
      ['/fields/person~1name', 'mapping.schema.propertyNames', 9],
    ]);
    const semantic = issuesOf(mappingWith('  /person/favouriteColour: { from: couleur }'));
    expect(semantic).toEqual([
      expect.objectContaining({
        pointer: '/fields/~1person~1favouriteColour',
        code: 'mapping.unknown-target',
        line: 8,
        column: 3,
      }),
    ]);
  });

  it('refuses codes outside the target code list, and `other` where the list has none', () => {
    const issues = issuesOf(
      mappingWith(
        '  /case/riskLevel:',
        '    from: risque',
        '    transforms:',
        '      - map: { values: { eleve: very-high }, default: null, unmapped: other }',
      ),
    );
    expect(issues.map((i) => i.code)).toEqual(['mapping.code-not-in-list', 'mapping.no-other-code']);
    expect(issues[0]!.message.en).toContain('(high, medium, low)');
  });

  it('refuses transforms whose output cannot fill the target', () => {
    const [issue] = issuesOf(mappingWith('  /person/name/given: { from: prenoms, transforms: [words] }'));
    expect(issue).toMatchObject({ code: 'mapping.kind-mismatch', pointer: '/fields/~1person~1name~1given' });
  });

  it('takes an age reference as a source path, { from: path }, { constant: date } or received', () => {
    for (const reference of ['enregistrement/date', '{ from: received }', '{ constant: 2026-06-30 }', 'received']) {
      const result = parseMapping(
        mappingWith(`  /person/ageAtRegistration: { from: age, transforms: [{ age: { reference: ${reference} } }] }`),
      );
      expect(result).toMatchObject({ ok: true });
    }
  });

  it.each(['2026-02-30', '30/06/2026', '2026-06-30T00:00:00Z', '1850-01-01'])(
    'refuses the constant reference date %s, pointing at it, in English and French',
    (constant) => {
      const issues = issuesOf(
        mappingWith(
          '  /person/birthDate:',
          '    from: age',
          '    transforms:',
          `      - ageToBirthYear: { reference: { constant: "${constant}" } }`,
        ),
      );
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({
        pointer: '/fields/~1person~1birthDate/transforms/0/ageToBirthYear/reference/constant',
        code: 'mapping.bad-reference-date',
        line: 11,
      });
      expect(issues[0]!.message.en).toContain('is not a date written YYYY-MM-DD');
      expect(issues[0]!.message.fr).toContain("n'est pas une date écrite AAAA-MM-JJ");
    },
  );

  it('refuses a bad path in a { from } reference, and an unknown form of reference, where they are', () => {
    const issues = issuesOf(
      mappingWith(
        '  /person/birthDate: { from: age, transforms: [{ ageToBirthYear: { reference: { from: a..b } } }] }',
        '  /person/ageAtRegistration: { from: age, transforms: [{ age: { reference: { today: true } } }] }',
      ),
    );
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/fields/~1person~1birthDate/transforms/0/ageToBirthYear/reference/from', 'mapping.bad-path'],
      ['/fields/~1person~1ageAtRegistration/transforms/0/age/reference', 'mapping.schema.anyOf'],
    ]);
  });

  it('lets split take one part, which fills a text field, and refuses an index that is not a whole number', () => {
    expect(
      parseMapping(
        mappingWith(
          '  /person/location/locality: { from: lieu, transforms: [{ split: { separator: "/", index: -1 } }] }',
        ),
      ),
    ).toMatchObject({ ok: true });
    const [whole] = issuesOf(
      mappingWith('  /person/location/locality: { from: lieu, transforms: [{ split: { separator: "/" } }] }'),
    );
    expect(whole).toMatchObject({ code: 'mapping.kind-mismatch', pointer: '/fields/~1person~1location~1locality' });
    const [fraction] = issuesOf(
      mappingWith(
        '  /person/location/locality: { from: lieu, transforms: [{ split: { separator: "/", index: 0.5 } }] }',
      ),
    );
    expect(fraction).toMatchObject({
      code: 'mapping.schema.type',
      pointer: '/fields/~1person~1location~1locality/transforms/0/split/index',
    });
  });

  it('takes splitName as a part alone or with an order, and refuses an order it does not know', () => {
    for (const spec of ['given', '{ part: given, order: given-first }', '{ part: family, order: auto }'])
      expect(
        parseMapping(mappingWith(`  /person/name/given: { from: nom, transforms: [{ splitName: ${spec} }] }`)),
      ).toMatchObject({ ok: true });
    const [issue] = issuesOf(
      mappingWith('  /person/name/given: { from: nom, transforms: [{ splitName: { part: given, order: last } }] }'),
    );
    expect(issue).toMatchObject({
      code: 'mapping.schema.enum',
      pointer: '/fields/~1person~1name~1given/transforms/0/splitName/order',
    });
  });

  it('requires the fields every record needs', () => {
    const issues = issuesOf(yaml('id: test-mapping', 'tool: csv', 'fields:', '  /person/name/given: { from: prenom }'));
    expect(issues.map((i) => i.message.en)).toEqual([
      '/sourceRecordId must be mapped: every record needs it',
      '/person/sex must be mapped: every record needs it',
      '/case/status must be mapped: every record needs it',
    ]);
  });

  it('refuses unknown properties, both `from` and `value`, and conditions with two tests', () => {
    const issues = issuesOf(
      yaml(
        'id: test-mapping',
        'tool: csv',
        'colour: red',
        'skip:',
        '  - { path: statut, equals: test, empty: true }',
        'fields:',
        ...REQUIRED,
        '  /person/name/given: { from: prenom, value: Jean }',
      ),
    );
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/colour', 'mapping.schema.additionalProperties'],
      ['/skip/0', 'mapping.condition'],
      ['/fields/~1person~1name~1given', 'mapping.from-or-value'],
    ]);
  });

  it('reports every problem in one run: an unknown transform hides neither an unknown target nor a bad code', () => {
    const issues = issuesOf(
      yaml(
        'id: test-mapping',
        'tool: csv',
        'ignore: [ok, enfant..age]',
        'fields:',
        ...REQUIRED,
        '  /person/name/given: { from: prenom, transforms: [trim, shout] }',
        '  /person/favouriteColour: { from: couleur }',
        '  /case/riskLevel:',
        '    from: risque',
        '    transforms:',
        '      - map: { values: { eleve: very-high }, default: null, unmapped: reject }',
        '  /person/name/family: { from: nom, transforms: [{ split: "" }] }',
      ),
    );
    expect(issues.map((i) => [i.pointer, i.code, i.line])).toEqual([
      ['/ignore/1', 'mapping.bad-path', 3],
      ['/fields/~1person~1name~1given/transforms/1', 'mapping.unknown-transform', 9],
      ['/fields/~1person~1favouriteColour', 'mapping.unknown-target', 10],
      ['/fields/~1case~1riskLevel/transforms/0/map/values/eleve', 'mapping.code-not-in-list', 14],
      ['/fields/~1person~1name~1family/transforms/0/split', 'mapping.schema.minLength', 15],
    ]);
  });

  it('still requires the fields every record needs when the document breaks the schema elsewhere', () => {
    const issues = issuesOf(yaml('id: Not_an_id', 'tool: csv', 'fields:', '  /person/name/given: { from: prenom }'));
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/id', 'mapping.schema.pattern'],
      ['/fields', 'mapping.required-target'],
      ['/fields', 'mapping.required-target'],
      ['/fields', 'mapping.required-target'],
    ]);
  });

  it('reports YAML syntax errors and duplicate targets with their position', () => {
    const [issue] = issuesOf(mappingWith('  /person/name/given: { from: a }', '  /person/name/given: { from: b }'));
    expect(issue).toMatchObject({ code: 'mapping.syntax.duplicate_key', line: 9 });
  });

  it('refuses source paths that would reach an object prototype', () => {
    const [issue] = issuesOf(mappingWith('  /person/name/given: { from: __proto__.polluted }'));
    expect(issue).toMatchObject({ code: 'mapping.bad-path' });
  });
});

describe('validateMapping', () => {
  it('checks a mapping given as data and answers with pointers only', () => {
    const result = validateMapping({ id: 'x', tool: 'csv', fields: { '/sourceRecordId': { from: 'id' } } });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          pointer: '/id',
          code: 'mapping.schema.pattern',
          message: { en: 'Does not have the expected form', fr: "N'a pas la forme attendue" },
        },
        expect.objectContaining({ pointer: '/fields', code: 'mapping.required-target' }),
        expect.objectContaining({ pointer: '/fields', code: 'mapping.required-target' }),
      ],
    });
  });
});
