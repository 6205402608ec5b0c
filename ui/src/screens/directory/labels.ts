import type { Lang } from '../../i18n.ts';
import type { Attempt, Service, ServiceArea, ServiceStatus, ServiceType, Sex } from './types.ts';

/** Every code has its label in both languages: a code added to the schema is a type error here. */
export const SERVICE_TYPES: Record<Lang, Record<ServiceType, string>> = {
  fr: {
    safehouse: 'Hébergement sûr',
    health_medical: 'Santé, soins médicaux',
    psychosocial: 'Appui psychosocial',
    police_other: 'Police, sécurité',
    legal_assistance: 'Assistance juridique',
    livelihoods: 'Moyens de subsistance',
    child_protection: 'Protection de l’enfant',
    family_mediation: 'Médiation familiale',
    family_reunification: 'Réunification familiale',
    education: 'Éducation',
    nfi_clothes_shoes: 'Articles non alimentaires',
    water_sanitation: 'Eau et assainissement',
    registration: 'Enregistrement, état civil',
    food: 'Alimentation',
    other: 'Autre',
  },
  en: {
    safehouse: 'Safe house',
    health_medical: 'Health, medical care',
    psychosocial: 'Psychosocial support',
    police_other: 'Police, security',
    legal_assistance: 'Legal assistance',
    livelihoods: 'Livelihoods',
    child_protection: 'Child protection',
    family_mediation: 'Family mediation',
    family_reunification: 'Family reunification',
    education: 'Education',
    nfi_clothes_shoes: 'Non-food items',
    water_sanitation: 'Water and sanitation',
    registration: 'Registration, civil status',
    food: 'Food',
    other: 'Other',
  },
};

export const SERVICE_STATUSES: Record<Lang, Record<ServiceStatus, string>> = {
  fr: {
    active: 'Actif',
    inactive: 'Inactif',
    defunct: 'Fermé définitivement',
    'temporarily-closed': 'Fermé temporairement',
  },
  en: {
    active: 'Active',
    inactive: 'Inactive',
    defunct: 'Closed for good',
    'temporarily-closed': 'Temporarily closed',
  },
};

export const STATUS_BADGE: Record<ServiceStatus, string> = {
  active: 'badge-ok',
  inactive: 'badge-muted',
  defunct: 'badge-danger',
  'temporarily-closed': 'badge-warn',
};

export const SEXES: Record<Lang, Record<Sex, string>> = {
  fr: { female: 'Filles', male: 'Garçons', other: 'Autre', unknown: 'Inconnu' },
  en: { female: 'Girls', male: 'Boys', other: 'Other', unknown: 'Unknown' },
};

export const OUTCOMES: Record<Lang, Record<Attempt['outcome'], string>> = {
  fr: {
    response: 'Réponse',
    timeout: 'Délai dépassé',
    network: 'Erreur réseau',
    'refused-address': 'Adresse refusée',
    disabled: 'Canal désactivé, rien envoyé',
  },
  en: {
    response: 'Response',
    timeout: 'Timed out',
    network: 'Network error',
    'refused-address': 'Address refused',
    disabled: 'Channel disabled, nothing sent',
  },
};

export const NEXT: Record<Lang, Record<Attempt['next'], string>> = {
  fr: { delivered: 'Livré', disable: 'Canal désactivé (410)', retry: 'Nouvel essai', exhausted: 'Abandonné' },
  en: { delivered: 'Delivered', disable: 'Channel disabled (410)', retry: 'Retry', exhausted: 'Given up' },
};

export const NEXT_BADGE: Record<Attempt['next'], string> = {
  delivered: 'badge-ok',
  disable: 'badge-danger',
  retry: 'badge-warn',
  exhausted: 'badge-danger',
};

/** A text given in French, English or both: the UI's language first. */
export const localised = (lang: Lang, text: { fr?: string | undefined; en?: string | undefined }) =>
  (lang === 'fr' ? (text.fr ?? text.en) : (text.en ?? text.fr)) ?? '';

export const serviceName = (lang: Lang, service: Service) => localised(lang, service.name);

export const typeOf = (lang: Lang, service: Pick<Service, 'type' | 'typeLabel'>) =>
  service.type === 'other' && service.typeLabel ? service.typeLabel : SERVICE_TYPES[lang][service.type];

/** From the smallest level to the country, as a place is read. */
export const areaText = (area: ServiceArea) =>
  [area.locality, area.territory, area.province, area.country].filter((l) => l !== undefined).join(', ');

export function ageText(lang: Lang, { minimumAge: min, maximumAge: max }: Service['eligibility']): string {
  const fr = lang === 'fr';
  if (min === undefined && max === undefined) return fr ? 'Tous âges' : 'Any age';
  if (min === undefined) return fr ? `Jusqu’à ${max} ans` : `Up to ${max} years`;
  if (max === undefined) return fr ? `À partir de ${min} ans` : `From ${min} years`;
  return fr ? `${min} à ${max} ans` : `${min} to ${max} years`;
}

export const sexesText = (lang: Lang, sexes: readonly Sex[] | undefined) =>
  sexes ? sexes.map((s) => SEXES[lang][s]).join(', ') : lang === 'fr' ? 'Tous' : 'All';
