/**
 * Kobo REST-service submissions of the "Identification de l'enfant" form, drawn from a seeded
 * generator so that every run maps exactly the same records.
 */

import { seededRandom as random } from '../support/random.ts';

const FAMILY = [
  'KABASELE',
  'TSHIMANGA',
  'MBUYI',
  'ILUNGA',
  'MUKENDI',
  'KALONJI',
  'BISIMWA',
  'MUHINDO',
  'KAVIRA',
  'NIYONZIMA',
  'NDAYISHIMIYE',
  'HAKIZIMANA',
  'BAHATI',
  'MAPENDO',
  'LUKUSA',
];
const GIVEN = [
  'Jean',
  'Grâce',
  'Neema',
  'Furaha',
  'Amani',
  'Esther',
  'Thérèse',
  'Aline',
  'Divine',
  'Pascal',
  'Espérance',
  'Zawadi',
  'Eric',
  'Claudine',
  'Josué',
  'Merveille',
];
const SEX = ['garcon', 'fille', 'M', 'F', 'Masculin', 'Féminin', 'garçon'];
const PROVINCES: Array<[string, string, string]> = [
  ['Kasaï-Central', 'Kananga', 'Katoka'],
  ['Nord-Kivu', 'Goma', 'Mugunga'],
  ['Sud-Kivu', 'Uvira', 'Kavimvira'],
  ['Sud-Kivu', 'Bukavu', 'Ibanda'],
  ['Ituri', 'Djugu', 'Largu'],
  ['Tanganyika', 'Kalemie', 'Lukuga'],
];
const CONCERNS = [
  'separe',
  'non_accompagne',
  'enfant_rue',
  'travail_enfant',
  'vbg',
  'eafga',
  'maltraitance',
  'refugie',
  'handicap',
  'detresse',
];
const LINKS = ['mere', 'pere', 'grand_parent', 'oncle_tante', 'frere_soeur', 'tuteur'];

export function generateKoboSubmissions(count: number, seed = 20_240_305): Record<string, unknown>[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const submitted = `2024-${pad(month)}-${pad(day)}T${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}:${pad(Math.floor(rnd() * 60))}`;
    const birthYear = 2007 + Math.floor(rnd() * 17);
    const [province, territory, locality] = pick(PROVINCES);
    const id = uuid();
    const s: Record<string, unknown> = {
      _id: 48_000_000 + i,
      'formhub/uuid': '8f1c3b5d2e7a4c09b6d1e2f3a4b5c6d7',
      start: `${submitted}.000+02:00`,
      end: `${submitted}.000+02:00`,
      today: submitted.slice(0, 10),
      'enfant/nom_complet': chance(0.8)
        ? `${pick(FAMILY)} ${chance(0.5) ? pick(FAMILY) + ' ' : ''}${pick(GIVEN)}`
        : `${pick(GIVEN)} ${pick(FAMILY)}`,
      'enfant/sexe': pick(SEX),
      'localisation/province': province,
      'localisation/territoire': territory,
      'localisation/quartier': locality,
      'protection/preoccupations': Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(CONCERNS)).join(' '),
      'protection/niveau_risque': pick(['eleve', 'moyen', 'faible']),
      'protection/statut_deplacement': pick(['resident', 'deplace', 'refugie', 'retourne']),
      'consentement/services': pick(['oui', 'non']),
      'consentement/partage_organisations': pick(['oui', 'non']),
      'gestionnaire/code': `CM-${territory.slice(0, 3).toUpperCase()}-${digits(3)}`,
      __version__: 'vGqTmrd6oRf7ZzYbqGxXkJ',
      'meta/instanceID': `uuid:${id}`,
      _xform_id_string: 'aYk3vPq9XfGm2HbT7nRwLs',
      _uuid: id,
      _attachments: [],
      _status: 'submitted_via_web',
      _geolocation: [-5 + rnd(), 22 + rnd()],
      _submission_time: submitted,
      _tags: [],
      _notes: [],
      _validation_status: chance(0.01) ? { uid: 'validation_status_not_approved', label: 'Not Approved' } : {},
      _submitted_by: `agent_${territory.toLowerCase()}_${digits(2)}`,
    };
    if (chance(0.7))
      s['identification/date_enregistrement'] = chance(0.5) ? submitted.slice(0, 10) : `${pad(day)}/${pad(month)}/2024`;
    const dob = rnd();
    if (dob < 0.4)
      s['enfant/date_naissance'] = `${birthYear}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    else if (dob < 0.6)
      s['enfant/date_naissance'] = `${pad(1 + Math.floor(rnd() * 28))}/${pad(1 + Math.floor(rnd() * 12))}/${birthYear}`;
    else if (dob < 0.7) s['enfant/date_naissance'] = String(birthYear);
    if (chance(0.8)) s['enfant/age'] = String(2024 - birthYear);
    if (chance(0.3)) s['enfant/surnom'] = pick(GIVEN);
    if (chance(0.4))
      s['enfant/telephone'] = chance(0.5)
        ? `08${digits(2)} ${digits(3)} ${digits(3)}`
        : `+243 9${digits(2)} ${digits(3)} ${digits(3)}`;
    if (chance(0.2))
      s['enfant/numero_acte_naissance'] = `${territory.slice(0, 3).toUpperCase()}/${birthYear}/${digits(6)}`;
    if (chance(0.7)) {
      s['parent/nom_complet'] = `${pick(FAMILY)} ${pick(GIVEN)}`;
      s['parent/lien'] = pick(LINKS);
      if (chance(0.6)) s['parent/telephone'] = `09${digits(2)} ${digits(3)} ${digits(3)}`;
    }
    if (chance(0.5)) s['consentement/donne_par'] = pick(['enfant', 'parent', 'les_deux']);
    if (chance(0.05)) s['meta/rootUuid'] = `uuid:${uuid()}`;
    out.push(s);
  }
  return out;
}
