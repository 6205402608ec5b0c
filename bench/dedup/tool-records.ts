import { splitFullName } from '../../core/mapping/transforms/names.ts';
import type { Person } from '../../schemas/canonical/person.ts';
import type { Child } from './population.ts';
import { caseAs, hyphenVariant, shiftSpelling, stripAccents, typo } from './spelling.ts';
import type { Draw } from './zipf.ts';

/**
 * What each organisation's tool makes of a child, as the canonical Person its built-in mapping would
 * produce (adapters/sources/<tool>/mapping.yaml). Each tool has its habits:
 * - KoboToolbox (community forms on a phone): the full name in one question, split by the mapping's
 *   capitals convention, so a name typed in the wrong order or case comes out swapped; an age more often
 *   than a date (the form asks "âge" first); places from select lists, spelt right; the caregiver's phone.
 * - CommCare (case workers' app): nom, post-nom and prénom apart; a date picker for the birth date, else
 *   an age (a birth year); typed villages; phones of the child and caregiver.
 * - Primero / CPIMS+ (social affairs): separate names and a nickname field; the date of birth, or one
 *   estimated from an age; the address as free text only.
 * - Excel registers (typed from paper): NOM (with the post-nom in it, or not) and PRÉNOM, in capitals;
 *   an age or a date typed by hand (day and month swapped, a year only); the town as the clerk spells it;
 *   the sex often left blank; no caregiver column.
 */

export type Tool = 'kobotoolbox' | 'commcare' | 'primero' | 'excel';

export interface Organisation {
  id: string;
  tool: Tool;
  countries: ReadonlyArray<'CD' | 'BI'>;
}

export const ORGANISATIONS: readonly Organisation[] = [
  { id: 'org_avsi', tool: 'kobotoolbox', countries: ['CD'] },
  { id: 'org_save', tool: 'kobotoolbox', countries: ['CD', 'BI'] },
  { id: 'org_war-child', tool: 'commcare', countries: ['CD', 'BI'] },
  { id: 'org_irc', tool: 'commcare', countries: ['CD'] },
  { id: 'org_divas', tool: 'primero', countries: ['CD'] },
  { id: 'org_caritas', tool: 'excel', countries: ['CD', 'BI'] },
  { id: 'org_dpdfs', tool: 'excel', countries: ['BI'] },
];

/** The organisations working in a country, as a fresh array the caller may shuffle. */
export const organisationsIn = (country: 'CD' | 'BI'): Organisation[] =>
  ORGANISATIONS.filter((o) => o.countries.includes(country));

interface Habits {
  /** Chances, per name part, of one keyboard slip, one transcription shift, accents lost. */
  typo: number;
  shift: number;
  accentsLost: number;
  postnomDropped: number;
  /** The nom written in the given-name field and the prénom in the family one. */
  swapped: number;
  nicknameInstead: number;
  nicknameBeside: number;
  /** Share of records with an age rather than a birth date. */
  age: number;
  /** How a written date comes: exact, month and year, year only; and day and month swapped. */
  dates: ReadonlyArray<readonly ['exact' | 'month' | 'year', number]>;
  dayMonthSwapped: number;
  sexUnknown: number;
}

const HABITS: Record<Tool, Habits> = {
  kobotoolbox: {
    typo: 0.05,
    shift: 0.12,
    accentsLost: 0.5,
    postnomDropped: 0.3,
    swapped: 0,
    nicknameInstead: 0.08,
    nicknameBeside: 0,
    age: 0.55,
    dates: [
      ['exact', 0.6],
      ['month', 0.2],
      ['year', 0.2],
    ],
    dayMonthSwapped: 0.06,
    sexUnknown: 0,
  },
  commcare: {
    typo: 0.04,
    shift: 0.1,
    accentsLost: 0.4,
    postnomDropped: 0.2,
    swapped: 0.04,
    nicknameInstead: 0.1,
    nicknameBeside: 0.05,
    age: 0.35,
    dates: [['exact', 1]],
    dayMonthSwapped: 0,
    sexUnknown: 0.02,
  },
  primero: {
    typo: 0.03,
    shift: 0.08,
    accentsLost: 0.2,
    postnomDropped: 0.15,
    swapped: 0.02,
    nicknameInstead: 0.03,
    nicknameBeside: 0,
    age: 0.5,
    dates: [['exact', 1]],
    dayMonthSwapped: 0.02,
    sexUnknown: 0.01,
  },
  excel: {
    typo: 0.08,
    shift: 0.15,
    accentsLost: 0.7,
    postnomDropped: 0.3,
    swapped: 0.06,
    nicknameInstead: 0.15,
    nicknameBeside: 0.05,
    age: 0.6,
    dates: [
      ['exact', 0.5],
      ['month', 0.15],
      ['year', 0.35],
    ],
    dayMonthSwapped: 0.15,
    sexUnknown: 0.15,
  },
};

/** How far a stated age is from the real one: most are right, some a year or more off. */
const AGE_ERRORS = [
  [0, 0.72],
  [1, 0.1],
  [-1, 0.1],
  [2, 0.03],
  [-2, 0.03],
  [3, 0.01],
  [-3, 0.01],
] as const;

/**
 * How enumerators type "Nom complet": mostly the civil order with the nom in capitals, which the
 * mapping splits right; the prénom first, everything in capitals or nothing in capitals is split by
 * position, and the prénom then lands in the family name.
 */
const KOBO_ORDERS = [
  ['NOM Prénom', 0.55],
  ['Prénom NOM', 0.2],
  ['NOM PRÉNOM', 0.1],
  ['PRÉNOM NOM', 0.05],
  ['Prénom Nom', 0.05],
  ['Nom Prénom', 0.05],
] as const;

const DAY = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** The Person a tool's record of this child holds, registered on `day` (days since 1970). */
export function recordOf(child: Child, tool: Tool, day: number, draw: Draw): Person {
  const habits = HABITS[tool];
  const { chance, pick, random } = draw;
  const { household } = child;

  const noisy = (name: string): string => {
    // Most records keep a compound prénom's hyphen; the rest lose it to a space, or run it together.
    let out = chance(0.35) ? hyphenVariant(name, random) : name;
    if (chance(habits.shift)) out = shiftSpelling(out, random);
    if (chance(habits.typo)) out = typo(out, random);
    if (chance(habits.accentsLost)) out = stripAccents(out);
    return out.trim() === '' ? name : out;
  };
  const nom = noisy(child.nom);
  const postnom = child.postnom && !chance(habits.postnomDropped) ? noisy(child.postnom) : undefined;
  let prenom = noisy(child.prenom);
  if (child.nickname) {
    if (chance(habits.nicknameInstead)) prenom = child.nickname;
    else if (chance(habits.nicknameBeside)) prenom = `${prenom} ${child.nickname}`;
  }

  const name = namesAsWritten();
  const phone = (): string => pick(household.phones);
  const person: Person = {
    name,
    sex: chance(habits.sexUnknown) ? 'unknown' : child.sex,
    ...birthAsWritten(child, tool, day, draw),
  };
  const caregiver = caregiverAsWritten(child, tool, draw);
  if (caregiver) person.caregivers = [caregiver];
  const childPhone = { kobotoolbox: 0, commcare: 0.5, primero: 0.3, excel: 0.35 }[tool];
  if (chance(childPhone)) person.phones = [phone()];
  const identifiers: NonNullable<Person['identifiers']> = [];
  if (tool === 'commcare') identifiers.push({ scheme: 'commcare_external_id', value: `CC-${child.id}-${day}` });
  if (tool === 'primero') identifiers.push({ scheme: 'primero_case', value: `CP-${day}-${child.id}` });
  if (child.birthCertificate && (tool === 'kobotoolbox' || tool === 'primero') && chance(0.25))
    identifiers.push({ scheme: 'birth_certificate', value: child.birthCertificate });
  if (identifiers.length > 0) person.identifiers = identifiers;
  person.location = locationAsWritten(child, tool, draw);
  return person;

  function namesAsWritten(): Person['name'] {
    const nickname = child.nickname && prenom !== child.nickname ? { nickname: child.nickname } : {};
    if (tool === 'kobotoolbox') {
      // One question, "Nom complet", split by the mapping: capitals are the nom and post-nom.
      const caps = (s: string): string => caseAs(s, 'upper');
      const title = (s: string): string => caseAs(s, 'title');
      const family = [nom, postnom].filter((s): s is string => s !== undefined);
      const order = draw.oneOf(KOBO_ORDERS);
      const civil = order === 'NOM Prénom' || order === 'NOM PRÉNOM' || order === 'Nom Prénom';
      const words = civil ? [...family, prenom] : [prenom, ...family];
      const full = (
        order === 'NOM Prénom'
          ? [...family.map(caps), title(prenom)]
          : order === 'Prénom NOM'
            ? [title(prenom), ...family.map(caps)]
            : order === 'NOM PRÉNOM' || order === 'PRÉNOM NOM'
              ? words.map(caps)
              : words.map(title)
      ).join(' ');
      const split = splitFullName(full);
      return {
        ...(split.family ? { family: split.family } : {}),
        ...(split.middle ? { middle: split.middle } : {}),
        ...(split.given ? { given: split.given } : {}),
        ...(chance(0.6) ? nickname : {}),
      };
    }
    const familyCase = tool === 'excel' ? (chance(0.85) ? 'upper' : 'title') : chance(0.5) ? 'upper' : 'title';
    const givenCase = chance(0.7) ? 'title' : chance(0.7) ? 'upper' : 'lower';
    let family = caseAs(tool === 'excel' && postnom && chance(0.7) ? `${nom} ${postnom}` : nom, familyCase);
    const middle = tool !== 'excel' && postnom ? caseAs(postnom, familyCase) : undefined;
    let given = caseAs(prenom, givenCase);
    if (chance(habits.swapped)) [family, given] = [given, family];
    return {
      family,
      ...(middle ? { middle } : {}),
      given,
      ...(tool === 'primero' && chance(0.8) ? nickname : {}),
    };
  }
}

function birthAsWritten(
  child: Child,
  tool: Tool,
  day: number,
  draw: Draw,
): Pick<Person, 'birthDate' | 'ageAtRegistration'> {
  const habits = HABITS[tool];
  const { chance } = draw;
  const registered = new Date(day * DAY);
  const born = new Date(child.birthDay * DAY);
  // A namesake's records mostly give an age, since that is how such children get confused.
  if (chance(child.namesakeOf ? 0.6 : habits.age)) {
    const real = Math.floor((day - child.birthDay) / 365.25);
    let stated = real + draw.oneOf(AGE_ERRORS);
    if (stated >= 6 && chance(0.1)) stated = Math.round(stated / 5) * 5; // ages heaped on 5 and 10
    const years = Math.max(0, stated);
    const asOf = registered.toISOString().slice(0, 10);
    const estimated = { value: String(registered.getUTCFullYear() - years), precision: 'estimated' as const };
    return tool === 'kobotoolbox'
      ? { birthDate: estimated, ageAtRegistration: { years, asOf } }
      : { birthDate: estimated };
  }
  let [y, m, d] = [born.getUTCFullYear(), born.getUTCMonth() + 1, born.getUTCDate()];
  if (tool === 'excel' && chance(0.03)) y += chance(0.5) ? 1 : -1; // a year mistyped
  const form = draw.oneOf(habits.dates);
  if (form === 'year') return { birthDate: { value: String(y), precision: 'year' } };
  if (form === 'month') return { birthDate: { value: `${y}-${pad(m)}`, precision: 'month' } };
  if (d <= 12 && d !== m && chance(habits.dayMonthSwapped)) [m, d] = [d, m];
  return { birthDate: { value: `${y}-${pad(m)}-${pad(d)}`, precision: 'exact' } };
}

function caregiverAsWritten(
  child: Child,
  tool: Tool,
  draw: Draw,
): NonNullable<Person['caregivers']>[number] | undefined {
  const { chance, pick } = draw;
  const { household } = child;
  const present = { kobotoolbox: 0.9, commcare: 0.8, primero: 0.9, excel: 0 }[tool];
  if (!chance(present)) return undefined;
  const who = household.caregiverName;
  const family = chance(0.5) ? caseAs(who.family, 'upper') : who.family;
  const given = chance(0.3) ? stripAccents(who.given) : who.given;
  const phoned = { kobotoolbox: 0.7, commcare: 0.5, primero: 0.5, excel: 0 }[tool];
  return {
    name: chance(0.15) ? { family } : { family, given },
    relationship: household.caregiver,
    ...(chance(phoned) ? { phone: pick(household.phones) } : {}),
  };
}

function locationAsWritten(child: Child, tool: Tool, draw: Draw): NonNullable<Person['location']> {
  const { chance, pick, random } = draw;
  const { household } = child;
  const { town } = household;
  const country = household.region.country;
  const [listed] = town.spellings;
  if (tool === 'primero') {
    const address = `${household.house}, avenue ${household.avenue}, Q. ${household.locality}, ${listed}`;
    return { country, ...(chance(0.9) ? { text: address } : {}) };
  }
  if (tool === 'kobotoolbox')
    return {
      country,
      province: town.province,
      territory: listed,
      ...(chance(0.85) ? { locality: household.locality } : {}),
    };
  const typed = (s: string): string => (chance(0.1) ? typo(s, random) : s);
  if (tool === 'commcare')
    return {
      country,
      ...(chance(0.9) ? { province: town.province } : {}),
      territory: chance(0.85) ? listed : pick(town.spellings),
      ...(chance(0.8) ? { locality: typed(household.locality) } : {}),
    };
  return {
    ...(chance(0.5) ? { country } : {}),
    ...(chance(0.5) ? { province: town.province } : {}),
    territory: pick(town.spellings),
    ...(chance(0.8) ? { locality: caseAs(typed(household.locality), chance(0.5) ? 'upper' : 'title') } : {}),
  };
}
