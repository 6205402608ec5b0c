import type { Lang } from '../../i18n.ts';
import type { AuthMethod, Role, SourceTool } from './types.ts';

export const ROLES: Record<Lang, Record<Role, string>> = {
  fr: {
    source: 'Source (envoyer des fiches)',
    reader: 'Lecture (fiches et personnes)',
    referrals: 'Références',
    admin: 'Administration',
  },
  en: {
    source: 'Source (push records)',
    reader: 'Reader (records and persons)',
    referrals: 'Referrals',
    admin: 'Administration',
  },
};

export const TOOLS: Record<SourceTool, string> = {
  canonical: 'Canonical JSON (Relais)',
  kobotoolbox: 'KoboToolbox',
  'kobotoolbox-referral': 'KoboToolbox (referral)',
  commcare: 'CommCare',
  primero: 'Primero',
  csv: 'CSV',
  febrl: 'FEBRL',
};

export const AUTH_METHODS: Record<Lang, Record<AuthMethod, string>> = {
  fr: { 'standard-webhooks': 'Signature (Standard Webhooks)', 'api-key': 'Clé d’API' },
  en: { 'standard-webhooks': 'Signature (Standard Webhooks)', 'api-key': 'API key' },
};
