import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRegistryStore } from '../../../../adapters/dynamodb/registry-store.ts';
import { backfillStats } from '../../../../adapters/dynamodb/stats-backfill.ts';
import { MemoryStatsRefreshQueue } from '../../../../adapters/memory/stats-refresh-queue.ts';
import { mergePersons } from '../../../../core/registry/manage-persons.ts';
import { matchRecord } from '../../../../core/registry/match-record.ts';
import { childOf } from '../../../fixtures/registry/households.ts';
import { input, tickingClock } from '../../../fixtures/registry/registry.ts';
import { type TestDynamo, startTestDynamo } from '../../../support/local-dynamo.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

const household = (family: string, phone: string) => ({
  family,
  postnom: 'Tshimanga',
  caregiver: { family: 'MWAMBA', given: 'Esther' },
  phone,
  village: 'Kasapa',
  birth: '2016-04-09',
});

describe('backfillStats', () => {
  it('queues a refresh for every active person once, and nothing on a second run', async () => {
    const deps = { store: new DynamoRegistryStore(db.doc, db.tables.registry), clock: tickingClock() };
    const a = await matchRecord(deps, input('rec_a', childOf(household('KABASELE', '+243812345678'), 'Neema')));
    const b = await matchRecord(deps, input('rec_b', childOf(household('LUBAYA', '+243899999999'), 'Bahati')));
    const c = await matchRecord(deps, input('rec_c', childOf(household('NGOY', '+243877777777'), 'Furaha')));
    const merged = await mergePersons(deps, {
      targetId: a.personId,
      sourceId: b.personId,
      by: 'key:t',
      reason: 'same',
    });
    const queue = new MemoryStatsRefreshQueue();
    expect(await backfillStats(db.doc, db.tables, queue)).toBe(2);
    expect(
      queue
        .take()
        .map((r) => r.personId)
        .sort(),
    ).toEqual([merged.id, c.personId].sort());
    expect(await backfillStats(db.doc, db.tables, queue)).toBeUndefined();
    expect(queue.take()).toEqual([]);
  });
});
