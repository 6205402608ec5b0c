import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminUi, pageErrors, seriousViolations, signIn, startAdminUi } from '../../support/admin-ui.ts';

let ui: AdminUi;
beforeAll(async () => {
  ui = await startAdminUi();
});
afterAll(() => ui?.close());

const child = (sourceRecordId: string, person: Record<string, unknown>) => ({
  sourceRecordId,
  sourceUpdatedAt: '2026-03-01T10:00:00Z',
  person: { location: { country: 'CD', province: 'Lualaba', territory: 'Kolwezi', locality: 'Kasulo' }, ...person },
  case: { status: 'open', protectionConcerns: ['separated'] },
});
/** Twins: one family, birth date, father and village, two given names. Matching holds them for review. */
const twin = (id: string, family: string, given: string, phone: string) =>
  child(id, {
    name: { family, given },
    sex: 'female',
    birthDate: { value: '2016-07-19', precision: 'exact' },
    caregivers: [{ relationship: 'father', name: { given: 'Pierre', family }, phone }],
  });

const admin = (key: string) => ({ 'x-api-key': key });

/**
 * Pushes records through signed sources together, waits for matching once, and returns each record's id
 * and person. Records pushed together must not be matched against each other.
 */
async function push(
  ...records: Array<[sourceId: string, body: unknown]>
): Promise<Array<{ id: string; personId: string }>> {
  const ids = await Promise.all(
    records.map(async ([sourceId, body]) => {
      const res = await ui.api.signedPost(sourceId, JSON.stringify(body));
      expect(res.status).toBe(202);
      return [sourceId, res.body.records[0].id as string] as const;
    }),
  );
  await ui.api.runtime.drain();
  return Promise.all(
    ids.map(async ([sourceId, id]) => {
      const key = sourceId.startsWith('src_b') ? ui.api.keys.bReader : ui.api.keys.aReader;
      const record = await ui.api.request('GET', `/v1/records/${id}`, { headers: admin(key) });
      return { id, personId: record.body.personId as string };
    }),
  );
}

async function openReviewOf(recordId: string): Promise<string> {
  const queue = await ui.api.request('GET', '/v1/admin/reviews?status=open', { headers: admin(ui.api.keys.aAdmin) });
  const review = queue.body.items.find(
    (r: { recordId?: string; candidateRecordId?: string }) =>
      r.recordId === recordId || r.candidateRecordId === recordId,
  );
  expect(review, `an open review of ${recordId}`).toBeDefined();
  return review.id;
}

async function text(page: Page, role: 'status' | 'alert' | 'main', hasText: string | RegExp) {
  const locator = page.getByRole(role).filter({ hasText });
  await locator.first().waitFor();
  return (await locator.first().textContent()) ?? '';
}

describe('the review queue and person pages of the admin UI', () => {
  let twinsReview: string;
  let crossReview: string;
  let alphaRecord: string;
  let claude: { id: string; personId: string };
  let eric: { id: string; personId: string };

  beforeAll(async () => {
    // Twins at Alpha; the same pattern across organisations, Beta's record first, then Alpha's, which the
    // review is about; and two unrelated boys to merge.
    const boy = (id: string, family: string, given: string, year: string) =>
      child(id, { name: { family, given }, sex: 'male', birthDate: { value: year, precision: 'year' } });
    const [grace, , c, e] = await push(
      ['src_a-signed', twin('A-T1', 'MUTOMBO', 'Grace', '+243990001122')],
      ['src_b-signed', twin('B-T1', 'KALALA', 'Esther', '+243970001111')],
      ['src_a-signed', boy('A-M1', 'NIYONZIMA', 'Claude', '2011')],
      ['src_a-signed', boy('A-M2', 'HAKIZIMANA', 'Eric', '2009')],
    );
    [claude, eric] = [c!, e!];
    const [, estelle] = await push(
      ['src_a-signed', twin('A-T2', 'MUTOMBO', 'Gloire', '+243990001122')],
      ['src_a-signed', twin('A-T3', 'KALALA', 'Estelle', '+243970001111')],
    );
    alphaRecord = estelle!.id;
    twinsReview = await openReviewOf(grace!.id);
    crossReview = await openReviewOf(alphaRecord);
  });

  it('walks the queue in French: a review shows both records, why it was held, the household, and is decided with a reason', async () => {
    const page = await ui.open('fr');
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'File de revue' }).click();
    await page.getByRole('heading', { level: 1, name: 'File de revue' }).waitFor();
    const queue = page.getByRole('table', { name: 'Revues ouvertes' });
    await queue.waitFor();
    expect(await queue.getByRole('row').count()).toBe(3);
    expect(await queue.textContent()).toContain('Même foyer');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: `Examiner la revue ${twinsReview}` }).click();
    await page.getByRole('heading', { level: 1, name: /^Revue du / }).waitFor();
    // Both sides are Alpha's: each shows the child as the record says, with a link to its person.
    const sides = page.getByRole('region', { name: 'Les deux fiches' });
    await sides.getByText('Grace MUTOMBO').waitFor();
    await sides.getByText('Gloire MUTOMBO').waitFor();
    expect(await sides.getByRole('link', { name: /^Ouvrir la personne per_/ }).count()).toBe(2);
    const why = await text(page, 'main', 'Pourquoi Relais n’a pas décidé seul');
    expect(why).toContain('Même foyer');
    expect(why).toContain('jumeaux');
    const explanation = page.getByRole('table', { name: /^Comparaison des deux fiches/ });
    expect(await explanation.getByRole('rowheader', { name: 'Noms' }).count()).toBe(1);
    expect(await explanation.getByRole('row').filter({ hasText: 'Date de naissance' }).textContent()).toContain(
      'même date',
    );
    const household = page.getByRole('region', { name: 'Contexte familial' });
    expect(await household.getByText('Père : Pierre MUTOMBO').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    // A reason is required: the browser holds the form until one is given.
    await page.getByLabel('deux enfants différents', { exact: false }).check();
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    expect(
      await page
        .getByLabel('Raison de la décision')
        .evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    await page.getByLabel('Raison de la décision').fill('Jumelles, vérifié avec le père');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    expect(await text(page, 'status', 'Revue décidée')).toContain('enfants différents');
    await page.getByText('ouverte', { exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByRole('main').textContent()).toContain('Jumelles, vérifié avec le père');
    expect(await page.getByRole('button', { name: 'Enregistrer la décision' }).count()).toBe(0);
    const decided = await ui.api.request('GET', `/v1/admin/reviews/${twinsReview}`, {
      headers: admin(ui.api.keys.aAdmin),
    });
    expect([decided.body.status, decided.body.reason]).toEqual(['different', 'Jumelles, vérifié avec le père']);

    // And on to the next open review.
    await page.getByRole('link', { name: 'Revue ouverte suivante' }).click();
    await page.getByRole('heading', { level: 1, name: /^Revue du / }).waitFor();
    expect(page.url()).toContain(crossReview);
    // The queue of decided reviews lists it.
    await page.goto(`${ui.adminUrl}#/reviews?status=different`);
    await page.getByRole('table', { name: 'Revues décidées : enfants différents' }).waitFor();
    expect(await page.getByRole('link', { name: `Examiner la revue ${twinsReview}` }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('says in English that the other side is another organisation’s, decides same child, and splits that record out again', async () => {
    const page = await ui.open('en');
    await signIn(page, ui.api.keys.aAdmin);
    await page.goto(`${ui.adminUrl}#/reviews/${crossReview}`);
    await page.getByRole('heading', { level: 1, name: /^Review of / }).waitFor();
    const sides = page.getByRole('region', { name: 'The two records' });
    await sides.getByText('Estelle KALALA').waitFor();
    expect(await sides.textContent()).toContain('Another organisation holds this record');
    expect(await sides.textContent()).not.toContain('Esther');
    expect(await page.getByRole('region', { name: 'Household' }).textContent()).toContain(
      'Not visible: another organisation’s record.',
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('the same child', { exact: false }).check();
    await page.getByLabel('Reason for the decision').fill('Same girl, the school confirmed');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const done = await text(page, 'status', 'Review decided');
    expect(done).toMatch(/same child\. The two persons are now one, per_/);
    await page.getByText('No open review left: the queue is empty.').waitFor();

    // The person page, from the review: Alpha's record, and one of another organisation, counted only.
    await page.getByRole('link', { name: /^Open person per_/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Person per_/ }).waitFor();
    await page.getByText('Estelle KALALA').waitFor();
    const main = await text(page, 'main', 'Other organisations’ records');
    expect(main).not.toContain('Esther');
    const history = page.getByRole('table', { name: 'Decisions that concern your records, oldest first' });
    expect(await history.getByRole('row').filter({ hasText: 'Review: same child' }).count()).toBe(1);
    expect(await history.textContent()).toContain('Same girl, the school confirmed');
    expect(await seriousViolations(page)).toEqual([]);

    // Splitting Alpha's only record out of the shared person leaves Alpha nothing to see there: the page
    // says so and offers the new person, instead of answering the API's 404.
    await page.getByRole('checkbox', { name: /Estelle KALALA/ }).check();
    await page.getByLabel('Reason for the split').fill('Not the same girl after all');
    await page.getByRole('button', { name: 'Split the chosen records out' }).click();
    await page.getByRole('button', { name: 'Confirm the split' }).click();
    await page.getByText('None of your records is left in this person: you no longer see it.').waitFor();
    const split = await text(page, 'status', 'split out');
    const created = /new person (per_[a-z2-7]{26})/.exec(split)![1]!;
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(`Open ${created}`);
    const moved = await ui.api.request('GET', `/v1/persons/${created}`, { headers: admin(ui.api.keys.aAdmin) });
    expect([moved.body.records.map((r: { recordId: string }) => r.recordId), moved.body.otherRecords]).toEqual([
      [alphaRecord],
      0,
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('merges a person into another and splits a record out again, in French, with a confirmation before the split', async () => {
    const page = await ui.open('fr');
    await signIn(page, ui.api.keys.aAdmin);
    // Opened by id from the queue page's field.
    await page.getByRole('link', { name: 'File de revue' }).click();
    await page.getByLabel('Identifiant de la personne').fill(claude.personId);
    await page.getByRole('button', { name: 'Ouvrir' }).click();
    await page.getByRole('heading', { level: 1, name: `Personne ${claude.personId}` }).waitFor();
    await page.getByText('Claude NIYONZIMA').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Identifiant de l’autre personne').fill(eric.personId);
    await page.getByLabel('Raison de la fusion').fill('Même enfant, nom changé après adoption');
    await page.getByRole('button', { name: 'Fusionner' }).click();
    const survivor = [claude.personId, eric.personId].sort()[0]!;
    expect(await text(page, 'status', 'fusionnée')).toBe(
      `${eric.personId} fusionnée : la personne est désormais ${survivor}.`,
    );
    // The smaller id remains (ids are random): the other one's page says it was merged, and leads on.
    const merged = survivor === claude.personId ? eric.personId : claude.personId;
    await page.goto(`${ui.adminUrl}#/persons/${merged}`);
    await page.getByText(`Cette personne a été fusionnée : elle répond désormais sous ${survivor}.`).waitFor();
    expect(await page.getByRole('button', { name: 'Fusionner' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Ouvrir la personne qui reste' }).click();
    await page.getByRole('heading', { level: 1, name: `Personne ${survivor}` }).waitFor();
    const records = page.getByRole('table', { name: 'Vos fiches de cette personne' });
    await records.getByText('Eric HAKIZIMANA').waitFor();
    expect(await records.getByRole('checkbox').count()).toBe(2);

    // A split asks first, in the page; cancelling does nothing.
    await page.getByRole('checkbox', { name: /Eric HAKIZIMANA/ }).check();
    await page.getByLabel('Raison de la séparation').fill('Deux enfants différents après vérification');
    await page.getByRole('button', { name: 'Séparer les fiches choisies' }).click();
    await page.getByText('Séparer 1 fiche dans une nouvelle personne ?').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Annuler' }).click();
    expect(
      (await ui.api.request('GET', `/v1/persons/${survivor}`, { headers: admin(ui.api.keys.aAdmin) })).body.records,
    ).toHaveLength(2);
    await page.getByRole('button', { name: 'Séparer les fiches choisies' }).click();
    await page.getByRole('button', { name: 'Confirmer la séparation' }).click();
    const split = await text(page, 'status', 'séparée');
    const created = /nouvelle personne (per_[a-z2-7]{26})/.exec(split)![1]!;
    expect(split).toBe(`1 fiche séparée dans la nouvelle personne ${created}.`);
    await records.getByText('Eric HAKIZIMANA').waitFor({ state: 'detached' });
    const moved = await ui.api.request('GET', `/v1/persons/${created}`, { headers: admin(ui.api.keys.aAdmin) });
    expect(moved.body.records.map((r: { recordId: string }) => r.recordId)).toEqual([eric.id]);
    const history = page.getByRole('table', { name: /Décisions qui concernent vos fiches/ });
    expect(await history.getByRole('row').filter({ hasText: 'Séparation' }).count()).toBe(1);
    expect(await history.getByRole('row').filter({ hasText: 'Fusion' }).count()).toBe(1);

    await page.getByRole('link', { name: `Ouvrir ${created}` }).click();
    await page.getByRole('heading', { level: 1, name: `Personne ${created}` }).waitFor();
    await page.getByText('Eric HAKIZIMANA').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('opens a person for a reader in English, without merge or split, and shows the API’s 404 for an unknown one', async () => {
    const page = await ui.open('en');
    await signIn(page, ui.api.keys.aReader);
    expect(await page.getByRole('link', { name: 'Review queue' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Persons' }).click();
    await page.getByRole('heading', { level: 1, name: 'Persons' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const person = (await ui.api.request('GET', `/v1/records/${alphaRecord}`, { headers: admin(ui.api.keys.aReader) }))
      .body.personId;
    await page.getByLabel('Person id').fill(person);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('Estelle KALALA').waitFor();
    expect(await page.getByRole('button', { name: 'Merge' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${ui.adminUrl}#/persons/per_${'a'.repeat(26)}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/\S/);
    // The 404 asked for on purpose is the only console error.
    expect(pageErrors(page).filter((e) => !/404/.test(e))).toEqual([]);
  });
});
