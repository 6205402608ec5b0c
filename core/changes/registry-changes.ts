import type { Change } from '../../schemas/api/changes.ts';
import type { AuditEvent } from '../registry/model.ts';
import type { RegistryStore } from '../registry/ports.ts';
import { type FeedDeps, appendOnce } from './feed.ts';

const PERSON_CHANGES: Partial<Record<AuditEvent['action'], Extract<Change, { personId: string }>['type']>> = {
  create: 'person.linked',
  link: 'person.linked',
  merge: 'person.merged',
  split: 'person.split',
};

/**
 * The registry's changes, fed from its audit trail: every link, merge and split already writes an audit
 * event naming the records it moved and the organisation holding each (core/registry/audit.ts), with an id
 * that a retried step derives again. So the feed is written where the audit is, by wrapping the store's
 * `appendAudit` at the composition root: the matcher, merge and split need no change, and no decision can
 * reach the audit without reaching the feed. Each organisation holding a record the event moved gets one
 * entry naming its own records only. The entry is appended before the audit event: a step that dies in
 * between is retried (SQS, or the admin's retried request) and appends nothing twice (the once-key is the
 * audit id), whereas an audit written first could be taken, by a retry, as the sign that the step was done.
 * Review decisions and content updates are not person changes (a record's new content is its own change).
 */
export function appendRegistryChanges(deps: FeedDeps, event: AuditEvent): Promise<unknown> {
  const type = PERSON_CHANGES[event.action];
  if (!type) return Promise.resolve();
  const byOrganisation = new Map<string, string[]>();
  for (const recordId of event.recordIds) {
    // Events written before holders were kept name no organisation: nobody's feed can show them.
    const holder = event.recordOrganisations?.[recordId];
    if (holder !== undefined) byOrganisation.set(holder, [...(byOrganisation.get(holder) ?? []), recordId]);
  }
  return Promise.all(
    [...byOrganisation].map(([organisationId, recordIds]) =>
      appendOnce(
        deps,
        organisationId,
        `audit:${event.id}`,
        { kind: 'record', organisationId },
        {
          type,
          at: event.at,
          personId: event.personId,
          ...(event.relatedPersonId ? { relatedPersonId: event.relatedPersonId } : {}),
          recordIds,
        },
      ),
    ),
  );
}

/** The registry store, with each audit event's changes appended to the feeds first (see above). */
export function feedingChanges<S extends RegistryStore>(store: S, deps: FeedDeps): S {
  // A Proxy rather than a class restating the store's twenty methods: only appendAudit differs.
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendAudit') {
        return async (event: AuditEvent) => {
          await appendRegistryChanges(deps, event);
          await target.appendAudit(event);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
