import { useLang, useMessages } from '../../i18n.ts';
import { href } from '../../router.ts';
import { SERVICE_STATUSES, STATUS_BADGE, ageText, areaText, serviceName, sexesText, typeOf } from './labels.ts';
import { messages } from './messages.ts';
import type { Service } from './types.ts';

/** A page of services; one's name links to its page when it is the caller's own. */
export function ServicesTable({
  services,
  caption,
  own,
}: {
  services: readonly Service[];
  caption: string;
  own: boolean;
}) {
  const t = useMessages(messages);
  const lang = useLang();
  if (services.length === 0) return <p>{t.none}</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.name}</th>
          {!own && <th scope="col">{t.organisation}</th>}
          <th scope="col">{t.type}</th>
          <th scope="col">{t.areas}</th>
          <th scope="col">{t.ages}</th>
          <th scope="col">{t.sexes}</th>
          <th scope="col">{t.status}</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              {own ? <a href={href('directory', [s.id])}>{serviceName(lang, s)}</a> : serviceName(lang, s)}
            </th>
            {!own && <td>{s.organisationId}</td>}
            <td>{typeOf(lang, s)}</td>
            <td>{s.serviceAreas.map(areaText).join(' ; ')}</td>
            <td>{ageText(lang, s.eligibility)}</td>
            <td>{sexesText(lang, s.eligibility.sexes)}</td>
            <td>
              <span class={`badge ${STATUS_BADGE[s.status]}`}>{SERVICE_STATUSES[lang][s.status]}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
