import type * as z from 'zod';
import type { ProtectionConcern, ServiceType, Sex } from '../../schemas/canonical/codes.ts';
import type { Language, Localised } from '../i18n/language.ts';
import { OUTSIDE } from './age-sets.ts';
import { type Dimension, NONE, UNKNOWN } from './children-table.ts';

/** Column headers and code-list labels of published tables, in the words of French and English reports. */

export const DIMENSION_LABELS: Record<Dimension, Localised> = {
  sex: { en: 'Sex', fr: 'Sexe' },
  ageBracket: { en: 'Age group', fr: "Tranche d'âge" },
  protectionConcern: { en: 'Protection concern', fr: 'Préoccupation de protection' },
  serviceType: { en: 'Service', fr: 'Service' },
  organisation: { en: 'Organisation', fr: 'Organisation' },
  province: { en: 'Province', fr: 'Province' },
  territory: { en: 'Territory', fr: 'Territoire' },
};

export const COLUMN_LABELS = {
  children: { en: 'Children', fr: 'Enfants' },
  suppressed: { en: 'Suppressed', fr: 'Masqué' },
  total: { en: 'Total', fr: 'Total' },
  primary: { en: 'primary (fewer than k)', fr: 'primaire (moins de k)' },
  secondary: { en: 'secondary (protects another cell)', fr: 'secondaire (protège une autre cellule)' },
} as const satisfies Record<string, Localised>;

const SEX: Record<Sex, Localised> = {
  female: { en: 'Female', fr: 'Féminin' },
  male: { en: 'Male', fr: 'Masculin' },
  other: { en: 'Other', fr: 'Autre' },
  unknown: { en: 'Unknown', fr: 'Inconnu' },
};

const CONCERN: Record<z.infer<typeof ProtectionConcern>, Localised> = {
  worst_forms_of_child_labor: { en: 'Worst forms of child labour', fr: 'Pires formes de travail des enfants' },
  trafficked_smuggled: { en: 'Trafficked or smuggled', fr: 'Victime de traite ou de trafic' },
  gbv_survivor: { en: 'GBV survivor', fr: 'Survivant·e de VBG' },
  sexually_exploited: { en: 'Sexually exploited', fr: 'Exploité·e sexuellement' },
  caafag: { en: 'Associated with armed forces or groups', fr: 'Associé·e aux forces ou groupes armés' },
  street_child: { en: 'Street child', fr: 'Enfant en situation de rue' },
  child_headed_household: { en: 'Child-headed household', fr: 'Ménage dirigé par un enfant' },
  physically_or_mentally_abused: { en: 'Physically or mentally abused', fr: 'Maltraité·e physiquement ou mentalement' },
  refugee: { en: 'Refugee', fr: 'Réfugié·e' },
  migrant: { en: 'Migrant', fr: 'Migrant·e' },
  disabled: { en: 'With a disability', fr: 'En situation de handicap' },
  serious_health_issue: { en: 'Serious health issue', fr: 'Problème de santé grave' },
  arrested_detained: { en: 'Arrested or detained', fr: 'Arrêté·e ou détenu·e' },
  statelessness: { en: 'Stateless', fr: 'Apatride' },
  mentally_distressed: { en: 'Mentally distressed', fr: 'En détresse psychologique' },
  separated: { en: 'Separated', fr: 'Séparé·e' },
  unaccompanied: { en: 'Unaccompanied', fr: 'Non accompagné·e' },
  other: { en: 'Other', fr: 'Autre' },
};

const SERVICE: Record<ServiceType, Localised> = {
  safehouse: { en: 'Safe shelter', fr: 'Hébergement sécurisé' },
  health_medical: { en: 'Health or medical', fr: 'Santé ou médical' },
  psychosocial: { en: 'Psychosocial', fr: 'Psychosocial' },
  police_other: { en: 'Police or security', fr: 'Police ou sécurité' },
  legal_assistance: { en: 'Legal assistance', fr: 'Assistance juridique' },
  livelihoods: { en: 'Livelihoods', fr: "Moyens d'existence" },
  child_protection: { en: 'Child protection', fr: "Protection de l'enfant" },
  family_mediation: { en: 'Family mediation', fr: 'Médiation familiale' },
  family_reunification: { en: 'Family reunification', fr: 'Réunification familiale' },
  education: { en: 'Education', fr: 'Éducation' },
  nfi_clothes_shoes: { en: 'Non-food items', fr: 'Articles non alimentaires' },
  water_sanitation: { en: 'Water and sanitation', fr: 'Eau et assainissement' },
  registration: { en: 'Civil registration', fr: "Enregistrement à l'état civil" },
  food: { en: 'Food', fr: 'Alimentation' },
  other: { en: 'Other', fr: 'Autre' },
};

/** `unknown` is the same word for an age, a sex or a place. */
const SPECIAL: Record<string, Localised> = {
  [NONE]: { en: 'None', fr: 'Aucun' },
  [UNKNOWN]: { en: 'Unknown', fr: 'Inconnu' },
  [OUTSIDE]: { en: 'Outside the age groups', fr: 'Hors des tranches' },
};

/** A value as a report shows it: code lists translated; ages, organisations and places as they are. */
export function valueLabel(dimension: Dimension, value: string, lang: Language): string {
  const table: Record<string, Localised> | undefined =
    dimension === 'sex'
      ? SEX
      : dimension === 'protectionConcern'
        ? CONCERN
        : dimension === 'serviceType'
          ? SERVICE
          : undefined;
  return (table?.[value] ?? SPECIAL[value])?.[lang] ?? value;
}

const pick = (table: Record<string, Localised>, lang: Language): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([code, label]) => [code, label[lang]]));

/**
 * The labels a report's dimensions and values are shown with, in one language: a client (the admin UI)
 * shows a JSON report in the same words as its CSV, without a second copy of the code lists.
 */
export function reportLabels(lang: Language) {
  return {
    dimensions: Object.fromEntries(Object.entries(DIMENSION_LABELS).map(([d, label]) => [d, label[lang]])) as Record<
      Dimension,
      string
    >,
    values: {
      sex: pick(SEX, lang),
      protectionConcern: pick(CONCERN, lang),
      serviceType: pick(SERVICE, lang),
    } as Partial<Record<Dimension, Record<string, string>>>,
    /** none, unknown and outside, whatever the dimension. */
    special: pick(SPECIAL, lang),
  };
}
