import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinMapping } from '../../../../adapters/sources/index.ts';
import { normaliseKobo } from '../../../../bench/mapping/kobo-handwritten.ts';

/** Kobo submissions whose answers are drawn from realistic and broken values, each question possibly unanswered. */
const answer = (...values: string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

const submission = fc
  .record({
    _id: fc.integer({ min: 1, max: 99_999_999 }),
    _uuid: fc.uuid(),
    'meta/rootUuid': fc.option(
      fc.uuid().map((u) => `uuid:${u}`),
      { nil: undefined },
    ),
    _submission_time: fc.constantFrom('2024-03-05T09:12:44', '2024-06-18T12:22:31', 'not a time'),
    'identification/date_enregistrement': answer('2024-03-05', '14/10/2024', '2024-13-40', ''),
    'enfant/nom_complet': answer(
      'KABASELE TSHIMANGA Jean',
      'Neema FURAHA',
      'Amani',
      'NIYONZIMA',
      '  ',
      'Zawadi Furaha',
    ),
    'enfant/surnom': answer('Jeannot', ''),
    'enfant/autres_noms': answer('Nene, Mami', ','),
    'enfant/sexe': answer('garcon', 'F', 'Féminin', 'nd', ''),
    'enfant/date_naissance': answer('2015-04-12', '12/04/2015', '04/2015', '2016', '31/02/2015', 'hier'),
    'enfant/age': answer('7', '12', 'sept', '-1'),
    'enfant/telephone': answer('0812 345 678', '+243 99 765 4321', '12', ''),
    'enfant/numero_acte_naissance': answer('KAN/2015/004512'),
    'localisation/province': answer('Nord-Kivu', ' Sud-Kivu '),
    'localisation/quartier': answer('Mugunga'),
    'parent/nom_complet': answer('MBUYI KAPINGA Thérèse', 'Zawadi'),
    'parent/lien': answer('mere', 'voisin', 'ONCLE_TANTE'),
    'parent/telephone': answer('0997 12 34', '+257 79 123 456'),
    'protection/preoccupations': answer('separe enfant_rue', 'vbg vbg mariage_precoce', '   '),
    'protection/niveau_risque': answer('eleve', 'faible', 'critique'),
    'protection/statut_deplacement': answer('deplace', 'nomade'),
    'consentement/services': answer('oui', 'non', 'peut-être'),
    'consentement/donne_par': answer('enfant', 'voisin'),
    'gestionnaire/code': answer('CM-KAN-014'),
    _validation_status: fc.constantFrom(
      {},
      { uid: 'validation_status_approved' },
      { uid: 'validation_status_not_approved' },
    ),
  })
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));

describe('the hand-written KoboToolbox normaliser', () => {
  const compiled = builtinMapping('kobotoolbox');

  it('accepts and rejects the same submissions, with the same records and the same faulty field', () => {
    fc.assert(
      fc.property(submission, (payload) => {
        const byHand = normaliseKobo(payload);
        const byMapping = compiled.normalise(payload);
        expect(byHand.ok).toBe(byMapping.ok);
        if (byHand.ok && byMapping.ok) expect(byHand.record).toEqual(byMapping.record);
        if (!byHand.ok && !byMapping.ok) expect(byHand.issues[0]!.pointer).toBe(byMapping.issues[0]!.pointer);
      }),
      { numRuns: 500 },
    );
  });
});
