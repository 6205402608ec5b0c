import { describe, expect, it } from 'vitest';
import { ageAtRegistration, ageToBirthYear, date, timestamp } from '../../../../core/mapping/transforms/dates.ts';
import { TransformFailure, type TransformSink } from '../../../../core/mapping/transforms/failure.ts';
import { splitFullName } from '../../../../core/mapping/transforms/names.ts';
import { phone } from '../../../../core/mapping/transforms/phone.ts';
import { split, splitPart, title, trim, words } from '../../../../core/mapping/transforms/text.ts';
import { valueMap } from '../../../../core/mapping/transforms/value-map.ts';

const recorder = () => {
  const warnings: string[] = [];
  const kept: string[] = [];
  const sink: TransformSink = { warn: (rule) => warnings.push(rule), keepOther: (raw) => kept.push(raw) };
  return { sink, warnings, kept };
};

describe('text transforms', () => {
  it('trim removes surrounding whitespace and collapses inner runs', () => {
    expect(trim('  BAHATI   Amani ')).toBe('BAHATI Amani');
    expect(trim(48213307)).toBe('48213307');
  });

  it('title capitalises after spaces, hyphens and apostrophes', () => {
    expect(title("jean-pierre d'AMOUR")).toBe("Jean-Pierre D'Amour");
  });

  it('words reads a select_multiple answer; split trims and drops empty parts', () => {
    expect(words(' separe  vbg ')).toEqual(['separe', 'vbg']);
    expect(split(',')('Nene, Mami,,')).toEqual(['Nene', 'Mami']);
  });

  it.each([
    ['Kiremba / Gatare', 0, 'Kiremba'],
    ['Kiremba / Gatare', 1, 'Gatare'],
    ['Kiremba / Gatare', -1, 'Gatare'],
    ['Ngozi / Kiremba / Gatare', -2, 'Kiremba'],
    ['Kiremba', 0, 'Kiremba'],
    ['Kiremba', -1, 'Kiremba'],
  ])('split with an index takes one part, trimmed: %s at %s', (text, index, part) => {
    expect(splitPart('/', index)(text)).toBe(part);
  });

  it.each([
    ['Kiremba', 1],
    ['Kiremba', -2],
    ['Kiremba /', 1],
    [' / Gatare', 0],
    ['Ngozi //Gatare', 1],
  ])('split with an index gives no value for a part that is missing or empty: %s at %s', (text, index) => {
    expect(splitPart('/', index)(text)).toBeUndefined();
  });

  it('refuses objects where text is expected', () => {
    expect(() => trim({ a: 1 })).toThrow(TransformFailure);
  });
});

describe('splitFullName (FAMILY POSTNOM Given)', () => {
  it.each([
    ['KABASELE TSHIMANGA Jean', { family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean' }],
    ['NIYONZIMA Aline Divine', { family: 'NIYONZIMA', given: 'Aline Divine' }],
    ['Neema FURAHA', { family: 'FURAHA', given: 'Neema' }],
    ['MBUYI KAPINGA THÉRÈSE', { family: 'MBUYI', middle: 'KAPINGA', given: 'THÉRÈSE' }],
    ['NDAYISHIMIYE', { family: 'NDAYISHIMIYE' }],
    ['Amani', { given: 'Amani' }],
    ['Jean K. MUKENDI', { family: 'MUKENDI', given: 'Jean K.' }],
  ])('%s', (full, parts) => {
    expect(splitFullName(full)).toEqual(parts);
  });

  it('takes the first word as family name when nothing is in capitals, and warns', () => {
    const { sink, warnings } = recorder();
    expect(splitFullName('Zawadi Furaha', 'auto', sink)).toEqual({ family: 'Zawadi', given: 'Furaha' });
    expect(warnings).toEqual(['splitName']);
  });

  it.each([
    ['Jean KABASELE Marie TSHIMANGA', { family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean Marie' }],
    ['MBUYI KAPINGA THÉRÈSE', { family: 'MBUYI', middle: 'KAPINGA', given: 'THÉRÈSE' }],
  ])('warns when it guesses from capitals that are apart or everywhere: %s', (full, parts) => {
    const { sink, warnings } = recorder();
    expect(splitFullName(full, 'auto', sink)).toEqual(parts);
    expect(warnings).toEqual(['splitName']);
  });

  it.each(['KABASELE TSHIMANGA Jean', 'Neema FURAHA', 'NDAYISHIMIYE', 'Amani'])(
    'does not warn when the capitals say it: %s',
    (full) => {
      const { sink, warnings } = recorder();
      splitFullName(full, 'auto', sink);
      expect(warnings).toEqual([]);
    },
  );
});

describe('splitFullName in a declared order', () => {
  it.each([
    ['Marie Claire Dupont', { family: 'Dupont', given: 'Marie Claire' }],
    ['Jean Pierre Kabasele', { family: 'Kabasele', given: 'Jean Pierre' }],
    ['Jean KABASELE TSHIMANGA', { family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean' }],
    ['Neema FURAHA', { family: 'FURAHA', given: 'Neema' }],
    ['JEAN KABASELE', { family: 'KABASELE', given: 'JEAN' }],
    ['Amani', { given: 'Amani' }],
  ])('given-first: %s', (full, parts) => {
    const { sink, warnings } = recorder();
    expect(splitFullName(full, 'given-first', sink)).toEqual(parts);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['Zawadi Furaha', { family: 'Zawadi', given: 'Furaha' }],
    ['Kabasele Jean Pierre', { family: 'Kabasele', given: 'Jean Pierre' }],
    ['KABASELE TSHIMANGA Jean', { family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean' }],
    ['NIYONZIMA Aline Divine', { family: 'NIYONZIMA', given: 'Aline Divine' }],
    ['MBUYI KAPINGA THÉRÈSE', { family: 'MBUYI', middle: 'KAPINGA', given: 'THÉRÈSE' }],
    ['NDAYISHIMIYE', { family: 'NDAYISHIMIYE' }],
  ])('family-first: %s', (full, parts) => {
    const { sink, warnings } = recorder();
    expect(splitFullName(full, 'family-first', sink)).toEqual(parts);
    expect(warnings).toEqual([]);
  });
});

describe('date', () => {
  const parse = date(['yyyy-mm-dd', 'dd/mm/yyyy', 'mm/yyyy', 'yyyy', 'yyyymmdd', 'excel']);

  it.each([
    ['2015-04-12', { value: '2015-04-12', precision: 'exact' }],
    ['12/04/2015', { value: '2015-04-12', precision: 'exact' }],
    ['1/2/2016', { value: '2016-02-01', precision: 'exact' }],
    ['04/2015', { value: '2015-04', precision: 'month' }],
    ['2016', { value: '2016', precision: 'year' }],
    ['19371223', { value: '1937-12-23', precision: 'exact' }],
    [39630, { value: '2008-07-01', precision: 'exact' }],
    ['45390', { value: '2024-04-08', precision: 'exact' }],
    ['29/02/2024', { value: '2024-02-29', precision: 'exact' }],
  ])('reads %s', (input, expected) => {
    expect(parse(input)).toEqual(expected);
  });

  it.each(['31/02/2015', '29/02/2023', '19371233', '2015-13-01', 'hier', '-3'])(
    'refuses %s, without quoting it',
    (input) => {
      const failure = (() => {
        try {
          parse(input);
        } catch (error) {
          return error as TransformFailure;
        }
      })();
      expect(failure).toBeInstanceOf(TransformFailure);
      expect(JSON.stringify(failure!.reason)).not.toContain(input);
    },
  );

  it('keeps years within 1900–2100, so that a stray number is not taken for a year', () => {
    expect(() => date(['yyyy'])('1850')).toThrow(TransformFailure);
  });

  it('tries the declared formats in order: mm/dd/yyyy only when declared', () => {
    expect(date(['mm/dd/yyyy'])('04/12/2015')).toEqual({ value: '2015-04-12', precision: 'exact' });
    expect(date(['dd/mm/yyyy'])('04/12/2015')).toEqual({ value: '2015-12-04', precision: 'exact' });
  });
});

describe('timestamp', () => {
  it('gives a zone-less Kobo _submission_time the declared offset, and keeps an existing one', () => {
    expect(timestamp('Z')('2024-03-05T09:12:44')).toBe('2024-03-05T09:12:44Z');
    expect(timestamp('Z')('2024-03-05 09:12')).toBe('2024-03-05T09:12:00Z');
    expect(timestamp('Z')('2024-03-05T09:12:44.417+0100')).toBe('2024-03-05T09:12:44.417+01:00');
    expect(() => timestamp('Z')('2024-02-30T10:00:00')).toThrow(TransformFailure);
  });
});

describe('ages', () => {
  it('estimate a birth year from an age at a reference date', () => {
    expect(ageToBirthYear('7', '2024-06-18T12:22:31')).toEqual({ value: '2017', precision: 'estimated' });
    expect(ageAtRegistration(12, '05/04/2024')).toEqual({ years: 12, asOf: '2024-04-05' });
  });

  it('count from a constant reference date, or from the received time (its UTC day)', () => {
    expect(ageAtRegistration('9', '2026-06-30')).toEqual({ years: 9, asOf: '2026-06-30' });
    expect(ageToBirthYear('9', '2026-12-31T23:30:00.000Z')).toEqual({ value: '2017', precision: 'estimated' });
    expect(ageAtRegistration('9', '2026-12-31T23:30:00.000Z')).toEqual({ years: 9, asOf: '2026-12-31' });
  });

  it('refuse a missing reference date or an age that is not whole years', () => {
    expect(() => ageToBirthYear('7', undefined)).toThrow(TransformFailure);
    expect(() => ageToBirthYear('sept', '2024-06-18')).toThrow(TransformFailure);
    expect(() => ageToBirthYear('130', '2024-06-18')).toThrow(TransformFailure);
  });
});

describe('phone', () => {
  it.each([
    ['CD', '0812 345 678', '+243812345678'],
    ['CD', '812345678', '+243812345678'],
    ['CD', '+243 99 765 4321', '+243997654321'],
    ['CD', '00243 99 765 4321', '+243997654321'],
    ['CD', '243997654321', '+243997654321'],
    ['BI', '79 123 456', '+25779123456'],
    ['BI', '+257 (79) 123-456', '+25779123456'],
  ] as const)('%s %s → %s', (country, input, expected) => {
    expect(phone(country)(input)).toBe(expected);
  });

  it.each(['12', '0997 12 34', '079123456', 'appeler le chef'])('refuses %s as a Congolese number', (input) => {
    expect(() => phone('CD')(input)).toThrow(TransformFailure);
  });
});

describe('value maps', () => {
  const sex = (unmapped: 'reject' | 'other' | 'warn') =>
    valueMap({ values: { garcon: 'male', garçon: 'male', M: 'male', fille: 'female' }, default: 'unknown', unmapped });

  it('match case-insensitively and trimmed', () => {
    const { sink } = recorder();
    expect(sex('reject').apply(' Garçon ', sink)).toBe('male');
    expect(sex('reject').apply('m', sink)).toBe('male');
  });

  it('reject an unmapped value naming the allowed codes, never the value (it may be a phone number)', () => {
    const { sink } = recorder();
    let failure: TransformFailure | undefined;
    try {
      sex('reject').apply('+243 812 345 678', sink);
    } catch (error) {
      failure = error as TransformFailure;
    }
    expect(failure).toBeInstanceOf(TransformFailure);
    expect(failure!.rule).toBe('map');
    expect(failure!.reason.en).toContain('garcon, garçon, M, fille');
    expect(JSON.stringify(failure)).not.toContain('812');
    expect(JSON.stringify(failure!.reason)).not.toContain('812');
  });

  it('map an unmapped code to other and keep the raw value', () => {
    const { sink, kept } = recorder();
    expect(sex('other').apply('intersexe', sink)).toBe('other');
    expect(kept).toEqual(['intersexe']);
  });

  it('use the default with a warning under the warn rule', () => {
    const { sink, warnings } = recorder();
    expect(sex('warn').apply('nd', sink)).toBe('unknown');
    expect(warnings).toEqual(['map']);
  });

  it('honour caseSensitive', () => {
    const { sink } = recorder();
    const strict = valueMap({ values: { M: 'male' }, default: null, unmapped: 'warn', caseSensitive: true });
    expect(strict.apply('M', sink)).toBe('male');
    expect(strict.apply('m', sink)).toBeUndefined();
  });
});
