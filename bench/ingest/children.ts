import { seededRandom } from '../support/random.ts';

/**
 * Synthetic children for throughput runs: DRC/Burundi-style names, dates and places from a seeded
 * generator, so that two runs ingest the same records and duplicates are rare (unlike the tests'
 * fixed fixture, which is one child again and again: the registry's worst case).
 */
const FAMILY = [
  'KABASELE',
  'MUTOMBO',
  'ILUNGA',
  'NDUWIMANA',
  'NIYONZIMA',
  'HAKIZIMANA',
  'TSHIBANGU',
  'KALALA',
  'MBUYI',
  'LUMBU',
  'KASONGO',
  'MWAMBA',
  'BANZA',
  'KAPINGA',
  'NGOY',
  'MUKENDI',
  'KABONGO',
  'NSHIMIRIMANA',
  'BIZIMANA',
  'NDAYISHIMIYE',
  'IRAKOZE',
  'NIYONKURU',
  'KAYEMBE',
  'MULUMBA',
  'TSHIMANGA',
  'MPOYI',
  'KANKU',
  'LUKUSA',
  'NKULU',
  'KITENGE',
];
const GIVEN = [
  'Jean',
  'Grace',
  'Amani',
  'Neema',
  'Furaha',
  'Gloire',
  'Claude',
  'Aline',
  'Eric',
  'Esther',
  'Patrick',
  'Sarah',
  'Joseph',
  'Divine',
  'Merveille',
  'Bahati',
  'Imani',
  'Baraka',
  'Zawadi',
  'Espoir',
  'Christelle',
  'Dieudonné',
  'Fiston',
  'Rachel',
  'Moïse',
  'Ruth',
  'Daniel',
  'Judith',
  'Samuel',
  'Chance',
];
const PLACES = [
  ['Lualaba', 'Kolwezi'],
  ['Haut-Katanga', 'Lubumbashi'],
  ['Sud-Kivu', 'Uvira'],
  ['Nord-Kivu', 'Goma'],
  ['Kasaï-Central', 'Kananga'],
] as const;

export function syntheticChildren(count: number, seed: number, prefix: string) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  return Array.from({ length: count }, (_, i) => {
    const [province, territory] = pick(PLACES);
    return {
      sourceRecordId: `${prefix}-${i}`,
      sourceUpdatedAt: '2026-03-01T10:00:00Z',
      person: {
        name: { family: pick(FAMILY), middle: pick(FAMILY), given: pick(GIVEN) },
        sex: random() < 0.5 ? 'female' : 'male',
        birthDate: {
          value: `${2006 + Math.floor(random() * 15)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`,
          precision: 'exact',
        },
        location: { country: 'CD', province, territory },
      },
      case: { status: 'open', protectionConcerns: ['worst_forms_of_child_labor'] },
    };
  });
}
