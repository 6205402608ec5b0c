import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMappingStore } from '../../../../adapters/dynamodb/mapping-store.ts';
import { builtinMappings } from '../../../../adapters/sources/index.ts';
import { activate, createVersion, listVersions } from '../../../../core/mapping/versions.ts';
import { type TestDynamo, startTestDynamo } from '../../../support/local-dynamo.ts';

let dynamo: TestDynamo;
let deps: Parameters<typeof createVersion>[0];
let tick = 0;
const clock = { now: () => new Date(Date.UTC(2026, 2, 1, 8, 0, tick++)) };

beforeAll(async () => {
  dynamo = await startTestDynamo();
  deps = { mappings: new DynamoMappingStore(dynamo.doc, dynamo.tables.directory), clock };
});
afterAll(async () => dynamo?.close());

describe('mapping versions on dynalite', () => {
  it('numbers concurrent creates without gaps or duplicates', async () => {
    const created = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        createVersion(deps, {
          sourceId: 'src_race',
          mapping: { ...builtinMappings.kobotoolbox, title: `v${i}` },
          author: `admin-${i}`,
        }),
      ),
    );
    expect(created.map((c) => c.version.version).sort()).toEqual([1, 2, 3, 4]);
    expect((await listVersions(deps, 'src_race')).map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it('activates version 2, rolls back to version 1, and the list shows it', async () => {
    await createVersion(deps, { sourceId: 'src_roll', mapping: builtinMappings.kobotoolbox, author: 'alice' });
    const second = structuredClone(builtinMappings.kobotoolbox);
    delete second.fields['/person/name/nickname'];
    const { version: v2 } = await createVersion(deps, { sourceId: 'src_roll', mapping: second, author: 'bob' });
    expect(v2.diff).toEqual({ added: [], removed: ['/person/name/nickname'], changed: [], settings: [] });

    await activate(deps, { sourceId: 'src_roll', version: 2, by: 'bob' });
    expect((await deps.mappings.getActive('src_roll'))?.version).toBe(2);
    await activate(deps, { sourceId: 'src_roll', version: 1, by: 'alice' });
    expect((await deps.mappings.getActive('src_roll'))?.version).toBe(1);

    const list = await listVersions(deps, 'src_roll');
    expect(list.map((v) => [v.version, v.author, v.active, v.lastActivatedBy])).toEqual([
      [1, 'alice', true, 'alice'],
      [2, 'bob', false, 'bob'],
    ]);
    expect(list[0]).not.toHaveProperty('mapping');
  });

  it('refuses to activate a version that does not exist', async () => {
    await expect(activate(deps, { sourceId: 'src_roll', version: 9, by: 'alice' })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});
