import { ActionFeedback, Loaded, useAction, useResource } from '../../components/feedback.tsx';
import { InlineConfirm } from '../../components/inline-confirm.tsx';
import { formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { useApi } from '../../session.ts';
import { href } from '../../router.ts';
import {
  SERVICE_STATUSES,
  STATUS_BADGE,
  ageText,
  areaText,
  localised,
  serviceName,
  sexesText,
  typeOf,
} from './labels.ts';
import { messages } from './messages.ts';
import type { Service } from './types.ts';
import { ViewHeading } from './view-nav.tsx';

/** One of the caller's services, and taking it out of search and routing. */
export function ServicePage({ serviceId }: { serviceId: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const api = useApi();
  const service = useResource(
    (a) => a.get<Service>(`/v1/admin/services/${encodeURIComponent(serviceId)}`),
    [serviceId],
  );
  const action = useAction();
  const deactivate = (s: Service) =>
    action.run(async () => {
      await api.post<Service>(`/v1/admin/services/${encodeURIComponent(s.id)}/deactivate`);
      service.reload();
      return t.deactivated(serviceName(lang, s));
    });
  return (
    <Loaded resource={service}>
      {(s) => (
        <>
          <ViewHeading title={serviceName(lang, s)} />
          <p>
            <a href={href('directory')}>{t.back}</a>
          </p>
          <ActionFeedback action={action} />
          <dl class="facts">
            <dt>{t.status}</dt>
            <dd>
              <span class={`badge ${STATUS_BADGE[s.status]}`}>{SERVICE_STATUSES[lang][s.status]}</span>
            </dd>
            <dt>{t.type}</dt>
            <dd>{typeOf(lang, s)}</dd>
            {s.description && (
              <>
                <dt>{t.description}</dt>
                <dd>{localised(lang, s.description)}</dd>
              </>
            )}
            <dt>{t.areas}</dt>
            <dd>
              <ul class="plain">
                {s.serviceAreas.map((a) => (
                  <li key={areaText(a)}>{areaText(a)}</li>
                ))}
              </ul>
            </dd>
            <dt>{t.ages}</dt>
            <dd>{ageText(lang, s.eligibility)}</dd>
            <dt>{t.sexes}</dt>
            <dd>{sexesText(lang, s.eligibility.sexes)}</dd>
            {s.eligibility.description && (
              <>
                <dt>{t.eligibility}</dt>
                <dd>{localised(lang, s.eligibility.description)}</dd>
              </>
            )}
            <dt>{t.languages}</dt>
            <dd>{s.languages.join(', ')}</dd>
            {s.capacity && (
              <>
                <dt>{t.capacity}</dt>
                <dd>{t.places(s.capacity.available, s.capacity.total)}</dd>
              </>
            )}
            <dt>{t.focalPoint}</dt>
            <dd>{[s.focalPoint.role, s.focalPoint.email, s.focalPoint.phone].filter(Boolean).join(' · ')}</dd>
            <dt>{t.version}</dt>
            <dd>{s.version}</dd>
            <dt>{t.lastModified}</dt>
            <dd>{formatDateTime(lang, s.lastModified)}</dd>
          </dl>
          {s.status !== 'inactive' && (
            <InlineConfirm
              label={t.deactivate}
              question={t.deactivateQuestion(serviceName(lang, s))}
              confirm={t.deactivateConfirm}
              disabled={action.busy}
              onConfirm={() => deactivate(s)}
            />
          )}
        </>
      )}
    </Loaded>
  );
}
