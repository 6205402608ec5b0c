import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { ProtectionConcern as Concerns } from '../../schemas/canonical/codes.ts';

type ProtectionConcern = z.infer<typeof Concerns>;

/**
 * The fictional children of the demo data (cli/serve/demo-data.ts): Congolese names put together from
 * common ones, in the three territories of the demo's directory, registered in the calendar quarters that
 * have ended, so that the cross-organisation statistics (whole ended quarters only) have something to show.
 * Pure data: the seeder turns each registration into what its source's tool sends.
 */

export type Territory = 'Kolwezi' | 'Mutshatsha' | 'Lubudi';
export type Holder = 'espoir-kobo-v1' | 'espoir-kobo-v2' | 'espoir-app' | 'divas';

/** One child as one organisation registered it. */
export interface Registration {
  /** Stable within the demo: the source record id is derived from it. */
  key: string;
  holder: Holder;
  family: string;
  middle?: string;
  given: string;
  sex: 'female' | 'male' | 'unknown';
  /** A birth date at its precision, or only an age stated on the registration day. */
  birth: { date: string } | { month: string } | { year: string } | { age: number };
  territory: Territory;
  locality: string;
  caregiver?: { relationship: 'mother' | 'father' | 'grandparent' | 'aunt_uncle'; name: string; phone: string };
  concerns: ProtectionConcern[];
  risk: 'high' | 'medium' | 'low';
  registered: string;
  /** Consent for reporting (a canonical record says it; Kobo's form does not ask). */
  reporting?: boolean;
  caseWorker: string;
}

/** A calendar quarter, as the statistics grid cuts time. */
export interface Quarter {
  from: string;
  to: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The calendar quarter `back` quarters before the one `today` is in (1: the last one that ended). */
export function quarterBefore(today: Date, back: number): Quarter {
  const index = today.getUTCFullYear() * 4 + Math.floor(today.getUTCMonth() / 3) - back;
  const year = Math.floor(index / 4);
  const first = (index % 4) * 3;
  return { from: iso(new Date(Date.UTC(year, first, 1))), to: iso(new Date(Date.UTC(year, first + 3, 0))) };
}

const FAMILY = [
  'MUKENDI',
  'ILUNGA',
  'KALENGA',
  'TSHIBANGU',
  'MBUYI',
  'KASONGO',
  'NGOY',
  'MWAMBA',
  'KABEYA',
  'BANZA',
  'KALALA',
  'NKULU',
  'KYUNGU',
  'MUMBA',
  'KAPEND',
  'MULUMBA',
  'KANKU',
  'LUKUSA',
  'YAV',
  'SANGWA',
  'MUSENG',
  'KAZADI',
  'MUTEB',
];
const MIDDLE = [
  'KAHILU',
  'MWILU',
  'KAPINGA',
  'NUMBI',
  'KAYEMBE',
  'MPANGA',
  'KITENGE',
  'MASENGO',
  'MWEPU',
  'KABWE',
  'NDAYA',
  'TSHIAMA',
  'KILUFYA',
  'MUJINGA',
  'SEYA',
  'LENGE',
  'KAFWANKA',
];
const GIRLS = [
  'Neema',
  'Merveille',
  'Grâce',
  'Furaha',
  'Esther',
  'Rachel',
  'Plamedie',
  'Bénédicte',
  'Christelle',
  'Sarah',
  'Divine',
  'Prisca',
  'Naomie',
  'Ruth',
  'Chancelle',
  'Rebecca',
  'Gloria',
  'Dorcas',
  'Jemima',
  'Nathalie',
  'Ornella',
  'Séphora',
];
const BOYS = [
  'Jean',
  'Patient',
  'Dieumerci',
  'Josué',
  'Glodi',
  'Junior',
  'Moïse',
  'Daniel',
  'Exaucé',
  'Héritier',
  'Fiston',
  'Jonathan',
  'Joël',
  'Trésor',
  'Bienvenu',
  'Élie',
  'Gédéon',
  'Prince',
  'Samuel',
  'Emmanuel',
  'Christian',
  'Blaise',
];
const ADULT_WOMEN = ['Thérèse', 'Mamie', 'Odette', 'Francine', 'Solange', 'Annie', 'Jeanne', 'Clarisse', 'Véronique'];
const ADULT_MEN = ['Albert', 'Pascal', 'Honoré', 'Célestin', 'Mathieu', 'Richard', 'Augustin', 'Faustin'];
const LOCALITIES: Record<Territory, string[]> = {
  Kolwezi: ['Kasulo', 'Kanina', 'Musonoi', 'Mutoshi', 'Manika', 'Dilala'],
  Mutshatsha: ['Mutshatsha-centre', 'Kafakumba', 'Luilu'],
  Lubudi: ['Lubudi-centre', 'Fungurume', 'Kalonga'],
};
const CONCERNS: ProtectionConcern[][] = [
  ['worst_forms_of_child_labor'],
  ['separated'],
  ['street_child'],
  ['worst_forms_of_child_labor', 'separated'],
  ['physically_or_mentally_abused'],
  ['gbv_survivor'],
  ['unaccompanied'],
  ['child_headed_household'],
  ['serious_health_issue'],
  ['disabled'],
];

/**
 * How many distinct children of each sex and age (at the quarter's end) the last ended quarter holds:
 * some cells well over k (5), some under it, so the cross-organisation table shows both counts and
 * suppressed cells. Ages stay off bracket edges where only an age is known.
 */
const LAST_QUARTER: Array<{ sex: 'female' | 'male'; ages: number[] }> = [
  { sex: 'female', ages: [3, 4, 5] },
  { sex: 'male', ages: [2, 3, 3, 4, 4, 5] },
  { sex: 'female', ages: [7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 11] },
  { sex: 'male', ages: [6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 10, 11, 11] },
  { sex: 'female', ages: [12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 16, 16, 16, 17] },
  { sex: 'male', ages: [12, 12, 13, 13, 14, 14, 14, 15, 15, 15, 16, 16, 17, 17] },
];
const EARLIER_QUARTER: Array<{ sex: 'female' | 'male'; ages: number[] }> = [
  { sex: 'female', ages: [8, 13, 14, 15] },
  { sex: 'male', ages: [9, 12, 14, 16] },
];

const HOLDERS: Holder[] = ['divas', 'espoir-kobo-v1', 'espoir-app', 'divas', 'espoir-kobo-v2'];
const TERRITORIES: Territory[] = ['Kolwezi', 'Kolwezi', 'Mutshatsha', 'Kolwezi', 'Lubudi'];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const pad = (n: number) => String(n).padStart(2, '0');
/** A day of the quarter, spread over it by `i`. */
const dayOf = (quarter: Quarter, i: number) => {
  const from = Date.parse(quarter.from);
  const days = Math.round((Date.parse(quarter.to) - from) / 86_400_000);
  return iso(new Date(from + ((i * 11) % (days + 1)) * 86_400_000));
};
/** A birth date that makes the child `age` at the quarter's end (its month and day fall before it). */
const bornAged = (quarter: Quarter, age: number, i: number) =>
  `${Number(quarter.to.slice(0, 4)) - age}-${pad(1 + (i % 3))}-${pad(1 + ((i * 7) % 27))}`;
const phone = (i: number) => `+2439700${String(10_000 + i * 37).slice(-5)}`;

function child(quarter: Quarter, i: number, sex: 'female' | 'male', age: number, prefix: string): Registration {
  const holder = pick(HOLDERS, i);
  const territory = pick(TERRITORIES, i * 3 + 1);
  const family = pick(FAMILY, i * 5 + 2);
  const mother = i % 4 !== 3;
  const registered = dayOf(quarter, i);
  // Kobo enumerators often note only an age; the case apps keep dates.
  const birth: Registration['birth'] =
    holder.startsWith('espoir-kobo') && i % 3 === 0
      ? { age: Math.max(0, age - (registered.slice(5) > quarter.to.slice(5) ? 1 : 0)) }
      : i % 7 === 0
        ? { month: bornAged(quarter, age, i).slice(0, 7) }
        : { date: bornAged(quarter, age, i) };
  return {
    key: `${prefix}${pad(i)}`,
    holder,
    family,
    middle: pick(MIDDLE, i * 3 + 1),
    given: sex === 'female' ? pick(GIRLS, i * 7 + 3) : pick(BOYS, i * 5 + 1),
    sex,
    birth,
    territory,
    locality: pick(LOCALITIES[territory], i),
    caregiver: {
      relationship: mother ? 'mother' : i % 8 === 3 ? 'grandparent' : 'father',
      name: `${pick(FAMILY, i * 7 + 5)} ${mother ? pick(ADULT_WOMEN, i) : pick(ADULT_MEN, i)}`,
      phone: phone(i),
    },
    concerns: pick(CONCERNS, i * 3),
    risk: pick(['high', 'medium', 'medium', 'low'] as const, i),
    registered,
    // Two caregivers refused that their child be counted in reports: those two are left out of statistics.
    reporting: i % 29 !== 11,
    caseWorker: holder === 'divas' ? `AS-DIV-${pad(1 + (i % 4))}` : `CW-ESP-${pad(3 + (i % 5))}`,
  };
}

/** `first` keeps the cohorts' children apart: each index gives one child its names, household and phone. */
function cohort(quarter: Quarter, plan: typeof LAST_QUARTER, prefix: string, first: number): Registration[] {
  let i = first;
  return plan.flatMap(({ sex, ages }) =>
    ages.map((age) => ({ ...child(quarter, i, sex, age, prefix), key: `${prefix}${pad(i++ - first)}` })),
  );
}

/** What each organisation registered: the children, then the same children seen twice, twins and near-misses. */
export function demoRegistrations(today: Date): Registration[] {
  const last = quarterBefore(today, 1);
  const earlier = quarterBefore(today, 2);
  const children = [...cohort(last, LAST_QUARTER, 'A', 0), ...cohort(earlier, EARLIER_QUARTER, 'B', 100)];
  const byKey = (key: string) => children.find((c) => c.key === key)!;
  const later = (date: string, days: number) => iso(new Date(Date.parse(date) + days * 86_400_000));
  const dayIn = (q: Quarter, date: string, days: number) => (later(date, days) <= q.to ? later(date, days) : q.to);

  // The same child registered by the other organisation as well, as its own tool writes it: the registry
  // links these on its own (the same names, birth and caregiver).
  const seenTwice = ['A01', 'A04', 'A09', 'A12', 'A17', 'A22', 'A26', 'A31', 'A37', 'A44', 'A50'].map((key, n) => {
    const first = byKey(key);
    const other: Holder = first.holder === 'divas' ? pick(['espoir-app', 'espoir-kobo-v2'] as const, n) : 'divas';
    return {
      ...first,
      key: `${key}-bis`,
      holder: other,
      registered: dayIn(last, first.registered, 9),
      caseWorker: other === 'divas' ? 'AS-DIV-02' : 'CW-ESP-04',
    };
  });

  // Possible duplicates the registry cannot settle alone, each registered by the other organisation: a
  // misspelt name with only an age, after the family moved to Lubudi; a post-nom dropped, a birth year
  // one off and another quarter of Kolwezi. Close enough to ask a person, not enough to link: review items.
  const variants: Registration[] = [
    (() => {
      const c = byKey('A29');
      return {
        ...c,
        key: 'A29-var',
        holder: c.holder === 'divas' ? ('espoir-app' as const) : ('divas' as const),
        given: c.given.slice(0, -1) + (c.given.endsWith('i') ? 'y' : 'i'),
        family: c.family.slice(0, -1) + (c.family.endsWith('A') ? 'O' : 'A'),
        birth: { age: Number(last.to.slice(0, 4)) - Number(dateOf(c.birth).slice(0, 4)) },
        caregiver: undefined,
        territory: 'Lubudi' as const,
        locality: 'Fungurume',
        registered: dayIn(last, c.registered, 20),
        caseWorker: c.holder === 'divas' ? 'CW-ESP-05' : 'AS-DIV-04',
      };
    })(),
    (() => {
      const c = byKey('A41');
      return {
        ...c,
        key: 'A41-var',
        holder: c.holder === 'divas' ? ('espoir-app' as const) : ('divas' as const),
        middle: undefined,
        birth: { year: String(Number(dateOf(c.birth).slice(0, 4)) + 1) },
        caregiver: undefined,
        locality: LOCALITIES[c.territory].find((l) => l !== c.locality)!,
        registered: dayIn(last, c.registered, 15),
        caseWorker: c.holder === 'divas' ? 'CW-ESP-06' : 'AS-DIV-03',
      };
    })(),
  ];

  // Twins of one mother, registered together by DIVAS, and their older brother: the registry never links
  // children of one household with different given names on its own, and holds the twins for review.
  const twinsMother = { relationship: 'mother' as const, name: 'KAZADI Odette', phone: '+243970077001' };
  const twin = (key: string, given: string): Registration => ({
    key,
    holder: 'divas',
    family: 'KAZADI',
    middle: 'MWEPU',
    given,
    sex: 'female',
    birth: { date: `${Number(last.to.slice(0, 4)) - 9}-02-14` },
    territory: 'Kolwezi',
    locality: 'Musonoi',
    caregiver: twinsMother,
    concerns: ['worst_forms_of_child_labor', 'child_headed_household'],
    risk: 'high',
    registered: dayOf(last, 40),
    reporting: true,
    caseWorker: 'AS-DIV-01',
  });
  const household = [
    twin('T01', 'Mireille'),
    twin('T02', 'Mirabelle'),
    {
      ...twin('T03', 'Gédéon'),
      sex: 'male' as const,
      birth: { date: `${Number(last.to.slice(0, 4)) - 13}-07-03` },
      registered: dayOf(last, 41),
    },
  ];
  // Kobo's form has no code for a sex the enumerator could not note; version 2 of the mapping adds "nd".
  // Registered this quarter, which no table across organisations shows yet.
  const unknownSex: Registration = {
    ...child(quarterBefore(today, 0), 70, 'male', 15, 'U'),
    key: 'U01',
    holder: 'espoir-kobo-v2',
    sex: 'unknown',
    given: 'Bahati',
    registered: iso(today),
  };
  return [...children, unknownSex, ...seenTwice, ...variants, ...household];
}

const dateOf = (birth: Registration['birth']): string =>
  'date' in birth ? birth.date : 'month' in birth ? birth.month : 'year' in birth ? birth.year : '0000';

/**
 * A stable UUID-shaped id for a Kobo submission (Kobo gives each one a UUID): derived, so that seeding the
 * same data again sends the same submissions.
 */
export function submissionUuid(key: string): string {
  const h = createHash('sha256').update(`relais-demo-submission:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
