import { describe, expect, it } from 'vitest';
import { type Kinship, falseLinks, linkKind } from '../../../../bench/dedup/false-links.ts';

const child = (entity: string, household: string, extra: Partial<Kinship> = {}): Kinship => ({
  entity,
  household,
  nameKey: `${entity}|family`,
  ...extra,
});

describe('linkKind', () => {
  it('calls two records of one child no wrong link at all', () => {
    expect(linkKind(child('a', 'h1'), child('a', 'h1'))).toBeUndefined();
  });

  it('calls twins twins, in either order, though they are also of one household', () => {
    const a = child('a', 'h1');
    const b = child('b', 'h1', { twinOf: 'a' });
    expect(linkKind(a, b)).toBe('twins');
    expect(linkKind(b, a)).toBe('twins');
  });

  it('calls other children of one household siblings, even when they share a name', () => {
    expect(linkKind(child('a', 'h1'), child('b', 'h1'))).toBe('siblings');
    expect(linkKind(child('a', 'h1', { nameKey: 'jean|mukendi' }), child('b', 'h1', { nameKey: 'jean|mukendi' }))).toBe(
      'siblings',
    );
  });

  it('calls children of different households with one true prénom and nom namesakes, copied or not', () => {
    expect(linkKind(child('a', 'h1', { nameKey: 'jean|mukendi' }), child('b', 'h2', { nameKey: 'jean|mukendi' }))).toBe(
      'namesakes',
    );
    expect(linkKind(child('a', 'h1'), child('b', 'n1', { namesakeOf: 'a' }))).toBe('namesakes');
  });

  it('calls everything else unrelated, and never takes two unlabelled names for one', () => {
    expect(linkKind(child('a', 'h1'), child('b', 'h2'))).toBe('unrelated');
    const unnamed = (entity: string, household: string): Kinship => ({ entity, household });
    expect(linkKind(unnamed('a', 'h1'), unnamed('b', 'h2'))).toBe('unrelated');
  });
});

describe('falseLinks', () => {
  const records = [
    { id: 'a-0', ...child('a', 'h1') },
    { id: 'a-1', ...child('a', 'h1') },
    { id: 'b-0', ...child('b', 'h1', { twinOf: 'a' }) },
    { id: 'c-0', ...child('c', 'h1') },
    { id: 'd-0', ...child('d', 'h2', { namesakeOf: 'a' }) },
    { id: 'e-0', ...child('e', 'h3') },
  ];

  it('counts nothing when every child is a person of its own', () => {
    const clusterOf = new Map(records.map((r) => [r.id, r.entity]));
    expect(falseLinks(records, clusterOf)).toEqual({ twins: 0, siblings: 0, namesakes: 0, unrelated: 0 });
  });

  it('counts every pair of records of different children in one person, by their kinship', () => {
    // a's two records with its twin b, its sibling c and its namesake d; e alone, unclustered.
    const clusterOf = new Map([
      ['a-0', 'p1'],
      ['a-1', 'p1'],
      ['b-0', 'p1'],
      ['c-0', 'p1'],
      ['d-0', 'p1'],
    ]);
    // b-c are siblings too; b-d and c-d are unrelated (d copied a's name, not theirs).
    expect(falseLinks(records, clusterOf)).toEqual({ twins: 2, siblings: 3, namesakes: 2, unrelated: 2 });
  });
});
