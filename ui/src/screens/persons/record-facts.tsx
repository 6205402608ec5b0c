import type * as z from 'zod';
import type { RecordView } from '../../../../schemas/api/records.ts';
import { formatDate, formatDateTime, useLang, useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';

export type RecordData = z.output<typeof RecordView>;
type Person = RecordData['person'];

/** A child's names as a caseworker writes them: given, middle, family. */
export function fullName(person: Person): string {
  const { given, middle, family } = person.name;
  return [given, middle, family].filter(Boolean).join(' ');
}

function place(location: Person['location']): string | undefined {
  if (!location) return undefined;
  const parts = [location.locality, location.territory, location.province, location.country].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : location.text;
}

/** The people who care for the child, as the record names them: what tells a household apart. */
export function Caregivers({ person }: { person: Person }) {
  const t = useMessages(messages);
  if (!person.caregivers || person.caregivers.length === 0) return <span class="hint">{t.noCaregiver}</span>;
  return (
    <ul class="plain">
      {person.caregivers.map((c, i) => (
        <li key={i}>
          {t.relationship[c.relationship]}
          {c.name && `${t.colon}${fullName({ ...person, name: c.name }) || t.unnamed}`}
          {c.phone && <span class="hint"> · {c.phone}</span>}
        </li>
      ))}
    </ul>
  );
}

/**
 * What a record says of the child, the facts matching compares: an administrator of the organisation that
 * holds the record sees it whole, as on GET /v1/records/{id}.
 */
export function RecordFacts({ record }: { record: RecordData }) {
  const t = useMessages(messages);
  const lang = useLang();
  const p = record.person;
  const where = place(p.location);
  const other = [...(p.name.other ?? []), ...(p.name.nickname ? [p.name.nickname] : [])];
  return (
    <dl class="facts">
      <dt>{t.name}</dt>
      <dd>
        <strong>{fullName(p) || t.unnamed}</strong>
      </dd>
      {other.length > 0 && (
        <>
          <dt>{t.otherNames}</dt>
          <dd>{other.join(', ')}</dd>
        </>
      )}
      <dt>{t.sexLabel}</dt>
      <dd>{t.sex[p.sex]}</dd>
      {p.birthDate && (
        <>
          <dt>{t.birth}</dt>
          <dd>
            {p.birthDate.value} <span class="hint">({t.precision[p.birthDate.precision]})</span>
          </dd>
        </>
      )}
      {p.ageAtRegistration && (
        <>
          <dt>{t.age}</dt>
          <dd>{t.ageValue(p.ageAtRegistration.years, formatDate(lang, p.ageAtRegistration.asOf))}</dd>
        </>
      )}
      {where && (
        <>
          <dt>{t.place}</dt>
          <dd>{where}</dd>
        </>
      )}
      <dt>{t.caregivers}</dt>
      <dd>
        <Caregivers person={p} />
      </dd>
      {p.phones && p.phones.length > 0 && (
        <>
          <dt>{t.phones}</dt>
          <dd>{p.phones.join(', ')}</dd>
        </>
      )}
      {p.identifiers && p.identifiers.length > 0 && (
        <>
          <dt>{t.identifiers}</dt>
          <dd>{p.identifiers.map((i) => `${i.scheme} ${i.value}`).join(', ')}</dd>
        </>
      )}
      <dt>{t.source}</dt>
      <dd>
        <code>{record.provenance.sourceId}</code> · {record.provenance.sourceRecordId}
      </dd>
      <dt>{t.received}</dt>
      <dd>{formatDateTime(lang, record.provenance.receivedAt)}</dd>
    </dl>
  );
}
