import { describe, expect, it } from 'vitest';
import { messages } from '../../../../../ui/src/screens/reviews/messages.ts';
import {
  householdWarnings,
  levelWord,
  type Review,
  score,
} from '../../../../../ui/src/screens/reviews/review-words.ts';

const t = messages.en;
const review = (guard: string | undefined, levels: Record<string, string>): Review => ({
  id: `rev_${'a'.repeat(26)}`,
  status: 'open',
  personId: `per_${'a'.repeat(26)}`,
  candidatePersonId: `per_${'b'.repeat(26)}`,
  score: 12,
  ...(guard ? { guard } : {}),
  fields: Object.entries(levels).map(([field, level]) => ({ field, level, weight: 1, similarity: 1 })),
  createdAt: '2026-12-03T10:00:00.000Z',
});

/** How a review's page words the household from the guard and the explanation. */
describe('the review page’s household warnings', () => {
  it('calls twins a household pair born the same day that the guard says is not one child, even with close names', () => {
    // The demo's twins: Mireille and Mirabelle, "high" name agreement, one mother, one birth date.
    const twins = review('same-household', { name: 'high', birth: 'exact', caregiver: 'agree', phone: 'agree' });
    expect(householdWarnings(t, twins)).toEqual([t.twins]);
    expect(householdWarnings(t, review('different-names', { name: 'partial', birth: 'exact' }))).toEqual([t.twins]);
  });

  it('calls siblings a household pair born on different days', () => {
    expect(
      householdWarnings(t, review('same-household', { name: 'partial', birth: 'year', caregiver: 'agree' })),
    ).toEqual([t.siblings]);
  });

  it('without a guard, warns of twins only when the names differ, and of nothing when no caregiver or phone is shared', () => {
    expect(householdWarnings(t, review(undefined, { name: 'weak', birth: 'exact', phone: 'agree' }))).toEqual([
      t.twins,
    ]);
    expect(householdWarnings(t, review(undefined, { name: 'exact', birth: 'exact', phone: 'agree' }))).toEqual([
      t.siblings,
    ]);
    expect(householdWarnings(t, review(undefined, { name: 'high', birth: 'exact', caregiver: 'disagree' }))).toEqual(
      [],
    );
  });

  it('words each known level of a field, keeps an unknown code as it came, and writes weights to one decimal with a minus sign', () => {
    expect(levelWord(t, { field: 'birth', level: 'swapped', weight: 0, similarity: 0.8 })).toBe(
      'day and month swapped',
    );
    expect(levelWord(messages.fr, { field: 'name', level: 'disagree', weight: 0, similarity: 0 })).toBe('différents');
    expect(levelWord(t, { field: 'shoe-size', level: 'odd', weight: 0, similarity: 0 })).toBe('odd');
    expect([score('en', -3.14), score('fr', 3), score('en', 14.56)]).toEqual(['−3.1', '3,0', '14.6']);
  });
});
