import { indexKeys } from '../../core/matching/blocking.ts';
import { matchSubject } from '../../core/matching/subject.ts';
import { contentHash } from '../../core/records/content-hash.ts';
import { personIdFor } from '../../core/registry/ids.ts';
import type { RegistryStore } from '../../core/registry/ports.ts';
import type { Person } from '../../schemas/canonical/person.ts';
import type { Labelled } from './evaluate.ts';

/**
 * Persons "already in the registry" for the scaling measurement, written straight into the store (as
 * if matched earlier). Their names, places and streets are drawn from the benchmark's own vocabulary,
 * so that blocks grow with the registry the way they would with real, repetitive names; birth dates,
 * identifiers and house numbers are random. Seeded: every run writes the same persons.
 */
export async function addBackground(
  store: RegistryStore,
  vocabulary: readonly Labelled[],
  count: number,
  seed = 7,
): Promise<void> {
  let state = seed >>> 0;
  const rnd = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const given = [...new Set(vocabulary.flatMap((r) => (r.person.name.given ? [r.person.name.given] : [])))];
  const family = [...new Set(vocabulary.flatMap((r) => (r.person.name.family ? [r.person.name.family] : [])))];
  const places = vocabulary.flatMap((r) => (r.person.location ? [r.person.location] : []));
  const streets = [
    ...new Set(
      vocabulary.flatMap((r) => (r.person.location?.text ? [r.person.location.text.replace(/^\d+\s*/, '')] : [])),
    ),
  ];
  const now = '2026-01-01T00:00:00.000Z';
  for (let i = 0; i < count; i++) {
    const place = pick(places);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const person: Person = {
      name: { given: pick(given), family: pick(family) },
      sex: 'unknown',
      birthDate: {
        value: `${1900 + Math.floor(rnd() * 110)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`,
        precision: 'exact',
      },
      identifiers: [{ scheme: 'febrl_soc_sec_id', value: String(1_000_000 + Math.floor(rnd() * 9_000_000)) }],
      location: {
        ...(place.locality ? { locality: place.locality } : {}),
        ...(place.province ? { province: place.province } : {}),
        text: `${1 + Math.floor(rnd() * 300)} ${pick(streets)}`,
      },
    };
    const recordId = `bg_${seed}_${i}`;
    const subject = matchSubject(person, { recordId, organisationId: 'org_background' });
    const subjectHash = contentHash(subject);
    const id = personIdFor(recordId);
    await store.putPerson({
      id,
      version: 1,
      status: 'active',
      members: [
        {
          recordId,
          organisationId: 'org_background',
          subject,
          subjectHash,
          linkedAt: now,
          linkedBy: 'matcher',
          distinctFrom: [],
        },
      ],
      createdAt: now,
      updatedAt: now,
    });
    await store.putLink({ recordId, personId: id, subjectHash, version: 1, updatedAt: now });
    await store.indexPerson(id, indexKeys(subject));
  }
}
