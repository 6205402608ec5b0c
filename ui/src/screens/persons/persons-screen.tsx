import { useMessages } from '../../i18n.ts';
import type { ScreenProps } from '../types.ts';
import { messages } from './messages.ts';
import { OpenPerson } from './open-person.tsx';
import { PersonPage } from './person-page.tsx';

/** #/persons opens a person by id; #/persons/<personId> is the person's page. */
export default function PersonsScreen({ route }: ScreenProps) {
  const [id] = route.rest;
  if (id) return <PersonPage key={id} id={id} />;
  return <PersonsIndex />;
}

function PersonsIndex() {
  const t = useMessages(messages);
  return (
    <>
      <h1 tabIndex={-1}>{t.indexTitle}</h1>
      <p>{t.indexIntro}</p>
      <OpenPerson />
    </>
  );
}
