import type { ReferralPriority } from '../../schemas/canonical/referral.ts';

/** Hours the receiver has to accept, by priority: the inter-agency referral form's 24 h, 72 h and two weeks. */
export type ResponseHours = Readonly<Record<ReferralPriority, number>>;

export const DEFAULT_RESPONSE_HOURS: ResponseHours = { emergency: 24, urgent: 72, normal: 14 * 24 };

export function dueAt(
  requestedAt: Date,
  priority: ReferralPriority,
  hours: ResponseHours = DEFAULT_RESPONSE_HOURS,
): Date {
  return new Date(requestedAt.getTime() + hours[priority] * 3_600_000);
}

/**
 * Overdue: past the due date and still waiting for the receiver's answer (requested). Once accepted, a
 * referral is overdue when `serviceDueAt` (if the deployment sets a service deadline) has passed and it
 * is not closed.
 */
export function isOverdue(referral: { status: string; dueAt: string }, at: Date, serviceDueAt?: string): boolean {
  if (referral.status === 'requested') return at.getTime() > Date.parse(referral.dueAt);
  if (serviceDueAt === undefined) return false;
  return ['accepted', 'in-progress', 'on-hold'].includes(referral.status) && at.getTime() > Date.parse(serviceDueAt);
}

/**
 * A deployment's own response times, as `emergency=12,urgent=48,normal=240` (hours); unset priorities keep
 * the defaults. Throws on anything else, so a mistyped setting stops the deployment instead of silently
 * changing due dates.
 */
export function parseResponseHours(setting: string | undefined): ResponseHours {
  if (!setting) return DEFAULT_RESPONSE_HOURS;
  const hours: Record<string, number> = { ...DEFAULT_RESPONSE_HOURS };
  for (const part of setting.split(',')) {
    const [priority, value] = part.split('=').map((s) => s.trim());
    if (!priority || !(priority in DEFAULT_RESPONSE_HOURS) || !/^\d+$/.test(value ?? '') || Number(value) < 1) {
      throw new Error(`RELAIS_RESPONSE_HOURS: "${part}" is not priority=hours (emergency, urgent, normal)`);
    }
    hours[priority] = Number(value);
  }
  return hours as ResponseHours;
}
