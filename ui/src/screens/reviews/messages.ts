import type { Guard } from '../../../../core/matching/decide.ts';
import type { DEFAULT_PROBABILITIES, MatchField } from '../../../../core/matching/weights.ts';
import type { ReviewStatus } from '../../../../schemas/api/persons.ts';
import { defineMessages } from '../../i18n.ts';

/** Each field's levels, as the matcher's weights name them: a level left unworded is a type error. */
type LevelWords = { [F in MatchField]: Record<keyof (typeof DEFAULT_PROBABILITIES)[F], string> };

const fieldFr: Record<MatchField, string> = {
  name: 'Noms',
  birth: 'Date de naissance',
  sex: 'Sexe',
  location: 'Lieu',
  address: 'Adresse',
  caregiver: 'Personne qui s’en occupe',
  phone: 'Téléphone',
  identifier: 'Identifiant',
};
const fieldEn: Record<MatchField, string> = {
  name: 'Names',
  birth: 'Birth date',
  sex: 'Sex',
  location: 'Place',
  address: 'Address',
  caregiver: 'Caregiver',
  phone: 'Phone',
  identifier: 'Identifier',
};

const levelFr: LevelWords = {
  name: {
    exact: 'identiques',
    high: 'presque identiques',
    contained: 'l’un contient l’autre',
    partial: 'un nom en commun',
    weak: 'ressemblants',
    disagree: 'différents',
  },
  birth: {
    exact: 'même date',
    swapped: 'jour et mois inversés',
    'two-of-three': 'deux sur trois (jour, mois, année)',
    month: 'même mois',
    year: 'même année',
    close: 'à un an près (âge estimé)',
    near: 'proches',
    disagree: 'différentes',
    far: 'très éloignées',
  },
  sex: { agree: 'le même', disagree: 'différent' },
  location: {
    locality: 'même localité',
    territory: 'même territoire ou commune',
    province: 'même province',
    disagree: 'différent',
  },
  address: { high: 'presque identique', medium: 'ressemblante', disagree: 'différente' },
  caregiver: { agree: 'la même', partial: 'en partie la même', disagree: 'différente' },
  phone: { agree: 'un numéro commun', disagree: 'différents' },
  identifier: { agree: 'le même', close: 'presque le même', disagree: 'différent' },
};
const levelEn: LevelWords = {
  name: {
    exact: 'identical',
    high: 'nearly identical',
    contained: 'one contains the other',
    partial: 'one name in common',
    weak: 'alike',
    disagree: 'different',
  },
  birth: {
    exact: 'same date',
    swapped: 'day and month swapped',
    'two-of-three': 'two of three (day, month, year)',
    month: 'same month',
    year: 'same year',
    close: 'within a year (estimated age)',
    near: 'near',
    disagree: 'different',
    far: 'far apart',
  },
  sex: { agree: 'the same', disagree: 'different' },
  location: {
    locality: 'same locality',
    territory: 'same territory or commune',
    province: 'same province',
    disagree: 'different',
  },
  address: { high: 'nearly identical', medium: 'alike', disagree: 'different' },
  caregiver: { agree: 'the same', partial: 'partly the same', disagree: 'different' },
  phone: { agree: 'a number in common', disagree: 'different' },
  identifier: { agree: 'the same', close: 'nearly the same', disagree: 'different' },
};

/** Why matching held a pair back (core/matching/decide.ts), for the person who decides. */
const guardFr: Record<Guard, { short: string; long: string }> = {
  'same-household': {
    short: 'Même foyer',
    long: 'Un parent ou un téléphone est commun aux deux fiches, mais les noms, le sexe ou les âges ne sont pas ceux d’un seul enfant : ce peuvent être des frères et sœurs, ou des jumeaux.',
  },
  'different-names': {
    short: 'Noms différents',
    long: 'Un nom concorde tandis qu’un autre diffère nettement : le schéma de frères et sœurs ou de jumeaux. Relais ne lie pas ces fiches sans vous.',
  },
  'birth-apart': {
    short: 'Naissances éloignées',
    long: 'Les années de naissance sont plus éloignées que l’incertitude des fiches ne le permet : un aîné et un cadet, peut-être.',
  },
  'declared-different': {
    short: 'Déclarés différents',
    long: 'Quelqu’un a déjà dit que ces fiches sont deux enfants différents.',
  },
};
const guardEn: Record<Guard, { short: string; long: string }> = {
  'same-household': {
    short: 'Same household',
    long: 'A caregiver or a phone is shared by both records, but the names, the sex or the ages are not one child’s: they may be siblings, or twins.',
  },
  'different-names': {
    short: 'Different names',
    long: 'One name agrees while another clearly differs: the pattern of siblings or twins. Relais does not link these records without you.',
  },
  'birth-apart': {
    short: 'Births apart',
    long: 'The birth years are further apart than the records’ uncertainty allows: an older and a younger child, perhaps.',
  },
  'declared-different': {
    short: 'Declared different',
    long: 'Someone already said these records are two different children.',
  },
};

const statusFr: Record<ReviewStatus, string> = {
  open: 'ouverte',
  same: 'même enfant',
  different: 'enfants différents',
};
const statusEn: Record<ReviewStatus, string> = { open: 'open', same: 'same child', different: 'different children' };
const listFr: Record<ReviewStatus, string> = {
  open: 'Revues ouvertes',
  same: 'Revues décidées : même enfant',
  different: 'Revues décidées : enfants différents',
};
const listEn: Record<ReviewStatus, string> = {
  open: 'Open reviews',
  same: 'Reviews decided: same child',
  different: 'Reviews decided: different children',
};

export const messages = defineMessages({
  fr: {
    field: fieldFr,
    level: levelFr,
    guard: guardFr,
    status: statusFr,
    list: listFr,
    queueTitle: 'File de revue',
    queueIntro:
      'Des fiches qui se ressemblent sans que Relais puisse dire seul s’il s’agit du même enfant. Vous voyez celles dont votre organisation tient au moins une fiche.',
    statusFilter: 'Revues à afficher',
    show: 'Afficher',
    created: 'Ouverte le',
    decidedAt: 'Décidée le',
    score: 'Score',
    guardLabel: 'Alerte',
    noGuard: 'Score dans la zone de revue',
    sides: 'Fiches',
    sidesValue: (mine: number): string =>
      mine === 2 ? '2 de vos fiches' : '1 de vos fiches, 1 d’une autre organisation',
    decision: 'Décision',
    examine: 'Examiner',
    examineReview: (id: string) => ` la revue ${id}`,
    empty: 'Aucune revue ici.',
    reviewTitle: (date: string) => `Revue du ${date}`,
    review: 'Revue',
    backToQueue: 'Retour à la file de revue',
    statusLabel: 'Statut',
    scoreHint:
      'Le score additionne les poids des champs : positif, un champ plaide pour le même enfant ; négatif, contre.',
    whyHeld: 'Pourquoi Relais n’a pas décidé seul',
    bandOnly:
      'Le score est dans la zone de revue : trop haut pour écarter la ressemblance, trop bas pour lier les fiches sans vous.',
    twins:
      'Même date de naissance, mais des noms ou un sexe qui ne sont pas ceux d’un seul enfant : ce sont peut-être des jumeaux.',
    siblings: 'Un parent ou un téléphone commun : ce sont peut-être des frères et sœurs.',
    sidesTitle: 'Les deux fiches',
    thisSide: 'Fiche revue',
    candidateSide: 'Fiche candidate',
    heldElsewhere:
      'Cette fiche est tenue par une autre organisation : Relais ne la montre pas. Seule l’explication ci-dessous la compare à la vôtre ; pour en savoir plus, faites une référence ou prenez contact.',
    openPerson: (id: string) => `Ouvrir la personne ${id}`,
    explanationTitle: 'Explication, champ par champ',
    explanationCaption: (score: string) => `Comparaison des deux fiches (score ${score})`,
    fieldLabel: 'Champ',
    comparison: 'Comparaison',
    similarity: 'Similarité',
    weight: 'Poids',
    total: 'Score total',
    householdTitle: 'Contexte familial',
    caregiversOf: (side: string) => `Personnes qui s’occupent de l’enfant · ${side}`,
    unknownHousehold: 'Non visible : fiche d’une autre organisation.',
    decideTitle: 'Décider',
    decideLegend: 'Ces deux fiches sont',
    same: 'le même enfant (les deux personnes sont réunies)',
    different: 'deux enfants différents (retenu : l’appariement automatique ne les réunira plus)',
    reason: 'Raison de la décision',
    reasonHint: 'Ce que vous avez vérifié, et avec qui. Elle reste dans votre organisation.',
    submit: 'Enregistrer la décision',
    decidedSame: (id: string) => `Revue décidée : même enfant. Les deux personnes n’en font plus qu’une, ${id}.`,
    decidedDifferent: 'Revue décidée : enfants différents. L’appariement automatique ne les réunira plus.',
    decidedBy: 'Décidée par',
    reasonLabel: 'Raison',
    nextReview: 'Revue ouverte suivante',
    queueDone: 'Plus aucune revue ouverte : la file est vide.',
    anotherOrganisation: 'une autre organisation',
  },
  en: {
    field: fieldEn,
    level: levelEn,
    guard: guardEn,
    status: statusEn,
    list: listEn,
    queueTitle: 'Review queue',
    queueIntro:
      'Records that look alike where Relais cannot tell alone whether they are one child. You see those of which your organisation holds at least one record.',
    statusFilter: 'Reviews to show',
    show: 'Show',
    created: 'Opened on',
    decidedAt: 'Decided on',
    score: 'Score',
    guardLabel: 'Warning',
    noGuard: 'Score in the review band',
    sides: 'Records',
    sidesValue: (mine: number) => (mine === 2 ? '2 of your records' : '1 of your records, 1 of another organisation'),
    decision: 'Decision',
    examine: 'Examine',
    examineReview: (id: string) => ` review ${id}`,
    empty: 'No review here.',
    reviewTitle: (date: string) => `Review of ${date}`,
    review: 'Review',
    backToQueue: 'Back to the review queue',
    statusLabel: 'Status',
    scoreHint: 'The score adds up the fields’ weights: positive, a field argues for one child; negative, against.',
    whyHeld: 'Why Relais did not decide alone',
    bandOnly:
      'The score is in the review band: too high to dismiss the likeness, too low to link the records without you.',
    twins: 'Same birth date, but names or a sex that are not one child’s: they may be twins.',
    siblings: 'A caregiver or a phone in common: they may be siblings.',
    sidesTitle: 'The two records',
    thisSide: 'Record under review',
    candidateSide: 'Candidate record',
    heldElsewhere:
      'Another organisation holds this record: Relais does not show it. Only the explanation below compares it with yours; to know more, ask for a referral or get in touch.',
    openPerson: (id: string) => `Open person ${id}`,
    explanationTitle: 'Explanation, field by field',
    explanationCaption: (score: string) => `How the two records compare (score ${score})`,
    fieldLabel: 'Field',
    comparison: 'Comparison',
    similarity: 'Similarity',
    weight: 'Weight',
    total: 'Total score',
    householdTitle: 'Household',
    caregiversOf: (side: string) => `The child’s caregivers · ${side}`,
    unknownHousehold: 'Not visible: another organisation’s record.',
    decideTitle: 'Decide',
    decideLegend: 'These two records are',
    same: 'the same child (the two persons are joined)',
    different: 'two different children (remembered: automatic matching will not join them again)',
    reason: 'Reason for the decision',
    reasonHint: 'What you checked, and with whom. It stays within your organisation.',
    submit: 'Record the decision',
    decidedSame: (id: string) => `Review decided: same child. The two persons are now one, ${id}.`,
    decidedDifferent: 'Review decided: different children. Automatic matching will not join them again.',
    decidedBy: 'Decided by',
    reasonLabel: 'Reason',
    nextReview: 'Next open review',
    queueDone: 'No open review left: the queue is empty.',
    anotherOrganisation: 'another organisation',
  },
});

export type ReviewMessages = (typeof messages)['fr'];
