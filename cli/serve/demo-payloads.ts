import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Registration, submissionUuid } from './demo-children.ts';

/**
 * What the demo's sources send for a registration (cli/serve/demo-children.ts): Espoir's KoboToolbox form
 * as its REST service posts a submission, and the case apps' canonical records; and the Kobo mapping
 * versions the demo stores.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Version 1 of Espoir's Kobo mapping is the built-in one; version 2 adds codes its enumerators use: `nd`
 * (sex not noted), `mine` (mine work) and `sorcellerie` (accused of witchcraft, a form of abuse).
 */
export function koboMappingVersions(): { v1: string; v2: string } {
  const v1 = readFileSync(join(ROOT, 'adapters', 'sources', 'kobotoolbox', 'mapping.yaml'), 'utf8');
  const v2 = v1
    .replace('autre: other }', 'autre: other, nd: unknown }')
    .replace(
      '            travail_enfant: worst_forms_of_child_labor\n',
      '            travail_enfant: worst_forms_of_child_labor\n            mine: worst_forms_of_child_labor\n' +
        '            sorcellerie: physically_or_mentally_abused\n',
    );
  if (v2 === v1) throw new Error('demo data: the Kobo mapping no longer has the codes version 2 extends');
  return { v1, v2 };
}

/**
 * Two submissions the mapping refuses (422): a risk level and a consent answer outside the form's lists.
 * They show a source with rejected submissions; nothing of them is stored.
 */
export function rejectedSubmissions(registrations: Registration[]): Array<Record<string, unknown>> {
  const model = registrations.find((r) => r.holder === 'espoir-kobo-v2')!;
  return (
    [
      ['protection/niveau_risque', 'tres_eleve'],
      ['consentement/partage_organisations', 'peut_etre'],
    ] as const
  ).map(([question, answer]) => {
    const uuid = submissionUuid(`rejected:${question}`);
    return { ...koboSubmission(model), [question]: answer, _uuid: uuid, 'meta/instanceID': `uuid:${uuid}` };
  });
}

const KOBO_CONCERNS: Record<string, string> = {
  worst_forms_of_child_labor: 'travail_enfant',
  separated: 'separe',
  street_child: 'enfant_rue',
  physically_or_mentally_abused: 'maltraitance',
  gbv_survivor: 'vbg',
  unaccompanied: 'non_accompagne',
  child_headed_household: 'menage_enfant',
  serious_health_issue: 'sante',
  disabled: 'handicap',
};
const KOBO_RELATIONSHIP = { mother: 'mere', father: 'pere', grandparent: 'grand_parent', aunt_uncle: 'oncle_tante' };
const KOBO_RISK = { high: 'eleve', medium: 'moyen', low: 'faible' };

/** A phone number as an enumerator types it: 0970 012 345. */
const localPhone = (e164: string) => `0${e164.slice(4, 7)} ${e164.slice(7, 10)} ${e164.slice(10)}`;

/** The registration as Espoir's Kobo form submits it (REST service JSON, like the built-in fixtures). */
export function koboSubmission(r: Registration): Record<string, unknown> {
  const uuid = submissionUuid(r.key);
  const v2 = r.holder === 'espoir-kobo-v2';
  const birth = r.birth;
  return {
    _id: 48_500_000 + (Number.parseInt(submissionUuid(r.key).slice(0, 6), 16) % 100_000),
    'formhub/uuid': '4d2b7e9a1c3f4a5b8e6d0c1b2a3f4e5d',
    start: `${r.registered}T08:41:00.000+01:00`,
    end: `${r.registered}T08:58:00.000+01:00`,
    today: r.registered,
    'identification/date_enregistrement': r.registered,
    'enfant/nom_complet': [r.family, r.middle, r.given].filter(Boolean).join(' '),
    'enfant/sexe': r.sex === 'female' ? 'fille' : r.sex === 'male' ? 'garcon' : 'nd',
    ...('age' in birth
      ? { 'enfant/age': String(birth.age) }
      : {
          'enfant/date_naissance':
            'date' in birth
              ? birth.date
              : 'month' in birth
                ? `${birth.month.slice(5)}/${birth.month.slice(0, 4)}`
                : birth.year,
        }),
    'localisation/province': 'Lualaba',
    'localisation/territoire': r.territory,
    'localisation/quartier': r.locality,
    ...(r.caregiver
      ? {
          'parent/nom_complet': r.caregiver.name,
          'parent/lien': KOBO_RELATIONSHIP[r.caregiver.relationship],
          'parent/telephone': localPhone(r.caregiver.phone),
        }
      : {}),
    'protection/preoccupations': r.concerns
      .map((c) => (v2 && c === 'worst_forms_of_child_labor' ? 'mine' : KOBO_CONCERNS[c]))
      .join(' '),
    'protection/niveau_risque': KOBO_RISK[r.risk],
    'protection/statut_deplacement': 'resident',
    'consentement/services': 'oui',
    'consentement/partage_organisations': 'oui',
    'consentement/donne_par': 'parent',
    'gestionnaire/code': r.caseWorker,
    __version__: v2 ? 'vR7mKq2Lx9TzWb4Nd8Hc3F' : 'vGqTmrd6oRf7ZzYbqGxXkJ',
    'meta/instanceID': `uuid:${uuid}`,
    _xform_id_string: 'aLuaLaba7XfGm2HbT7nRwE',
    _uuid: uuid,
    _attachments: [],
    _status: 'submitted_via_web',
    _geolocation: [-10.7148, 25.4667],
    _submission_time: `${r.registered}T07:58:00`,
    _tags: [],
    _notes: [],
    _validation_status: {},
    _submitted_by: `enqueteur_${r.caseWorker.slice(-2)}`,
  };
}

/** The registration as a case app sends it, in the canonical format. */
export function canonicalRecord(r: Registration) {
  const birth = r.birth;
  const [caregiverFamily, ...caregiverGiven] = r.caregiver?.name.split(' ') ?? [];
  return {
    sourceRecordId: `${r.holder === 'divas' ? 'DIV' : 'ESP'}-${r.key}`,
    sourceUpdatedAt: `${r.registered}T10:00:00.000Z`,
    person: {
      name: { family: r.family, ...(r.middle ? { middle: r.middle } : {}), given: r.given },
      sex: r.sex,
      ...('age' in birth
        ? { ageAtRegistration: { years: birth.age, asOf: r.registered } }
        : {
            birthDate:
              'date' in birth
                ? { value: birth.date, precision: 'exact' }
                : 'month' in birth
                  ? { value: birth.month, precision: 'month' }
                  : { value: birth.year, precision: 'year' },
          }),
      ...(r.caregiver
        ? {
            caregivers: [
              {
                relationship: r.caregiver.relationship,
                name: { family: caregiverFamily, given: caregiverGiven.join(' ') },
                phone: r.caregiver.phone,
              },
            ],
          }
        : {}),
      location: { country: 'CD', province: 'Lualaba', territory: r.territory, locality: r.locality },
    },
    case: {
      sourceCaseId: `${r.holder === 'divas' ? 'DIV' : 'ESP'}-${r.key}`,
      status: 'open',
      registrationDate: r.registered,
      protectionConcerns: r.concerns,
      riskLevel: r.risk,
      displacementStatus: 'resident',
      consent: {
        services: true,
        disclosureToOtherOrgs: true,
        ...(r.reporting === undefined ? {} : { reporting: r.reporting }),
        givenBy: 'caregiver',
      },
      caseWorkerCode: r.caseWorker,
    },
  };
}
