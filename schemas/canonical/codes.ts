import * as z from 'zod';

/** Code lists of the canonical schema v1. Values follow Primero's CP module where one exists (DOMAIN.md). */

export const Sex = z.enum(['female', 'male', 'other', 'unknown']).meta({ id: 'Sex' });
export type Sex = z.infer<typeof Sex>;

export const BirthDatePrecision = z.enum(['exact', 'month', 'year', 'estimated']).meta({
  id: 'BirthDatePrecision',
  description: 'exact: day known; month: month and year; year: year only; estimated: derived from an age',
});

export const ProtectionConcern = z
  .enum([
    'worst_forms_of_child_labor',
    'trafficked_smuggled',
    'gbv_survivor',
    'sexually_exploited',
    'caafag',
    'street_child',
    'child_headed_household',
    'physically_or_mentally_abused',
    'refugee',
    'migrant',
    'disabled',
    'serious_health_issue',
    'arrested_detained',
    'statelessness',
    'mentally_distressed',
    'separated',
    'unaccompanied',
    'other',
  ])
  .meta({ id: 'ProtectionConcern' });

export const RiskLevel = z.enum(['high', 'medium', 'low']).meta({ id: 'RiskLevel' });

export const DisplacementStatus = z
  .enum(['resident', 'idp', 'refugee', 'returnee', 'asylum_seeker', 'migrant', 'stateless', 'other', 'unknown'])
  .meta({ id: 'DisplacementStatus' });

export const CaseStatus = z.enum(['open', 'closed', 'transferred']).meta({ id: 'CaseStatus' });

export const CaregiverRelationship = z
  .enum([
    'mother',
    'father',
    'grandparent',
    'sibling',
    'aunt_uncle',
    'other_relative',
    'foster_carer',
    'guardian',
    'other',
    'unknown',
  ])
  .meta({ id: 'CaregiverRelationship' });

export const SourceTool = z
  .enum(['canonical', 'kobotoolbox', 'kobotoolbox-referral', 'commcare', 'primero', 'csv', 'febrl'])
  .meta({ id: 'SourceTool', description: 'The payload format a source pushes' });
export type SourceTool = z.infer<typeof SourceTool>;

/** source: push records; reader: read records and persons; referrals: make, answer and read referrals; admin: all. */
export const Role = z.enum(['source', 'reader', 'referrals', 'admin']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

/**
 * Kinds of service a child can be referred to: Primero's service_type list. Partners map their own kinds
 * onto these through their mapping's value maps; `other` names its kind in the service's typeLabel.
 */
export const ServiceType = z
  .enum([
    'safehouse',
    'health_medical',
    'psychosocial',
    'police_other',
    'legal_assistance',
    'livelihoods',
    'child_protection',
    'family_mediation',
    'family_reunification',
    'education',
    'nfi_clothes_shoes',
    'water_sanitation',
    'registration',
    'food',
    'other',
  ])
  .meta({ id: 'ServiceType' });
export type ServiceType = z.infer<typeof ServiceType>;
