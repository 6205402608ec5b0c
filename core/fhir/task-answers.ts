import type { TaskAnswerResult } from '../../schemas/api/fhir-endpoint.ts';
import type { Principal } from '../access/principal.ts';
import { requireReferralParty } from '../access/referrals.ts';
import { ownScope } from '../access/scope.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { changeStatus } from '../referrals/change-status.ts';
import { needsReason } from '../referrals/lifecycle.ts';
import type { ReferralDeps } from '../referrals/refer.ts';
import { ReasonCode, ReferralFeedback, ServiceOutcome, type StatusChange } from '../../schemas/canonical/referral.ts';
import { type FhirPullCursor, type FhirResource, type FhirTaskStatus, PulledTask } from '../../schemas/fhir/sync.ts';
import type { FhirEndpointStore } from './endpoints.ts';
import { RELAIS_REASON_SYSTEM, RELAIS_TASK_OUTPUT_SYSTEM } from './identifiers.ts';
import { referralIdOfTask } from './referral.ts';
import { fhirSystems } from './systems.ts';
import type { FhirPushDeps } from './push.ts';
import { taskStatusToReferral } from './task-status.ts';

/** One version of a recipient's Task, read as an answer to the referral it names. */
export interface TaskAnswer {
  referralId: string;
  /** `<Task id>/<versionId>`: a version applied once, however often it is read. */
  taskVersion: string;
  status: FhirTaskStatus;
  details: Omit<StatusChange, 'status'>;
}

export type { TaskAnswerResult } from '../../schemas/api/fhir-endpoint.ts';

const outputOf = (task: PulledTask, code: string) =>
  task.output?.find((o) => o.type.coding?.some((c) => c.system === RELAIS_TASK_OUTPUT_SYSTEM && c.code === code));

/**
 * What one Task version says. The reason of a rejection, a hold, a failure or a cancellation is the Relais
 * code the partner gave under RELAIS_REASON_SYSTEM, or `other`, with the reason's text as the note; the
 * feedback of a completion is read from the Task's outputs (identifiers.ts), and none is made up: a
 * completion without it is refused like the same change through the API.
 */
export function answerOf(task: PulledTask): TaskAnswer | undefined {
  const referralId = referralIdOfTask(task.identifier, fhirSystems());
  if (!referralId) return undefined;
  const target = taskStatusToReferral(task.status);
  const details: Omit<StatusChange, 'status'> = {};
  if (target && needsReason(target)) {
    const code = task.statusReason?.coding?.find((c) => c.system === RELAIS_REASON_SYSTEM)?.code;
    details.reasonCode = ReasonCode.safeParse(code).data ?? 'other';
    const text = task.statusReason?.text?.slice(0, 2000);
    if (text) details.note = text;
  }
  if (target === 'completed') {
    const feedback = ReferralFeedback.safeParse({
      serviceProvided: outputOf(task, 'service-provided')?.valueString,
      outcome: ServiceOutcome.safeParse(outputOf(task, 'outcome')?.valueCode).data,
      date: outputOf(task, 'date')?.valueDate ?? (task.lastModified ?? task.meta?.lastUpdated)?.slice(0, 10),
    });
    if (feedback.success) details.feedback = feedback.data;
  }
  return { referralId, taskVersion: `${task.id}/${task.meta?.versionId ?? ''}`, status: task.status, details };
}

/**
 * Applies a recipient's Task answers, in the order given, through the referral status change use case as
 * the receiving organisation: the lifecycle decides, each change is queued for the referring organisation
 * through the existing delivery, and an answer applied before (same Task version) changes nothing again.
 */
export async function applyTaskAnswers(
  deps: Pick<ReferralDeps, 'referrals' | 'queue' | 'clock'>,
  recipientOrganisationId: string,
  answers: readonly TaskAnswer[],
): Promise<TaskAnswerResult[]> {
  const principal: Principal = {
    organisationId: recipientOrganisationId,
    roles: ['referrals'],
    credential: { kind: 'fhir-endpoint', organisationId: recipientOrganisationId },
  };
  const results: TaskAnswerResult[] = [];
  for (const answer of answers) {
    const ids = { referralId: answer.referralId, taskVersion: answer.taskVersion };
    const target = taskStatusToReferral(answer.status);
    if (!target) {
      results.push({ ...ids, outcome: 'ignored' });
      continue;
    }
    const referral = await deps.referrals.get(answer.referralId);
    let side: 'referring' | 'receiving';
    try {
      side = requireReferralParty(ownScope(principal), referral);
    } catch (error) {
      if (!(error instanceof RelaisError)) throw error;
      results.push({ ...ids, outcome: 'not-found' });
      continue;
    }
    // A server answers only for the side that runs it: a referral this organisation sent is not its to answer.
    if (side !== 'receiving') {
      results.push({ ...ids, outcome: 'not-found' });
      continue;
    }
    // `requested` is where every referral starts and no move leads back to: a Task at it is the Task as
    // Relais pushed it, whatever the referral has become since.
    if (referral!.status === target || target === 'requested') {
      results.push({ ...ids, outcome: 'unchanged' });
      continue;
    }
    try {
      const changed = await changeStatus(
        deps,
        principal,
        answer.referralId,
        { status: target, ...answer.details },
        `fhir-task:${answer.taskVersion}`,
      );
      // The same Task version applied before (a pull whose cursor was not saved): the change use case finds
      // it by its key, queues its event again (delivered once all the same) and changes nothing.
      results.push(
        changed.version > referral!.version
          ? { ...ids, outcome: 'applied', version: changed.version }
          : { ...ids, outcome: 'unchanged' },
      );
    } catch (error) {
      if (!(error instanceof RelaisError)) throw error;
      results.push({ ...ids, outcome: 'refused', reason: error.reason });
    }
  }
  return results;
}

export interface TaskPullDeps extends Pick<ReferralDeps, 'referrals' | 'queue' | 'clock'> {
  endpoints: FhirEndpointStore;
  connect: FhirPushDeps['connect'];
}

const isNew = (resource: FhirResource, cursor: FhirPullCursor) => {
  const updated = resource.meta?.lastUpdated;
  if (!cursor.since || !updated) return true;
  const [t, since] = [Date.parse(updated), Date.parse(cursor.since)];
  return t > since || (t === since && !cursor.seenAtSince.includes(`${resource.id}/${resource.meta?.versionId}`));
};

/**
 * Pulls the Tasks an organisation's FHIR server changed since its cursor and applies every version written
 * since (a recipient that accepted, then completed, between two pulls gives both answers, in order, read
 * from each Task's history). The cursor moves only once every answer is applied or refused, so a failure
 * (server, store) leaves it where it was and the next pull reads the same versions again, harmlessly.
 */
export async function pullTaskAnswers(
  deps: TaskPullDeps,
  organisationId: string,
  options: { pageSize?: number } = {},
): Promise<{ results: TaskAnswerResult[]; cursor?: FhirPullCursor; moved: boolean }> {
  const configured = await deps.endpoints.get(organisationId);
  if (!configured) return { results: [], moved: false };
  const previous = await deps.endpoints.getCursor(organisationId, 'Task');
  const cursor = previous ?? { resourceType: 'Task', seenAtSince: [] };
  const client = deps.connect(configured.endpoint, configured.secret);
  const pulled = await client.pull(cursor, options);
  const answers: TaskAnswer[] = [];
  for (const resource of pulled.resources) {
    const current = PulledTask.safeParse(resource);
    // Tasks of the server's own, or not shaped as R4 says: none of Relais's business.
    if (!current.success || !answerOf(current.data)) continue;
    const versions = await client.history('Task', current.data.id);
    for (const version of versions.filter((v) => isNew(v, cursor))) {
      const parsed = PulledTask.safeParse(version);
      const answer = parsed.success ? answerOf(parsed.data) : undefined;
      if (answer) answers.push(answer);
    }
  }
  const results = await applyTaskAnswers(deps, organisationId, answers);
  const moved = (await deps.endpoints.putCursor(organisationId, pulled.cursor, previous)) === 'ok';
  return { results, cursor: pulled.cursor, moved };
}
