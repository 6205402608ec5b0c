import type { Person } from '../../schemas/canonical/person.ts';
import type { Labelled } from './evaluate.ts';
import { seededRandom as seeded } from '../support/random.ts';

/**
 * A francophone test set: children of the DRC and Burundi registered by several organisations, with
 * what makes their matching hard. Seeded, so every run produces the same records.
 * - DRC names as nom, post-nom, prénom, written in any order, in capitals or not, with the post-nom
 *   dropped, hyphens and accents added or lost; Burundian children with their own surname.
 * - spelling shifts (tsh/ch, u/ou, final i/y, doubled or lost letters, one typo) and town variants.
 * - birth dates exact, year only, day and month swapped, or an age stated on a date.
 * - households: siblings share the nom, mother, phone and village; twins share the birth date too.
 * - namesakes: children of other families with the very same names, told apart only by their age.
 * Labels: `entity` is the child; `kind` records which pairs are twins, siblings or namesakes.
 */

export interface FrancophoneRecord extends Labelled {
  household: string;
  twinOf?: string;
  namesakeOf?: string;
}

const DRC_NOMS = [
  'Kabasele',
  'Tshibangu',
  'Mukendi',
  'Kalonji',
  'Ilunga',
  'Kasongo',
  'Mbuyi',
  'Ngalula',
  'Mwamba',
  'Kabongo',
  'Lukusa',
  'Mulumba',
  'Kazadi',
  'Banza',
  'Ngoy',
  'Mutombo',
  'Nsimba',
  'Makiese',
  'Mavungu',
  'Lusamba',
  'Kanku',
  'Tshilombo',
  'Mpoyi',
  'Kayembe',
  'Ntumba',
  'Bakajika',
  'Kalala',
  'Tshiala',
  'Mujinga',
  'Kabeya',
];
const DRC_POSTNOMS = [
  'Tshimanga',
  'Kalombo',
  'Kanyinda',
  'Tshiala',
  'Kabeya',
  'Ngandu',
  'Mulamba',
  'Kabemba',
  'Mpiana',
  'Kasanji',
  'Mujinga',
  'Kapinga',
  'Mbombo',
  'Lubaya',
  'Nkongolo',
  'Kayinda',
  'Misenga',
  'Tshibola',
  'Muanza',
  'Bitota',
];
const BI_NAMES = [
  'Nduwimana',
  'Niyonzima',
  'Ndayishimiye',
  'Hakizimana',
  'Nshimirimana',
  'Irakoze',
  'Ndikumana',
  'Mukeshimana',
  'Niyongabo',
  'Bizimana',
  'Havyarimana',
  'Manirakiza',
  'Nimbona',
  'Ndayizeye',
  'Nkurunziza',
  'Ntahomvukiye',
  'Iradukunda',
  'Niyonkuru',
  'Butoyi',
  'Ininahazwe',
];
const PRENOMS_F = [
  'Marie',
  'Josephine',
  'Esther',
  'Christine',
  'Grâce',
  'Neema',
  'Furaha',
  'Patience',
  'Merveille',
  'Bénédicte',
  'Divine',
  'Sarah',
  'Rachel',
  'Ruth',
  'Nadège',
  'Marie-Claire',
  'Chantal',
  'Solange',
  'Arlette',
  'Belvie',
  'Francine',
  'Espérance',
  'Gloria',
  'Ornella',
];
const PRENOMS_M = [
  'Jean',
  'Joseph',
  'Pierre',
  'Emmanuel',
  'Claude',
  'Dieudonné',
  'Désiré',
  'Amani',
  'Baraka',
  'Espoir',
  'Gloire',
  'Exaucé',
  'Fiston',
  'Glodi',
  'Héritier',
  'Jonathan',
  'Moïse',
  'Élie',
  'Aimé',
  'Innocent',
  'Jean-Pierre',
  'Jean-Paul',
  'Cédric',
  'Benjamin',
];
const PLACES: ReadonlyArray<readonly [string, string, string, readonly string[]]> = [
  ['CD', 'Lualaba', 'Kolwezi', ['Kolwezi', 'Kolwezy', 'KOLWEZI']],
  ['CD', 'Haut-Katanga', 'Lubumbashi', ['Lubumbashi', 'Loubumbashi', 'Lubumbasi']],
  ['CD', 'Nord-Kivu', 'Goma', ['Goma', 'GOMA']],
  ['CD', 'Sud-Kivu', 'Bukavu', ['Bukavu', 'Boukavou']],
  ['CD', 'Sud-Kivu', 'Uvira', ['Uvira', 'Ouvira']],
  ['CD', 'Nord-Kivu', 'Beni', ['Beni', 'Béni']],
  ['CD', 'Ituri', 'Bunia', ['Bunia', 'Bounia']],
  ['CD', 'Kasaï-Oriental', 'Mbuji-Mayi', ['Mbuji-Mayi', 'Mbujimayi', 'Mbuji Mayi']],
  ['CD', 'Kasaï-Central', 'Kananga', ['Kananga']],
  ['BI', 'Bujumbura Mairie', 'Bujumbura', ['Bujumbura', 'Bujumbura-Mairie']],
  ['BI', 'Gitega', 'Gitega', ['Gitega', 'Guitega']],
  ['BI', 'Ngozi', 'Ngozi', ['Ngozi']],
  ['BI', 'Kirundo', 'Kirundo', ['Kirundo']],
];
const QUARTIERS = [
  'Matonge',
  'Kasapa',
  'Mutoshi',
  'Kanina',
  'Himbi',
  'Katindo',
  'Majengo',
  'Kadutu',
  'Nyalukemba',
  'Kimbanseke',
  'Ruziba',
  'Kinama',
  'Buterere',
  'Musaga',
  'Kamenge',
  'Mutanga',
];
const ORGS = ['org_avsi', 'org_war-child', 'org_divas', 'org_save', 'org_dpdfs'];

interface Child {
  id: string;
  household: string;
  nom: string;
  postnom?: string;
  prenom: string;
  sex: 'female' | 'male';
  birth: { y: number; m: number; d: number };
  place: readonly [string, string, string, readonly string[]];
  quartier: string;
  mother: { nom: string; prenom: string };
  phone: string;
  twinOf?: string;
  namesakeOf?: string;
}

const AS_OF_YEAR = 2026;

export function francophoneSet(options: { households?: number; seed?: number } = {}): FrancophoneRecord[] {
  const rnd = seeded(options.seed ?? 20260101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number): boolean => rnd() < p;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const children: Child[] = [];
  const households = options.households ?? 400;
  for (let h = 0; h < households; h++) {
    const place = pick(PLACES);
    const burundian = place[0] === 'BI';
    const nom = burundian ? pick(BI_NAMES) : pick(DRC_NOMS);
    const household = `h${h}`;
    const mother = { nom: burundian ? pick(BI_NAMES) : pick(DRC_NOMS), prenom: pick(PRENOMS_F) };
    const phone = `+${burundian ? '257' : '243'}${int(810000000, 999999999)}`;
    const quartier = pick(QUARTIERS);
    const count = int(1, 4);
    const used = new Set<string>();
    for (let c = 0; c < count; c++) {
      const sex = chance(0.5) ? 'female' : 'male';
      let prenom = pick(sex === 'female' ? PRENOMS_F : PRENOMS_M);
      while (used.has(prenom)) prenom = pick(sex === 'female' ? PRENOMS_F : PRENOMS_M);
      used.add(prenom);
      const birth = { y: int(2009, 2024), m: int(1, 12), d: int(1, 28) };
      const child: Child = {
        id: `c${children.length}`,
        household,
        nom: burundian ? pick(BI_NAMES) : nom,
        prenom,
        sex,
        birth,
        place,
        quartier,
        mother,
        phone,
      };
      if (!burundian) child.postnom = pick(DRC_POSTNOMS);
      children.push(child);
      // Twins: same household, same birth date, a different prénom (and often the same post-nom).
      if (c === 0 && chance(0.15)) {
        const twinSex = chance(0.6) ? sex : sex === 'female' ? 'male' : 'female';
        let twinName = pick(twinSex === 'female' ? PRENOMS_F : PRENOMS_M);
        while (used.has(twinName)) twinName = pick(twinSex === 'female' ? PRENOMS_F : PRENOMS_M);
        used.add(twinName);
        const twin: Child = { ...child, id: `c${children.length}`, prenom: twinName, sex: twinSex, twinOf: child.id };
        if (!burundian && chance(0.5)) twin.postnom = pick(DRC_POSTNOMS);
        children.push(twin);
      }
    }
  }
  // Namesakes: same full name as a child of another family, known only by an age 4 to 8 years apart.
  const originals = children.slice();
  for (let n = 0; n < Math.floor(households / 8); n++) {
    const of = pick(originals);
    const gap = int(4, 8) * (of.birth.y > 2016 ? -1 : 1);
    children.push({
      ...of,
      id: `c${children.length}`,
      household: `n${n}`,
      birth: { y: of.birth.y + gap, m: int(1, 12), d: int(1, 28) },
      mother: { nom: pick(DRC_NOMS), prenom: pick(PRENOMS_F) },
      phone: `+243${int(810000000, 999999999)}`,
      quartier: chance(0.5) ? of.quartier : pick(QUARTIERS),
      namesakeOf: of.id,
    });
  }

  const records: FrancophoneRecord[] = [];
  for (const child of children) {
    const copies = child.namesakeOf ? 1 : int(1, 3);
    const orgs = [...ORGS].sort(() => rnd() - 0.5);
    for (let k = 0; k < copies; k++) {
      const ageOnly = child.namesakeOf !== undefined || chance(0.2);
      records.push({
        id: `${child.id}-${k}`,
        entity: child.id,
        household: child.household,
        organisationId: orgs[k]!,
        ...(child.twinOf ? { twinOf: child.twinOf } : {}),
        ...(child.namesakeOf ? { namesakeOf: child.namesakeOf } : {}),
        person: recordOf(child, ageOnly),
      });
    }
  }
  return records;

  function recordOf(child: Child, ageOnly: boolean): Person {
    const spell = (name: string): string => (chance(0.25) ? misspell(name) : name);
    const shout = (name: string): string => (chance(0.4) ? name.toUpperCase() : name);
    const strip = (name: string): string =>
      chance(0.3) ? name.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : name;
    const hyphen = (name: string): string => (chance(0.3) ? name.replace('-', chance(0.5) ? ' ' : '') : name);
    const nom = shout(spell(child.nom));
    const postnom = child.postnom && chance(0.75) ? shout(spell(child.postnom)) : undefined;
    const prenom = hyphen(strip(spell(child.prenom)));
    // Which field each part lands in varies between forms and registrars.
    const order = rnd();
    const name: Person['name'] =
      order < 0.6
        ? { family: nom, ...(postnom ? { middle: postnom } : {}), given: prenom }
        : order < 0.8
          ? { family: [nom, postnom].filter(Boolean).join(' '), given: prenom }
          : order < 0.9
            ? { given: nom, ...(postnom ? { middle: postnom } : {}), family: prenom }
            : { family: [prenom, nom, postnom].filter(Boolean).join(' ') };
    const { y, m, d } = child.birth;
    const pad = (n: number): string => String(n).padStart(2, '0');
    const dateRoll = rnd();
    let birth: Pick<Person, 'birthDate' | 'ageAtRegistration'>;
    if (ageOnly) {
      const asOfMonth = int(1, 12);
      const years = AS_OF_YEAR - y - (asOfMonth < m ? 1 : 0) + (chance(0.3) ? int(-1, 1) : 0);
      birth = { ageAtRegistration: { years: Math.max(0, years), asOf: `${AS_OF_YEAR}-${pad(asOfMonth)}-15` } };
    } else if (dateRoll < 0.6) birth = { birthDate: { value: `${y}-${pad(m)}-${pad(d)}`, precision: 'exact' } };
    else if (dateRoll < 0.75 && d <= 12 && d !== m)
      birth = { birthDate: { value: `${y}-${pad(d)}-${pad(m)}`, precision: 'exact' } };
    else birth = { birthDate: { value: String(y), precision: 'year' } };
    const [country, province, , towns] = child.place;
    const caregiver = chance(0.6)
      ? [
          {
            name: { family: shout(spell(child.mother.nom)), given: child.mother.prenom },
            relationship: 'mother' as const,
            ...(chance(0.5) ? { phone: child.phone } : {}),
          },
        ]
      : [];
    return {
      name,
      sex: chance(0.95) ? child.sex : 'unknown',
      ...birth,
      ...(caregiver.length ? { caregivers: caregiver } : {}),
      ...(chance(0.3) ? { phones: [child.phone] } : {}),
      location: {
        country,
        ...(chance(0.7) ? { province } : {}),
        ...(chance(0.8) ? { territory: pick(towns) } : {}),
        ...(chance(0.6) ? { locality: child.quartier } : {}),
      },
    };
  }

  function misspell(name: string): string {
    const lower = name;
    const shifts: Array<(s: string) => string> = [
      (s) => s.replace(/^Tsh/i, (x) => (x[0] === 'T' ? 'Ch' : 'ch')),
      (s) => s.replace(/u/, 'ou'),
      (s) => s.replace(/i$/, 'y'),
      (s) => s.replace(/([bcdfgklmnprst])/, '$1$1'),
      (s) => {
        const i = int(1, Math.max(1, s.length - 2));
        return s.slice(0, i) + s.slice(i + 1, i + 2) + s.slice(i, i + 1) + s.slice(i + 2);
      },
      (s) => {
        const i = int(1, Math.max(1, s.length - 1));
        return s.slice(0, i) + s.slice(i + 1);
      },
    ];
    const out = pick(shifts)(lower);
    return out.length >= 3 ? out : name;
  }
}

/** Wrongly linked pairs of children, by how the two children are related. */
export interface FalseLinks {
  twins: number;
  siblings: number;
  namesakes: number;
  unrelated: number;
}

export function falseLinks(records: readonly FrancophoneRecord[], clusterOf: ReadonlyMap<string, string>): FalseLinks {
  const counts: FalseLinks = { twins: 0, siblings: 0, namesakes: 0, unrelated: 0 };
  const byCluster = new Map<string, FrancophoneRecord[]>();
  for (const r of records) {
    const c = clusterOf.get(r.id) ?? r.id;
    byCluster.set(c, [...(byCluster.get(c) ?? []), r]);
  }
  for (const group of byCluster.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        if (a.entity === b.entity) continue;
        if (a.twinOf === b.entity || b.twinOf === a.entity) counts.twins++;
        else if (a.household === b.household) counts.siblings++;
        else if (a.namesakeOf === b.entity || b.namesakeOf === a.entity) counts.namesakes++;
        else counts.unrelated++;
      }
    }
  }
  return counts;
}
