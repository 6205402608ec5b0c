import * as z from 'zod';
import { CaseStatus, DisplacementStatus, ProtectionConcern, RiskLevel } from './codes.ts';

/** Consent as recorded with the child or caregiver (Primero's consent fields, DOMAIN.md). */
export const Consent = z
  .strictObject({
    services: z.boolean().optional().meta({ description: 'consent_for_services' }),
    disclosureToOtherOrgs: z.boolean().optional().meta({ description: 'disclosure_other_orgs' }),
    tracing: z.boolean().optional().meta({ description: 'consent_for_tracing' }),
    reporting: z.boolean().optional().meta({ description: 'consent_reporting' }),
    infoSharing: z.boolean().optional().meta({ description: 'consent_info_sharing' }),
    disclosureDenyDetails: z.string().trim().max(1000).optional(),
    withholdingReason: z.string().trim().max(1000).optional(),
    recordedAt: z.iso.date().optional(),
    givenBy: z.enum(['child', 'caregiver', 'both', 'other']).optional(),
  })
  .meta({ id: 'Consent' });

export const Case = z
  .strictObject({
    sourceCaseId: z.string().trim().min(1).max(200).optional().meta({ description: 'The case id in the source tool' }),
    status: CaseStatus,
    registrationDate: z.iso.date().optional(),
    protectionConcerns: z.array(ProtectionConcern).max(30).optional(),
    riskLevel: RiskLevel.optional(),
    displacementStatus: DisplacementStatus.optional(),
    consent: Consent.optional(),
    caseWorkerCode: z.string().trim().min(1).max(100).optional().meta({ description: 'A code, never a name' }),
  })
  .meta({ id: 'Case' });

export type Case = z.infer<typeof Case>;
export type Consent = z.infer<typeof Consent>;
