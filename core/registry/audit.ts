import type { Comparison } from '../matching/compare.ts';
import { auditIdFor } from './ids.ts';
import type { AuditAction, AuditEvent } from './model.ts';
import type { RegistryStore } from './ports.ts';

export interface AuditInput {
  personId: string;
  action: AuditAction;
  by: string;
  /** The organisation that acted, for decisions an organisation's administrator took. */
  byOrganisationId?: string | undefined;
  reason: string;
  /** The records concerned, with the organisation holding each (which decides who may see the event). */
  records: ReadonlyArray<{ recordId: string; organisationId?: string | undefined }>;
  relatedPersonId?: string;
  comparison?: Comparison;
  /** What makes this decision unique, so that a retried step records it once. */
  key: readonly unknown[];
}

export async function audit(store: RegistryStore, at: string, input: AuditInput): Promise<void> {
  const event: AuditEvent = {
    id: auditIdFor([input.action, input.personId, ...input.key]),
    personId: input.personId,
    at,
    action: input.action,
    by: input.by,
    ...(input.byOrganisationId ? { byOrganisationId: input.byOrganisationId } : {}),
    reason: input.reason,
    recordIds: input.records.map((r) => r.recordId),
    recordOrganisations: Object.fromEntries(
      input.records.flatMap((r) => (r.organisationId ? [[r.recordId, r.organisationId]] : [])),
    ),
    ...(input.relatedPersonId ? { relatedPersonId: input.relatedPersonId } : {}),
    ...(input.comparison
      ? {
          score: round(input.comparison.score),
          fields: input.comparison.fields.map((f) => ({
            ...f,
            weight: round(f.weight),
            similarity: round(f.similarity),
          })),
        }
      : {}),
  };
  await store.appendAudit(event);
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
