import type * as z from 'zod';
import type {
  ReferralList as ReferralListSchema,
  ReferralView as ReferralViewSchema,
} from '../../../../schemas/api/referrals.ts';
import type {
  CaregiverRelationship as CaregiverRelationshipSchema,
  ProtectionConcern as ProtectionConcernSchema,
  RiskLevel as RiskLevelSchema,
  ServiceType as ServiceTypeSchema,
  Sex as SexSchema,
} from '../../../../schemas/canonical/codes.ts';
import type {
  DataCategory as DataCategorySchema,
  DeliveryFact as DeliveryFactSchema,
  ReasonCode as ReasonCodeSchema,
  ReferralPriority as ReferralPrioritySchema,
  ReferralStatus as ReferralStatusSchema,
  ServiceOutcome as ServiceOutcomeSchema,
  StatusChange as StatusChangeSchema,
} from '../../../../schemas/canonical/referral.ts';

export type ReferralView = z.output<typeof ReferralViewSchema>;
export type ReferralList = z.output<typeof ReferralListSchema>;
export type ReferralStatus = z.output<typeof ReferralStatusSchema>;
export type ReferralPriority = z.output<typeof ReferralPrioritySchema>;
export type ReasonCode = z.output<typeof ReasonCodeSchema>;
export type ServiceOutcome = z.output<typeof ServiceOutcomeSchema>;
export type DataCategory = z.output<typeof DataCategorySchema>;
export type DeliveryFactCode = z.output<typeof DeliveryFactSchema>['fact'];
export type StatusChange = z.input<typeof StatusChangeSchema>;
export type ServiceType = z.output<typeof ServiceTypeSchema>;
export type Sex = z.output<typeof SexSchema>;
export type RiskLevel = z.output<typeof RiskLevelSchema>;
export type ProtectionConcern = z.output<typeof ProtectionConcernSchema>;
export type CaregiverRelationship = z.output<typeof CaregiverRelationshipSchema>;
export type Side = ReferralView['yourSide'];

/** What the board and a referral's page call out, each as words in a badge (never colour alone). */
export type Flag =
  'overdue' | 'emergency' | 'urgent' | 'consent-expired' | 'consent-revoked' | 'consent-override' | 'undeliverable';
