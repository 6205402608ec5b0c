import type { ServiceType } from '../../schemas/canonical/index.ts';
import type { Localised } from '../i18n/language.ts';

/** How messages name each kind of service: the words around "service" ("psychosocial service", "service psychosocial"). */
export const SERVICE_TYPE_LABELS: Record<ServiceType, Localised> = {
  safehouse: { en: 'safe shelter', fr: "d'hébergement sécurisé" },
  health_medical: { en: 'health or medical', fr: 'de santé ou médical' },
  psychosocial: { en: 'psychosocial', fr: 'psychosocial' },
  police_other: { en: 'police or security', fr: 'de police ou de sécurité' },
  legal_assistance: { en: 'legal assistance', fr: "d'assistance juridique" },
  livelihoods: { en: 'livelihoods', fr: "de moyens d'existence" },
  child_protection: { en: 'child protection', fr: "de protection de l'enfant" },
  family_mediation: { en: 'family mediation', fr: 'de médiation familiale' },
  family_reunification: { en: 'family reunification', fr: 'de réunification familiale' },
  education: { en: 'education', fr: "d'éducation" },
  nfi_clothes_shoes: { en: 'non-food items', fr: "d'articles non alimentaires" },
  water_sanitation: { en: 'water and sanitation', fr: "d'eau et d'assainissement" },
  registration: { en: 'civil registration', fr: "d'enregistrement à l'état civil" },
  food: { en: 'food', fr: 'alimentaire' },
  other: { en: 'other', fr: "d'un autre type" },
};
