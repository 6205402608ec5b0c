import { formatDate, useLang, useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import type { ReferralView } from './types.ts';

type Child = NonNullable<ReferralView['child']>;
type Name = NonNullable<Child['view']['name']>;

const nameOf = (name: Name) =>
  [name.given, name.middle, name.family, name.nickname && `« ${name.nickname} »`].filter(Boolean).join(' ');

/**
 * The child exactly as the API gave it: the view is already cut to what consent and the service allow,
 * so this shows every part present and invents none.
 */
export function ChildView({ child }: { child: ReferralView['child'] }) {
  const t = useMessages(messages);
  const lang = useLang();
  if (!child) return <p class="notice">{t.childGone}</p>;
  const v = child.view;
  const location = v.location
    ? [v.location.locality, v.location.territory, v.location.province, v.location.country, v.location.text]
        .filter(Boolean)
        .join(', ')
    : undefined;
  return (
    <>
      <dl class="facts">
        {v.name && (
          <>
            <dt>{t.name}</dt>
            <dd>{nameOf(v.name)}</dd>
          </>
        )}
        {v.sex && (
          <>
            <dt>{t.sex}</dt>
            <dd>{t.sexes[v.sex]}</dd>
          </>
        )}
        {v.birthDate && (
          <>
            <dt>{t.birthDate}</dt>
            <dd>{v.birthDate.value}</dd>
          </>
        )}
        {v.ageAtRegistration && (
          <>
            <dt>{t.age}</dt>
            <dd>{t.ageAtRegistration(v.ageAtRegistration.years, formatDate(lang, v.ageAtRegistration.asOf))}</dd>
          </>
        )}
        {location && (
          <>
            <dt>{t.location}</dt>
            <dd>{location}</dd>
          </>
        )}
        {v.caregivers && v.caregivers.length > 0 && (
          <>
            <dt>{t.caregivers}</dt>
            <dd>
              <ul class="plain">
                {v.caregivers.map((c, i) => (
                  <li key={i}>
                    {t.caregiver(t.relationships[c.relationship], c.name && nameOf(c.name))}
                    {c.phone && ` · ${c.phone}`}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {v.phones && v.phones.length > 0 && (
          <>
            <dt>{t.phones}</dt>
            <dd>{v.phones.join(', ')}</dd>
          </>
        )}
        {v.identifiers && v.identifiers.length > 0 && (
          <>
            <dt>{t.identifiers}</dt>
            <dd>{v.identifiers.map((i) => `${i.scheme} ${i.value}`).join(', ')}</dd>
          </>
        )}
        {v.protectionConcerns && v.protectionConcerns.length > 0 && (
          <>
            <dt>{t.protectionConcerns}</dt>
            <dd>{v.protectionConcerns.map((c) => t.concerns[c]).join(', ')}</dd>
          </>
        )}
        {v.riskLevel && (
          <>
            <dt>{t.riskLevel}</dt>
            <dd>{t.risks[v.riskLevel]}</dd>
          </>
        )}
        {v.displacementStatus && (
          <>
            <dt>{t.displacement}</dt>
            <dd>{v.displacementStatus}</dd>
          </>
        )}
        <dt>{t.sharedCategories}</dt>
        <dd>{child.categories.map((c) => t.categories[c as keyof typeof t.categories] ?? c).join(', ')}</dd>
      </dl>
    </>
  );
}
