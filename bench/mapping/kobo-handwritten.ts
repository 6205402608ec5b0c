import type { FieldIssue } from '../../core/errors/field-issue.ts';
import type { NormaliseResult } from '../../core/ports.ts';
import { ageAtRegistration, ageToBirthYear, date, timestamp } from '../../core/mapping/transforms/dates.ts';
import { TransformFailure } from '../../core/mapping/transforms/failure.ts';
import { splitFullName } from '../../core/mapping/transforms/names.ts';
import { phone } from '../../core/mapping/transforms/phone.ts';
import { trim } from '../../core/mapping/transforms/text.ts';

/**
 * The KoboToolbox normaliser written by hand in plain TypeScript: exactly what
 * adapters/sources/kobotoolbox/mapping.yaml says, field by field. It is the benchmark's oracle: the
 * baseline the compiled mapping is measured against (bench/mapping/run.ts) and checked against
 * (test/contract/bench/mapping, test/property/bench/mapping). Nothing in production runs it.
 */

type Payload = Record<string, unknown>;

const SEX: Record<string, string> = {
  garcon: 'male',
  garçon: 'male',
  m: 'male',
  male: 'male',
  masculin: 'male',
  fille: 'female',
  f: 'female',
  female: 'female',
  feminin: 'female',
  féminin: 'female',
  autre: 'other',
};
const RELATIONSHIP: Record<string, string> = {
  mere: 'mother',
  mère: 'mother',
  pere: 'father',
  père: 'father',
  grand_parent: 'grandparent',
  frere_soeur: 'sibling',
  oncle_tante: 'aunt_uncle',
  autre_parent: 'other_relative',
  famille_accueil: 'foster_carer',
  tuteur: 'guardian',
};
const CONCERNS: Record<string, string> = {
  separe: 'separated',
  non_accompagne: 'unaccompanied',
  enfant_rue: 'street_child',
  travail_enfant: 'worst_forms_of_child_labor',
  vbg: 'gbv_survivor',
  exploitation_sexuelle: 'sexually_exploited',
  eafga: 'caafag',
  maltraitance: 'physically_or_mentally_abused',
  menage_enfant: 'child_headed_household',
  refugie: 'refugee',
  handicap: 'disabled',
  sante: 'serious_health_issue',
  detention: 'arrested_detained',
  detresse: 'mentally_distressed',
  autre: 'other',
};
const RISK: Record<string, string> = { eleve: 'high', élevé: 'high', moyen: 'medium', faible: 'low' };
const DISPLACEMENT: Record<string, string> = {
  resident: 'resident',
  deplace: 'idp',
  refugie: 'refugee',
  retourne: 'returnee',
  demandeur_asile: 'asylum_seeker',
  migrant: 'migrant',
  apatride: 'stateless',
};
const YES_NO: Record<string, boolean> = { oui: true, non: false, yes: true, no: false };
const GIVEN_BY: Record<string, string> = { enfant: 'child', parent: 'caregiver', les_deux: 'both' };

const birthDate = date(['yyyy-mm-dd', 'dd/mm/yyyy', 'mm/yyyy', 'yyyy']);
const registrationDate = date(['yyyy-mm-dd', 'dd/mm/yyyy', 'datetime']);
const utc = timestamp('Z');
const phoneCD = phone('CD');

const ORIGINS: Readonly<Record<string, string>> = {
  '/sourceRecordId': '/meta~1rootUuid',
  '/sourceUpdatedAt': '/_submission_time',
  '/person/name/family': '/enfant~1nom_complet',
  '/person/name/middle': '/enfant~1nom_complet',
  '/person/name/given': '/enfant~1nom_complet',
  '/person/name/nickname': '/enfant~1surnom',
  '/person/name/other': '/enfant~1autres_noms',
  '/person/sex': '/enfant~1sexe',
  '/person/birthDate': '/enfant~1date_naissance',
  '/person/ageAtRegistration': '/enfant~1age',
  '/person/phones': '/enfant~1telephone',
  '/person/identifiers/0/value': '/enfant~1numero_acte_naissance',
  '/person/location/province': '/localisation~1province',
  '/person/location/territory': '/localisation~1territoire',
  '/person/location/locality': '/localisation~1quartier',
  '/person/location/text': '/localisation~1adresse',
  '/person/caregivers/0/name/family': '/parent~1nom_complet',
  '/person/caregivers/0/name/middle': '/parent~1nom_complet',
  '/person/caregivers/0/name/given': '/parent~1nom_complet',
  '/person/caregivers/0/relationship': '/parent~1lien',
  '/person/caregivers/0/phone': '/parent~1telephone',
  '/case/sourceCaseId': '/_id',
  '/case/registrationDate': '/identification~1date_enregistrement',
  '/case/protectionConcerns': '/protection~1preoccupations',
  '/case/riskLevel': '/protection~1niveau_risque',
  '/case/displacementStatus': '/protection~1statut_deplacement',
  '/case/consent/services': '/consentement~1services',
  '/case/consent/disclosureToOtherOrgs': '/consentement~1partage_organisations',
  '/case/consent/givenBy': '/consentement~1donne_par',
  '/case/caseWorkerCode': '/gestionnaire~1code',
};
/** The eight combinations of fallback sources, each built once. */
const originVariants = new Map<number, Readonly<Record<string, string>>>();
function originsFor(fromUuid: boolean, fromSubmission: boolean, fromAge: boolean): Readonly<Record<string, string>> {
  const key = (fromUuid ? 1 : 0) + (fromSubmission ? 2 : 0) + (fromAge ? 4 : 0);
  let origins = originVariants.get(key);
  if (!origins) {
    origins = {
      ...ORIGINS,
      ...(fromUuid ? { '/sourceRecordId': '/_uuid' } : {}),
      ...(fromSubmission ? { '/case/registrationDate': '/_submission_time' } : {}),
      ...(fromAge ? { '/person/birthDate': '/enfant~1age' } : {}),
    };
    originVariants.set(key, origins);
  }
  return origins;
}

const missing = (v: unknown) => v === undefined || v === null || v === '';
const text = (v: unknown): string | undefined => {
  if (missing(v)) return undefined;
  const t = trim(v);
  return t === '' ? undefined : t;
};
const lookup = <T>(table: Record<string, T>, v: unknown): T | undefined =>
  table[String(v).trim().toLocaleLowerCase('fr')];

class Rejected extends Error {
  constructor(readonly issue: FieldIssue) {
    super(issue.code);
  }
}

const reject = (pointer: string, rule: string): never => {
  throw new Rejected({
    pointer,
    code: `mapping.${rule}`,
    message: { en: `Rule "${rule}" failed`, fr: `La règle « ${rule} » a échoué` },
  });
};

/** Runs a transform; a failure rejects the record with the payload field's pointer. */
function strict<T>(pointer: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TransformFailure) return reject(pointer, error.rule);
    throw error;
  }
}

function soft<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TransformFailure) return undefined;
    throw error;
  }
}

type Kept = Array<{ target: string; pointer: string; raw: string }>;

/** A code not in a table with the `other` rule: `other`, and the raw code kept beside the record. */
function orOther(table: Record<string, string>, v: unknown, kept: Kept, target: string, pointer: string): string {
  const hit = lookup(table, v);
  if (hit !== undefined) return hit;
  kept.push({ target, pointer, raw: String(v) });
  return 'other';
}

function person(p: Payload, kept: Kept) {
  const fullName = text(p['enfant/nom_complet']);
  const parts = fullName === undefined ? {} : splitFullName(fullName);
  const name: Record<string, unknown> = {};
  if (parts.family) name.family = parts.family;
  if (parts.middle) name.middle = parts.middle;
  if (parts.given) name.given = parts.given;
  const nickname = text(p['enfant/surnom']);
  if (nickname) name.nickname = nickname;
  const others = missing(p['enfant/autres_noms'])
    ? []
    : String(p['enfant/autres_noms'])
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  if (others.length > 0) name.other = others;

  const out: Record<string, unknown> = { name };
  out.sex = missing(p['enfant/sexe']) ? 'unknown' : (lookup(SEX, p['enfant/sexe']) ?? 'unknown');

  const age = p['enfant/age'];
  const dob = p['enfant/date_naissance'];
  if (!missing(dob)) out.birthDate = strict('/enfant~1date_naissance', () => birthDate(dob));
  else if (!missing(age)) out.birthDate = strict('/enfant~1age', () => ageToBirthYear(age, p._submission_time));
  if (!missing(age)) out.ageAtRegistration = strict('/enfant~1age', () => ageAtRegistration(age, p._submission_time));

  const tel = missing(p['enfant/telephone']) ? undefined : soft(() => phoneCD(p['enfant/telephone']));
  if (tel) out.phones = [tel];
  const certificate = text(p['enfant/numero_acte_naissance']);
  if (certificate) out.identifiers = [{ scheme: 'birth_certificate', value: certificate }];

  const location: Record<string, unknown> = { country: 'CD' };
  const province = text(p['localisation/province']);
  if (province) location.province = province;
  const territory = text(p['localisation/territoire']);
  if (territory) location.territory = territory;
  const locality = text(p['localisation/quartier']);
  if (locality) location.locality = locality;
  const address = text(p['localisation/adresse']);
  if (address) location.text = address;
  // The constant country alone makes no location (a group needs a value from the submission).
  if (Object.keys(location).length > 1) out.location = location;

  const parentName = p['parent/nom_complet'];
  const link = p['parent/lien'];
  const parentPhone = p['parent/telephone'];
  // A caregiver needs a value from the submission: the default relationship alone makes none.
  const cn = text(parentName) === undefined ? {} : splitFullName(text(parentName)!);
  const relationship = missing(link)
    ? undefined
    : orOther(RELATIONSHIP, link, kept, '/person/caregivers/0/relationship', '/parent~1lien');
  const cp = missing(parentPhone) ? undefined : soft(() => phoneCD(parentPhone));
  if (cn.family || cn.middle || cn.given || relationship !== undefined || cp) {
    const caregiver: Record<string, unknown> = {};
    if (cn.family || cn.middle || cn.given) {
      const n: Record<string, string> = {};
      if (cn.family) n.family = cn.family;
      if (cn.middle) n.middle = cn.middle;
      if (cn.given) n.given = cn.given;
      caregiver.name = n;
    }
    caregiver.relationship = relationship ?? 'unknown';
    if (cp) caregiver.phone = cp;
    out.caregivers = [caregiver];
  }
  return out;
}

function caseOf(p: Payload, kept: Kept) {
  const out: Record<string, unknown> = {};
  const caseId = text(p._id);
  if (caseId) out.sourceCaseId = caseId;
  out.status = 'open';
  const registered = missing(p['identification/date_enregistrement'])
    ? p._submission_time
    : p['identification/date_enregistrement'];
  if (!missing(registered)) {
    out.registrationDate = strict(
      missing(p['identification/date_enregistrement']) ? '/_submission_time' : '/identification~1date_enregistrement',
      () => registrationDate(registered).value,
    );
  }
  const concerns = p['protection/preoccupations'];
  if (!missing(concerns)) {
    const codes: string[] = [];
    for (const word of String(concerns)
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')) {
      const code = orOther(CONCERNS, word, kept, '/case/protectionConcerns', '/protection~1preoccupations');
      if (!codes.includes(code)) codes.push(code);
    }
    if (codes.length > 0) out.protectionConcerns = codes;
  }
  const risk = p['protection/niveau_risque'];
  if (!missing(risk)) out.riskLevel = lookup(RISK, risk) ?? reject('/protection~1niveau_risque', 'map');
  const displacement = p['protection/statut_deplacement'];
  out.displacementStatus = missing(displacement)
    ? 'unknown'
    : orOther(DISPLACEMENT, displacement, kept, '/case/displacementStatus', '/protection~1statut_deplacement');

  const consent: Record<string, unknown> = {};
  const services = p['consentement/services'];
  if (!missing(services)) consent.services = lookup(YES_NO, services) ?? reject('/consentement~1services', 'map');
  const sharing = p['consentement/partage_organisations'];
  if (!missing(sharing))
    consent.disclosureToOtherOrgs = lookup(YES_NO, sharing) ?? reject('/consentement~1partage_organisations', 'map');
  const givenBy = p['consentement/donne_par'];
  if (!missing(givenBy))
    consent.givenBy = orOther(GIVEN_BY, givenBy, kept, '/case/consent/givenBy', '/consentement~1donne_par');
  if (Object.keys(consent).length > 0) out.consent = consent;
  const worker = text(p['gestionnaire/code']);
  if (worker) out.caseWorkerCode = worker;
  return out;
}

const SKIPPED: FieldIssue = {
  pointer: '',
  code: 'mapping.skipped',
  message: {
    en: 'The mapping skips this record (skip condition)',
    fr: 'La correspondance ignore cet enregistrement (condition skip)',
  },
};

export function normaliseKobo(payload: unknown): NormaliseResult & { otherValues?: Kept } {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return {
      ok: false,
      issues: [
        {
          pointer: '',
          code: 'mapping.payload',
          message: { en: 'The payload must be a JSON object', fr: 'Le contenu doit être un objet JSON' },
        },
      ],
    };
  }
  const p = payload as Payload;
  const validation = p._validation_status as { uid?: unknown } | undefined;
  if (validation && typeof validation === 'object' && validation.uid === 'validation_status_not_approved')
    return { ok: false, skipped: true, issues: [SKIPPED] };
  try {
    const root = text(p['meta/rootUuid']);
    const id = root !== undefined ? root.replace(/^uuid:/, '') : text(p._uuid)?.replace(/^uuid:/, '');
    if (!id) reject('/meta~1rootUuid', 'required');
    const record: Record<string, unknown> = { sourceRecordId: id };
    if (!missing(p._submission_time))
      record.sourceUpdatedAt = strict('/_submission_time', () => utc(p._submission_time));
    const kept: Kept = [];
    record.person = person(p, kept);
    record.case = caseOf(p, kept);
    const fromSubmission = missing(p['identification/date_enregistrement']) && !missing(p._submission_time);
    const fromAge = missing(p['enfant/date_naissance']) && !missing(p['enfant/age']);
    const origins = originsFor(root === undefined, fromSubmission, fromAge);
    return kept.length > 0 ? { ok: true, record, origins, otherValues: kept } : { ok: true, record, origins };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, issues: [error.issue] };
    throw error;
  }
}
