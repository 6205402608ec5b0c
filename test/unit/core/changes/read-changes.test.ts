import { describe, expect, it } from 'vitest';
import { MemoryChangeStore } from '../../../../adapters/memory/change-store.ts';
import { appendOnce } from '../../../../core/changes/feed.ts';
import { readChanges } from '../../../../core/changes/read-changes.ts';
import { RelaisError } from '../../../../core/errors/relais-error.ts';

const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
const recordChange = (letter: string) =>
  ({
    type: 'record.created',
    at: '2026-12-01T09:00:00.000Z',
    recordId: `rec_${letter.repeat(26)}`,
    contentHash: letter.repeat(64),
  }) as const;
const referralChange = {
  type: 'referral.status-changed',
  at: '2026-12-01T09:00:00.000Z',
  referralId: `ref_${'a'.repeat(26)}`,
  referralVersion: 1,
  status: 'requested',
} as const;

describe('readChanges', () => {
  it("shows only what the access policy lets the caller see, even when an entry sits in the caller's feed", async () => {
    const changes = new MemoryChangeStore();
    const deps = { changes, clock };
    await appendOnce(deps, 'org_one', 'k1', { kind: 'record', organisationId: 'org_one' }, recordChange('a'));
    // A writer's mistake: another organisation's record filed in org_one's feed.
    await appendOnce(deps, 'org_one', 'k2', { kind: 'record', organisationId: 'org_two' }, recordChange('b'));
    const party = { kind: 'referral', referringOrganisationId: 'org_two', receivingOrganisationId: 'org_one' } as const;
    await appendOnce(deps, 'org_one', 'k3', party, referralChange);
    const stranger = {
      kind: 'referral',
      referringOrganisationId: 'org_two',
      receivingOrganisationId: 'org_three',
    } as const;
    await appendOnce(deps, 'org_one', 'k4', stranger, { ...referralChange, referralId: `ref_${'b'.repeat(26)}` });
    const page = await readChanges(deps, { organisationId: 'org_one' }, { position: undefined, limit: 10 });
    expect(page.items.map((i) => [i.sequence, i.type])).toEqual([
      [1, 'record.created'],
      [3, 'referral.status-changed'],
    ]);
    // The position still moves over what was not shown.
    expect(page.nextCursor).toBe('4');
    expect(await readChanges(deps, { organisationId: 'org_two' }, { position: undefined, limit: 10 })).toEqual({
      items: [],
      nextCursor: '0',
    });
  });

  it('filters by type without holding the position back, and refuses a position it never handed out', async () => {
    const changes = new MemoryChangeStore();
    const deps = { changes, clock };
    const own = { kind: 'record', organisationId: 'org_one' } as const;
    await appendOnce(deps, 'org_one', 'k1', own, recordChange('a'));
    await appendOnce(deps, 'org_one', 'k2', own, { ...recordChange('b'), type: 'record.updated' });
    const page = await readChanges(
      deps,
      { organisationId: 'org_one' },
      { position: '0', limit: 10, types: ['record.updated'] },
    );
    expect(page.items.map((i) => ('recordId' in i ? i.recordId : undefined))).toEqual([`rec_${'b'.repeat(26)}`]);
    expect(page.nextCursor).toBe('2');
    for (const position of ['-1', '01', 'x', '1e3', '9999999999999999'])
      await expect(readChanges(deps, { organisationId: 'org_one' }, { position, limit: 10 })).rejects.toBeInstanceOf(
        RelaisError,
      );
  });
});
