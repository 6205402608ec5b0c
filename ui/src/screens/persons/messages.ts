import type * as z from 'zod';
import type {
  BirthDatePrecision as Precisions,
  CaregiverRelationship as Relationships,
  Sex,
} from '../../../../schemas/canonical/codes.ts';
import type { AuditAction } from '../../../../core/registry/model.ts';
import type { PersonStatus } from '../../../../schemas/api/persons.ts';
import { defineMessages } from '../../i18n.ts';

type Labels<K extends string> = Record<K, string>;
type BirthDatePrecision = z.output<typeof Precisions>;
type CaregiverRelationship = z.output<typeof Relationships>;

const sexFr: Labels<Sex> = { female: 'Fille', male: 'Garçon', other: 'Autre', unknown: 'Inconnu' };
const sexEn: Labels<Sex> = { female: 'Girl', male: 'Boy', other: 'Other', unknown: 'Unknown' };

const precisionFr: Labels<BirthDatePrecision> = {
  exact: 'date exacte',
  month: 'mois connu',
  year: 'année seule',
  estimated: 'estimée d’après l’âge',
};
const precisionEn: Labels<BirthDatePrecision> = {
  exact: 'exact date',
  month: 'month known',
  year: 'year only',
  estimated: 'estimated from an age',
};

const relationshipFr: Labels<CaregiverRelationship> = {
  mother: 'Mère',
  father: 'Père',
  grandparent: 'Grand-parent',
  sibling: 'Frère ou sœur',
  aunt_uncle: 'Oncle ou tante',
  other_relative: 'Autre parent',
  foster_carer: 'Famille d’accueil',
  guardian: 'Tuteur',
  other: 'Autre',
  unknown: 'Lien inconnu',
};
const relationshipEn: Labels<CaregiverRelationship> = {
  mother: 'Mother',
  father: 'Father',
  grandparent: 'Grandparent',
  sibling: 'Sibling',
  aunt_uncle: 'Aunt or uncle',
  other_relative: 'Other relative',
  foster_carer: 'Foster carer',
  guardian: 'Guardian',
  other: 'Other',
  unknown: 'Relationship unknown',
};

const actionFr: Labels<AuditAction> = {
  create: 'Personne créée',
  link: 'Fiche liée automatiquement',
  update: 'Fiche mise à jour',
  merge: 'Fusion',
  split: 'Séparation',
  'review-opened': 'Revue ouverte',
  'review-same': 'Revue : même enfant',
  'review-different': 'Revue : enfants différents',
};
const actionEn: Labels<AuditAction> = {
  create: 'Person created',
  link: 'Record linked automatically',
  update: 'Record updated',
  merge: 'Merge',
  split: 'Split',
  'review-opened': 'Review opened',
  'review-same': 'Review: same child',
  'review-different': 'Review: different children',
};

/** The matcher's reasons are codes (core/registry/match-record.ts); a person's reason is their own words. */
const matcherReasonFr: Record<string, string> = {
  'no-candidate-above-link-threshold': 'aucune personne assez proche',
  'score-above-link-threshold': 'score au-dessus du seuil de liaison',
  'score-in-review-band': 'score dans la zone de revue',
  'record-links-both-persons': 'la fiche reliait déjà les deux personnes',
  'record-content-changed': 'contenu de la fiche modifié',
  'same-household': 'même foyer, pas le même enfant',
  'different-names': 'noms différents',
  'birth-apart': 'naissances trop éloignées',
  'declared-different': 'déclarés enfants différents',
};
const matcherReasonEn: Record<string, string> = {
  'no-candidate-above-link-threshold': 'no person close enough',
  'score-above-link-threshold': 'score above the link threshold',
  'score-in-review-band': 'score in the review band',
  'record-links-both-persons': 'the record already joined both persons',
  'record-content-changed': 'record content changed',
  'same-household': 'same household, not the same child',
  'different-names': 'different names',
  'birth-apart': 'births too far apart',
  'declared-different': 'declared different children',
};

const statusFr: Labels<PersonStatus> = { active: 'active', merged: 'fusionnée' };
const statusEn: Labels<PersonStatus> = { active: 'active', merged: 'merged' };

export const messages = defineMessages({
  fr: {
    sex: sexFr,
    precision: precisionFr,
    relationship: relationshipFr,
    action: actionFr,
    status: statusFr,
    matcherReason: matcherReasonFr,
    /** French sets a colon apart with a space; English does not. */
    colon: ' : ',
    indexTitle: 'Personnes',
    indexIntro:
      'Une personne du registre réunit les fiches d’un même enfant. Vous voyez vos fiches, et seulement le nombre de celles des autres organisations.',
    openLegend: 'Ouvrir une personne',
    openLabel: 'Identifiant de la personne',
    openHint: 'Il commence par per_ (affiché sur une fiche ou une revue).',
    open: 'Ouvrir',
    title: (id: string) => `Personne ${id}`,
    statusLabel: 'Statut',
    mergedInto: (id: string) => `Cette personne a été fusionnée : elle répond désormais sous ${id}.`,
    openSurvivor: 'Ouvrir la personne qui reste',
    yourRecords: 'Vos fiches',
    otherRecords: 'Fiches d’autres organisations',
    otherRecordsHint: 'Relais ne montre rien d’elles : faites une référence ou prenez contact.',
    recordsCaption: 'Vos fiches de cette personne',
    choose: 'Choisir',
    chooseRecord: (name: string) => `Choisir la fiche ${name}`,
    record: 'Fiche',
    source: 'Source',
    linkedAt: 'Liée le',
    linkedBy: 'Liée par',
    noRecords: 'Aucune de vos fiches n’est dans cette personne.',
    unnamed: 'Sans nom',
    name: 'Nom',
    sexLabel: 'Sexe',
    birth: 'Naissance',
    age: 'Âge déclaré',
    ageValue: (years: number, asOf: string) => `${years} ans au ${asOf}`,
    place: 'Lieu',
    caregivers: 'Personnes qui s’en occupent',
    noCaregiver: 'Aucune renseignée',
    phones: 'Téléphones',
    identifiers: 'Identifiants',
    otherNames: 'Autres noms',
    nickname: 'Surnom',
    received: 'Reçue le',
    recordUnavailable: 'Fiche illisible pour votre clé.',
    historyTitle: 'Historique des décisions',
    historyCaption: 'Décisions qui concernent vos fiches, des plus anciennes aux plus récentes',
    at: 'Date',
    actionLabel: 'Décision',
    by: 'Par',
    reason: 'Raison',
    records: 'Fiches',
    score: 'Score',
    noHistory: 'Aucune décision.',
    anotherOrganisation: 'une autre organisation',
    matcher: 'appariement automatique',
    nextPage: 'Page suivante de l’historique',
    previousPage: 'Page précédente de l’historique',
    mergeTitle: 'Fusionner une autre personne dans celle-ci',
    mergeHint:
      'Pour deux personnes qui sont le même enfant et dont vous tenez chacune une fiche. L’identifiant le plus petit reste ; les deux continuent de répondre.',
    mergeOther: 'Identifiant de l’autre personne',
    mergeReason: 'Raison de la fusion',
    merge: 'Fusionner',
    merged: (other: string, survivor: string) => `${other} fusionnée : la personne est désormais ${survivor}.`,
    splitTitle: 'Séparer des fiches',
    splitHint:
      'Les fiches choisies dans le tableau partent dans une nouvelle personne, retenue comme un autre enfant : l’appariement automatique ne les réunira plus.',
    splitReason: 'Raison de la séparation',
    split: 'Séparer les fiches choisies',
    noneLeft: 'Aucune de vos fiches ne reste dans cette personne : elle ne vous est plus visible.',
    nothingToSplit: 'Une seule fiche : il n’y a rien à séparer.',
    chooseFirst: 'Choisissez d’abord au moins une fiche dans le tableau.',
    confirmSplit: (n: number) =>
      `Séparer ${n} fiche${n > 1 ? 's' : ''} dans une nouvelle personne ? Elle${n > 1 ? 's' : ''} ne ser${n > 1 ? 'ont' : 'a'} plus jamais réunie${n > 1 ? 's' : ''} automatiquement à cette personne.`,
    confirm: 'Confirmer la séparation',
    cancel: 'Annuler',
    splitDone: (n: number, id: string) =>
      `${n} fiche${n > 1 ? 's' : ''} séparée${n > 1 ? 's' : ''} dans la nouvelle personne ${id}.`,
    openNew: (id: string) => `Ouvrir ${id}`,
    backToPersons: 'Ouvrir une autre personne',
  },
  en: {
    sex: sexEn,
    precision: precisionEn,
    relationship: relationshipEn,
    action: actionEn,
    status: statusEn,
    matcherReason: matcherReasonEn,
    colon: ': ',
    indexTitle: 'Persons',
    indexIntro:
      'A registry person brings together the records of one child. You see your records, and only the number of other organisations’ ones.',
    openLegend: 'Open a person',
    openLabel: 'Person id',
    openHint: 'It starts with per_ (shown on a record or a review).',
    open: 'Open',
    title: (id: string) => `Person ${id}`,
    statusLabel: 'Status',
    mergedInto: (id: string) => `This person was merged: it now answers as ${id}.`,
    openSurvivor: 'Open the person that remains',
    yourRecords: 'Your records',
    otherRecords: 'Other organisations’ records',
    otherRecordsHint: 'Relais shows nothing of them: ask for a referral or get in touch.',
    recordsCaption: 'Your records of this person',
    choose: 'Choose',
    chooseRecord: (name: string) => `Choose the record ${name}`,
    record: 'Record',
    source: 'Source',
    linkedAt: 'Linked on',
    linkedBy: 'Linked by',
    noRecords: 'None of your records is in this person.',
    unnamed: 'No name',
    name: 'Name',
    sexLabel: 'Sex',
    birth: 'Birth',
    age: 'Stated age',
    ageValue: (years: number, asOf: string) => `${years} years on ${asOf}`,
    place: 'Place',
    caregivers: 'Caregivers',
    noCaregiver: 'None recorded',
    phones: 'Phones',
    identifiers: 'Identifiers',
    otherNames: 'Other names',
    nickname: 'Nickname',
    received: 'Received on',
    recordUnavailable: 'Your key cannot read this record.',
    historyTitle: 'History of decisions',
    historyCaption: 'Decisions that concern your records, oldest first',
    at: 'Date',
    actionLabel: 'Decision',
    by: 'By',
    reason: 'Reason',
    records: 'Records',
    score: 'Score',
    noHistory: 'No decision.',
    anotherOrganisation: 'another organisation',
    matcher: 'automatic matching',
    nextPage: 'Next page of history',
    previousPage: 'Previous page of history',
    mergeTitle: 'Merge another person into this one',
    mergeHint:
      'For two persons who are the same child and of whom you hold a record each. The smaller id remains; both keep answering.',
    mergeOther: 'The other person’s id',
    mergeReason: 'Reason for the merge',
    merge: 'Merge',
    merged: (other: string, survivor: string) => `${other} merged: the person is now ${survivor}.`,
    splitTitle: 'Split records out',
    splitHint:
      'The records chosen in the table move to a new person, remembered as another child: automatic matching will not join them again.',
    splitReason: 'Reason for the split',
    split: 'Split the chosen records out',
    noneLeft: 'None of your records is left in this person: you no longer see it.',
    nothingToSplit: 'A single record: there is nothing to split.',
    chooseFirst: 'First choose at least one record in the table.',
    confirmSplit: (n: number) =>
      `Split ${n} record${n > 1 ? 's' : ''} out into a new person? Automatic matching will never join ${n > 1 ? 'them' : 'it'} to this person again.`,
    confirm: 'Confirm the split',
    cancel: 'Cancel',
    splitDone: (n: number, id: string) => `${n} record${n > 1 ? 's' : ''} split out into the new person ${id}.`,
    openNew: (id: string) => `Open ${id}`,
    backToPersons: 'Open another person',
  },
});

export type PersonMessages = (typeof messages)['fr'];
