import type { Person } from '../../schemas/canonical/person.ts';
import { seededRandom } from '../support/random.ts';
import type { Labelled } from './evaluate.ts';
import {
  COMPOUND_FIRST,
  FRENCH_FEMALE,
  FRENCH_MALE,
  NICKNAMES,
  NICKNAMES_OF,
  REGIONS,
  type Region,
  type RegionId,
  TWIN_NAMES,
  type Town,
  nameTail,
} from './region-names.ts';
import { stripAccents } from './spelling.ts';
import { type Tool, organisationsIn, recordOf } from './tool-records.ts';
import { draws, weighted, zipfSampler } from './zipf.ts';

/**
 * The population benchmark: children of the DRC and Burundi, in households, registered by several
 * organisations with their own tools. Seeded and deterministic; 100,000 children in a few seconds.
 *
 * Distributions, and why:
 * - Region of a household: Kivu 0.26, Kasai 0.22, Katanga 0.22, Burundi 0.18, Kongo 0.12 (the east
 *   carries most of the child-protection caseload). Town within a region: Zipf (exponent 1) by rank,
 *   the provincial capital first; quartier or colline uniform within the town.
 * - Names: Zipf–Mandelbrot, p(rank r) ∝ 1/(r + q)^s with exponent s = 1.0, q = 2 for family names
 *   (each region's own pool: ~80 hand-written names then ~900 composed rare ones) and q = 3 for
 *   prénoms (~140 French and biblical ones and the region's own, then ~250 compound Jean-…/Marie-…
 *   ones as the tail: ~400 a sex). So at 100,000 children "Jean Mukendi" occurs tens of times, a rare full name
 *   once. Post-noms are drawn from the same family pool, never equal to the nom.
 * - Children of one household in the registry: 1: 40 %, 2: 22 %, 3: 14 %, 4: 10 %, 5: 6 %, 6: 4 %,
 *   7: 2.5 %, 8: 1.5 % (mean 2.4): registries hold the children a service met, not whole families of six.
 * - Births 15 to 42 months apart (the DRC's median birth interval is about 30 months; squeezed to fit
 *   18 years in the largest households), children aged 0 to 17 on 2026-06-30. About 1.6 % of deliveries are twin births (central Africa has one of the
 *   world's highest twinning rates, 16-20 per 1,000 deliveries): 2.8 % of the deliveries that leave room
 *   for two more children in the household, since a household drawn with one child has no twins. Twins
 *   share the birth date and household, have different prénoms (alike, as Mireille and Micheline, 20 %
 *   of the time) and the same sex 60 % of the time; in the DRC 40 % of twin pairs
 *   carry their region's customary twin names as post-noms (Mbuyi and Kabanga, Nsimba and Nzuzi).
 * - Siblings share the household's nom 75 % of the time in the DRC (the nom comes from the father's
 *   line, but many are named after another ancestor) and 35 % in Burundi (a Kirundi izina is given to
 *   each child). Re-used names: 6 % of later children take an elder sibling's prénom (after a death,
 *   or after the same grandparent), 5 % an elder sibling's post-nom (the same ancestor); 8 % of boys
 *   are named after their father and called Junior, so a household can have two Juniors.
 * - Nicknames: half the children whose prénom has one (Mado for Madeleine) and 12 % of the others
 *   (Fiston, Papy, Bijou...) are known by one.
 * - Deliberate namesakes: 3 % of children copy the prénom and nom of a child of another household in
 *   the same town (same quartier half the time), born 1 to 8 years apart; their records give an age
 *   60 % of the time. More namesakes arise from the Zipf pools on their own.
 * - Records per child: 1: 52 %, 2: 30 %, 3: 12 %, 4: 6 %, each from a different organisation working in
 *   the child's country; what each tool writes is in tool-records.ts. Records come in registration-date
 *   order (2023-01-01 to 2026-06-30), so one child's records are far apart, as in real ingestion.
 */

export interface PopulationRecord extends Labelled {
  organisationId: string;
  tool: Tool;
  household: string;
  twinOf?: string;
  /** The child whose names a deliberate namesake copied. */
  namesakeOf?: string;
  /** The child's real prénom and nom, folded: two children of different households with one key are namesakes. */
  nameKey: string;
  /** The child's real birth date (YYYY-MM-DD), whatever the record says. */
  bornOn: string;
  /** When the record was made (YYYY-MM-DD): the date an age was stated on. */
  registeredOn: string;
}

type Caregiver = NonNullable<Person['caregivers']>[number];

export interface Household {
  id: string;
  region: Region;
  town: Town;
  locality: string;
  avenue: string;
  house: number;
  father: { given: string; family: string };
  mother: { given: string; family: string };
  caregiver: Extract<Caregiver['relationship'], 'mother' | 'father' | 'grandparent' | 'aunt_uncle'>;
  caregiverName: { given: string; family: string };
  phones: readonly string[];
}

export interface Child {
  id: string;
  household: Household;
  sex: 'female' | 'male';
  prenom: string;
  nom: string;
  postnom?: string;
  nickname?: string;
  /** Days since 1970-01-01 (UTC). */
  birthDay: number;
  birthCertificate?: string;
  twinOf?: string;
  namesakeOf?: string;
}

const DAY = 86_400_000;
export const REFERENCE_DAY = Date.UTC(2026, 5, 30) / DAY;
const FIRST_REGISTRATION_DAY = Date.UTC(2023, 0, 1) / DAY;
const MAX_AGE_DAYS = Math.floor(17.99 * 365.25);

export const isoDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

const REGION_SHARE: Record<RegionId, number> = { kivu: 0.26, kasai: 0.22, katanga: 0.22, burundi: 0.18, kongo: 0.12 };
const HOUSEHOLD_SIZES = [
  [1, 0.4],
  [2, 0.22],
  [3, 0.14],
  [4, 0.1],
  [5, 0.06],
  [6, 0.04],
  [7, 0.025],
  [8, 0.015],
] as const;
const RECORDS_PER_CHILD = [
  [1, 0.52],
  [2, 0.3],
  [3, 0.12],
  [4, 0.06],
] as const;
/** Who answers for the child: separated children live with grandparents, aunts and uncles. */
const CAREGIVERS = [
  ['mother', 0.75],
  ['father', 0.1],
  ['grandparent', 0.08],
  ['aunt_uncle', 0.07],
] as const;
const TWIN_DELIVERY = 0.028;
const NAMESAKE_SHARE = 0.03;
// prettier-ignore
const AVENUES = [
  'Lumumba', 'Kasa-Vubu', 'Mobutu', 'de la Paix', 'du Marché', 'de la Mission', 'Kabila', 'des Écoles',
  'Mzee', 'Tshombe', 'du Lac', 'de la Révolution', 'Ngongo Lutete', 'Kimbangu', 'de l’Hôpital', 'du 30 Juin',
];

/** Folds a name to compare true names: no accent, case or separator differences. */
export const foldName = (s: string): string =>
  stripAccents(s)
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

/** Regional prénoms slotted in every fifth rank among the French ones, then compound names as the tail. */
export function givenPool(french: readonly string[], regional: readonly string[], sex: 'female' | 'male'): string[] {
  const head: string[] = [];
  let k = 0;
  for (let i = 0; i < french.length; i++) {
    if (i % 5 === 4 && k < regional.length) head.push(regional[k++]!);
    head.push(french[i]!);
  }
  head.push(...regional.slice(k));
  const firsts = COMPOUND_FIRST[sex];
  const tail = french.flatMap((second, i) =>
    [firsts[i % firsts.length]!, firsts[(i + 1) % firsts.length]!].flatMap((first) =>
      first === second || first.includes(second) ? [] : [`${first}-${second}`],
    ),
  );
  const fixed =
    sex === 'male'
      ? ['Jean-Pierre', 'Jean-Paul', 'Jean-Claude', 'Jean de Dieu', 'Jean-Bosco']
      : ['Marie-Claire', 'Marie-Louise', 'Anne-Marie', 'Marie-Jeanne'];
  head.splice(12, 0, ...fixed);
  // One spelling per name: "Josephine" and "Joséphine" would make twins namesakes.
  const folded = new Set<string>();
  return [...head, ...tail].filter((name) => !folded.has(foldName(name)) && folded.add(foldName(name)));
}

interface RegionPools {
  region: Region;
  family: () => string;
  given: { female: () => string; male: () => string };
  town: () => Town;
}

export function populationSet(options: { children: number; seed?: number }): PopulationRecord[] {
  const random = seededRandom(options.seed ?? 20260630);
  const draw = draws(random);
  const { chance, int, pick } = draw;

  const pools = new Map<RegionId, RegionPools>(
    REGIONS.map((region) => {
      const family = [...region.family, ...nameTail(region, new Set(region.family))];
      return [
        region.id,
        {
          region,
          family: zipfSampler(family, random, { exponent: 1, offset: 2 }),
          given: {
            female: zipfSampler(givenPool(FRENCH_FEMALE, region.givenFemale, 'female'), random, { offset: 3 }),
            male: zipfSampler(givenPool(FRENCH_MALE, region.givenMale, 'male'), random, { offset: 3 }),
          },
          town: zipfSampler(region.towns, random),
        },
      ];
    }),
  );
  const regionOf = weighted(
    REGIONS.map((r) => [pools.get(r.id)!, REGION_SHARE[r.id]] as const),
    random,
  );
  const householdSize = weighted(HOUSEHOLD_SIZES, random);
  const recordCount = weighted(RECORDS_PER_CHILD, random);
  const caregiverOf = weighted(CAREGIVERS, random);
  const phone = (country: 'CD' | 'BI'): string =>
    country === 'CD'
      ? `+243${pick(['81', '82', '84', '85', '89', '97', '99'])}${String(int(0, 9_999_999)).padStart(7, '0')}`
      : `+257${pick(['61', '62', '68', '69', '71', '72', '79'])}${String(int(0, 999_999)).padStart(6, '0')}`;
  const otherThan = (draw: () => string, not: string): string => {
    for (let i = 0; i < 20; i++) {
      const name = draw();
      if (name !== not) return name;
    }
    return `${not}a`;
  };

  /** A household of the region; a namesake's takes the town and nom of the child whose names it copies. */
  const newHousehold = (id: string, pool: RegionPools, town: Town, nom: string): Household => {
    const { country } = pool.region;
    const father = { given: pool.given.male(), family: nom };
    const mother = { given: pool.given.female(), family: pool.family() };
    const caregiver = caregiverOf();
    const other = (): Household['caregiverName'] => ({
      given: pool.given[chance(0.7) ? 'female' : 'male'](),
      family: pool.family(),
    });
    return {
      id,
      region: pool.region,
      town,
      locality: pick(town.localities),
      avenue: pick(AVENUES),
      house: int(1, 250),
      father,
      mother,
      caregiver,
      caregiverName: caregiver === 'mother' ? mother : caregiver === 'father' ? father : other(),
      // A second number: the father's, or a new SIM card.
      phones: chance(0.3) ? [phone(country), phone(country)] : [phone(country)],
    };
  };

  const children: Child[] = [];
  const natural = Math.max(1, Math.round(options.children * (1 - NAMESAKE_SHARE)));
  let households = 0;
  while (children.length < natural) {
    const pool = regionOf();
    const { region } = pool;
    const drc = region.country === 'CD';
    const town = pool.town();
    const household = newHousehold(`h${households++}`, pool, town, pool.family());
    const size = Math.min(householdSize(), natural - children.length);
    const nom = household.father.family;
    // Birth intervals first, squeezed if a large household would not fit in 18 years, then the
    // youngest child's age in what room is left.
    const gaps = Array.from({ length: size - 1 }, () => int(15, 42) * 30);
    const span = gaps.reduce((a, b) => a + b, 0);
    const squeeze = span > MAX_AGE_DAYS ? MAX_AGE_DAYS / span : 1;
    let ageDays = int(0, Math.max(0, MAX_AGE_DAYS - Math.floor(span * squeeze)));
    let delivery = 0;
    const own: Child[] = [];
    while (own.length < size) {
      const twins = size - own.length >= 2 && chance(TWIN_DELIVERY);
      const birthDay = REFERENCE_DAY - ageDays;
      for (let t = 0; t < (twins ? 2 : 1); t++) {
        const first = twins && t === 1 ? own[own.length - 1] : undefined;
        const sex = first && chance(0.6) ? first.sex : chance(0.5) ? 'female' : 'male';
        const elder = own.filter((c) => c.sex === sex && c !== first);
        let prenom: string;
        let nickname: string | undefined;
        if (first) {
          // Twins' prénoms differ, and are sometimes made to sound alike (Mireille and Micheline).
          prenom = otherThan(() => pool.given[sex](), first.prenom);
          const alike = chance(0.2);
          for (let i = 0; i < 30 && alike && prenom.slice(0, 2) !== first.prenom.slice(0, 2); i++)
            prenom = otherThan(() => pool.given[sex](), first.prenom);
        } else if (sex === 'male' && chance(0.08)) {
          prenom = household.father.given;
          nickname = 'Junior';
        } else if (elder.length > 0 && chance(0.06)) prenom = pick(elder).prenom;
        else prenom = pool.given[sex]();
        if (nickname === undefined) {
          const usual = NICKNAMES_OF[prenom];
          if (usual && chance(0.5)) nickname = usual;
          else if (chance(0.12)) nickname = pick(NICKNAMES[sex]);
        }
        const childNom = drc ? (chance(0.75) ? nom : pool.family()) : chance(0.35) ? nom : pool.family();
        const child: Child = {
          id: `c${children.length + own.length}`,
          household,
          sex,
          prenom,
          nom: childNom,
          birthDay,
          ...(nickname ? { nickname } : {}),
          ...(chance(0.2) ? { birthCertificate: `AN-${int(100_000, 999_999)}` } : {}),
        };
        if (drc) {
          const twinNames = TWIN_NAMES[region.id];
          if (twins && twinNames && (first ? first.postnom === twinNames[0] : chance(0.4)))
            child.postnom = twinNames[t]!;
          else if (own.length > 0 && !first && chance(0.05))
            child.postnom = pick(own).postnom ?? otherThan(pool.family, childNom);
          else child.postnom = otherThan(pool.family, childNom);
          if (child.postnom === childNom) child.postnom = otherThan(pool.family, childNom);
        }
        if (first) child.twinOf = first.id;
        own.push(child);
      }
      ageDays = Math.min(MAX_AGE_DAYS, ageDays + Math.floor((gaps[delivery++] ?? 0) * squeeze));
    }
    children.push(...own);
  }
  // Deliberate namesakes: another household of the same town, the same prénom and nom, another age.
  for (let n = 0; children.length < options.children; n++) {
    const of = children[Math.floor(random() * natural)]!;
    const pool = pools.get(of.household.region.id)!;
    const gapDays = int(1, 8) * 365 + int(-120, 120);
    const older = of.birthDay - gapDays;
    const birthDay = REFERENCE_DAY - older <= MAX_AGE_DAYS ? older : of.birthDay + gapDays;
    if (birthDay > REFERENCE_DAY) continue;
    const household = newHousehold(`n${n}`, pool, of.household.town, of.nom);
    if (chance(0.5)) household.locality = of.household.locality;
    const child: Child = {
      id: `c${children.length}`,
      household,
      sex: of.sex,
      prenom: of.prenom,
      nom: of.nom,
      birthDay,
      namesakeOf: of.id,
    };
    if (of.postnom) child.postnom = otherThan(pool.family, of.nom);
    children.push(child);
  }

  const records: PopulationRecord[] = [];
  const days: number[] = [];
  for (const child of children) {
    const orgs = organisationsIn(child.household.region.country);
    const copies = Math.min(recordCount(), orgs.length);
    const nameKey = `${foldName(child.prenom)}|${foldName(child.nom)}`;
    const bornOn = isoDay(child.birthDay);
    for (let k = 0; k < copies; k++) {
      // A partial shuffle: each copy from a different organisation.
      const j = k + Math.floor(random() * (orgs.length - k));
      [orgs[k], orgs[j]] = [orgs[j]!, orgs[k]!];
      const org = orgs[k]!;
      const first = Math.max(FIRST_REGISTRATION_DAY, child.birthDay + 30);
      const registeredDay = first >= REFERENCE_DAY ? REFERENCE_DAY : int(first, REFERENCE_DAY);
      days.push(registeredDay);
      records.push({
        id: `${child.id}-${k}`,
        entity: child.id,
        organisationId: org.id,
        tool: org.tool,
        household: child.household.id,
        ...(child.twinOf ? { twinOf: child.twinOf } : {}),
        ...(child.namesakeOf ? { namesakeOf: child.namesakeOf } : {}),
        nameKey,
        bornOn,
        registeredOn: isoDay(registeredDay),
        person: recordOf(child, org.tool, registeredDay, draw),
      });
    }
  }
  // Registration order, generation order breaking ties: one number per record, sorted natively.
  const keys = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) keys[i] = days[i]! * ORDER_SPAN + i;
  keys.sort();
  return Array.from(keys, (key) => records[key % ORDER_SPAN]!);
}

/** More records than any run makes (2^23): a record's index fits under its day in one safe integer. */
const ORDER_SPAN = 2 ** 23;
