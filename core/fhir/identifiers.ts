import { fhirSystems } from './systems.ts';

/**
 * The identifier systems Relais writes on the FHIR resources it pushes and reads back on those it pulls:
 * conditional creates and updates key on them, so they must never change once partners hold resources.
 */
export const RELAIS_REFERRAL_SYSTEM = fhirSystems().referral;
export const RELAIS_PERSON_SYSTEM = fhirSystems().person;
/** Task.statusReason codes a partner may use to give a Relais reason code (core/referrals reasons). */
export const RELAIS_REASON_SYSTEM = fhirSystems().codeSystem('reason-code');
/**
 * Task.output types a partner sets on completing a Task, for the referral's feedback: `service-provided`
 * (valueString), `outcome` (valueCode: needs-met, needs-partially-met, needs-not-met) and `date` (valueDate).
 */
export const RELAIS_TASK_OUTPUT_SYSTEM = fhirSystems().codeSystem('task-output');
