import { describe, expect, it } from 'vitest';
import { indexKeys, queryKeys } from '../../../../core/matching/blocking.ts';
import { compareSubjects } from '../../../../core/matching/compare.ts';
import { decide } from '../../../../core/matching/decide.ts';
import { DEFAULT_PROFILE, PROFILES } from '../../../../core/matching/profiles.ts';
import { matchSubject } from '../../../../core/matching/subject.ts';
import type { Person } from '../../../../schemas/canonical/person.ts';
import { childOf, mirabelle, mireille } from '../../../fixtures/registry/households.ts';

const subject = (person: Person, recordId = 'rec') => matchSubject(person, { recordId, organisationId: 'org_a' });
const household = {
  family: 'KABASELE',
  postnom: 'Tshimanga',
  caregiver: { family: 'MWAMBA', given: 'Esther' },
  phone: '+243812345678',
  village: 'Kasapa',
  birth: '2016-04-09',
};

describe('compareSubjects and decide', () => {
  it('links one child recorded by two organisations in a different name order and spelling', () => {
    const a = subject({
      name: { family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean-Pierre' },
      sex: 'male',
      birthDate: { value: '2016-04-09', precision: 'exact' },
      location: { territory: 'Kolwezi', locality: 'Kasapa' },
    });
    const b = subject(
      {
        name: { family: 'Jean Pierre', given: 'Kabasele Chimanga' },
        sex: 'male',
        birthDate: { value: '2016-09-04', precision: 'exact' },
        location: { territory: 'Kolwezy' },
      },
      'rec2',
    );
    const decision = decide(compareSubjects(a, b));
    expect(decision.outcome).toBe('link');
    expect(decision.comparison.fields.map((f) => [f.field, f.level])).toEqual([
      ['name', 'exact'],
      ['birth', 'swapped'],
      ['sex', 'agree'],
      ['location', 'territory'],
    ]);
  });

  it('holds twins back for review however much they share', () => {
    const comparison = compareSubjects(
      subject(childOf(household, 'Neema')),
      subject(childOf(household, 'Furaha'), 'rec2'),
    );
    expect(comparison.score).toBeGreaterThanOrEqual(DEFAULT_PROFILE.link);
    expect(decide(comparison)).toMatchObject({ outcome: 'review', guard: 'same-household' });
    const apart = { ...comparison, sameHousehold: false, householdConflict: false };
    expect(decide(apart)).toMatchObject({ outcome: 'review', guard: 'different-names' });
  });

  it('holds twins with close but different prénoms (TSHIBANGU KALALA Mireille and Mirabelle) for review', () => {
    const comparison = compareSubjects(subject(mireille), subject(mirabelle, 'rec2'));
    expect(comparison.score).toBeGreaterThanOrEqual(DEFAULT_PROFILE.link);
    expect(decide(comparison)).toMatchObject({ outcome: 'review', guard: 'same-household' });
  });

  it('holds twins whose family name has a typo: an undecided name does not switch the guard off', () => {
    const typo = { ...household, family: 'NWAMBA' };
    const comparison = compareSubjects(
      subject(childOf({ ...household, family: 'MWAMBA' }, 'Neema')),
      subject({ ...childOf(typo, 'Furaha'), caregivers: [], phones: [] }, 'rec2'),
    );
    expect(comparison.differentNames).toBe(true);
    expect(decide({ ...comparison, score: DEFAULT_PROFILE.link })).toMatchObject({ guard: 'different-names' });
  });

  it('never links within a household a different sex (Jean, Jeanne) or a name re-used years later', () => {
    const jean = subject(childOf(household, 'Jean', { sex: 'male' }));
    const jeanne = subject(childOf(household, 'Jeanne', { sex: 'female' }), 'r2');
    const later = subject(childOf(household, 'Jean', { sex: 'male', birth: '2019-04-09' }), 'r3');
    for (const other of [jeanne, later]) {
      const comparison = compareSubjects(jean, other);
      expect(comparison.householdConflict).toBe(true);
      expect(decide({ ...comparison, score: 40 })).toMatchObject({ outcome: 'review', guard: 'same-household' });
    }
  });

  it('links nothing on birth years further apart than the records allow, whatever the score', () => {
    const comparison = compareSubjects(
      subject({
        name: { family: 'ILUNGA', given: 'Joseph' },
        sex: 'male',
        birthDate: { value: '2014', precision: 'year' },
      }),
      subject(
        { name: { family: 'ILUNGA', given: 'Joseph' }, sex: 'male', birthDate: { value: '2018', precision: 'year' } },
        'r2',
      ),
    );
    expect(comparison.birthApart).toBe(true);
    expect(decide({ ...comparison, score: 40 })).toMatchObject({ outcome: 'review', guard: 'birth-apart' });
    expect(decide({ ...comparison, score: 40 }, PROFILES.generic)).toMatchObject({ outcome: 'link' });
  });

  it('weighs agreement on a common name less than on a rare one, never below zero', () => {
    const a = subject({ name: { family: 'MUKENDI', given: 'Jean' }, sex: 'male' });
    const b = subject({ name: { family: 'Mukendi', given: 'Jean' }, sex: 'male' }, 'r2');
    const nameWeight = (bearers: number | undefined) =>
      compareSubjects(a, b, { bearers: () => bearers }).fields.find((f) => f.field === 'name')!.weight;
    expect(nameWeight(1)).toBeCloseTo(nameWeight(undefined), 9);
    expect(nameWeight(16)).toBeCloseTo(nameWeight(1) - 4, 9);
    expect(nameWeight(1_000_000)).toBe(0);
  });

  it('still links one prénom spelt two ways in one household: a variant row or a phonetic shift', () => {
    for (const [x, y] of [
      ['Neema', 'Neyma'],
      ['Glodi', 'Glody'],
    ] as const) {
      const decision = decide(compareSubjects(subject(childOf(household, x)), subject(childOf(household, y), 'r2')));
      expect(decision.outcome, `${x} / ${y}`).toBe('link');
    }
  });

  it('lets an agreeing personal identifier lift the siblings guard, never a household one', () => {
    const withId = (given: string, scheme: string) => ({
      ...childOf(household, given),
      identifiers: [{ scheme, value: 'BC-2016-0042' }],
    });
    expect(
      decide(
        compareSubjects(
          subject(withId('Neema', 'birth_certificate')),
          subject(withId('Neemah Grace', 'birth_certificate'), 'r2'),
        ),
      ).outcome,
    ).toBe('link');
    expect(
      decide(compareSubjects(subject(withId('Neema', 'unhcr_case')), subject(withId('Furaha', 'unhcr_case'), 'r2')))
        .outcome,
    ).toBe('review');
  });

  it('refuses namesakes whose ages are years apart', () => {
    const namesake = (age: number, recordId: string) =>
      subject(
        {
          name: { family: 'ILUNGA', given: 'Joseph' },
          sex: 'male',
          ageAtRegistration: { years: age, asOf: '2026-01-15' },
          location: { territory: 'Goma' },
        },
        recordId,
      );
    expect(decide(compareSubjects(namesake(6, 'a'), namesake(13, 'b'))).outcome).not.toBe('link');
  });

  it('never links records a person declared different', () => {
    const one = subject(childOf(household, 'Neema'));
    expect(decide(compareSubjects(one, { ...one, recordId: 'copy' }), DEFAULT_PROFILE, true)).toMatchObject({
      outcome: 'new',
      guard: 'declared-different',
    });
  });
});

describe('blocking keys', () => {
  it('meet in both directions for dates a year apart, swapped dates and estimated ages', () => {
    const pairs: Array<[Person, Person]> = [
      [childOf(household, 'Neema'), childOf(household, 'Neema', { birth: '2017-04-09' })],
      [childOf(household, 'Neema', { birth: '2016-04-09' }), childOf(household, 'Neema', { birth: '2016-09-04' })],
      [
        {
          name: { family: 'Ilunga', given: 'Joseph' },
          sex: 'male',
          ageAtRegistration: { years: 8, asOf: '2026-01-01' },
        },
        { name: { family: 'Ilunga', given: 'Joseph' }, sex: 'male', birthDate: { value: '2016', precision: 'year' } },
      ],
    ];
    for (const [x, y] of pairs) {
      const [a, b] = [
        subject({ ...x, phones: [], caregivers: [] }),
        subject({ ...y, phones: [], caregivers: [] }, 'r2'),
      ];
      expect(queryKeys(a).some((k) => indexKeys(b).includes(k))).toBe(true);
      expect(queryKeys(b).some((k) => indexKeys(a).includes(k))).toBe(true);
    }
  });
});
