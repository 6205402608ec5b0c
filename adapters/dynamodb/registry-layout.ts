import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { BLOCKING_VERSION, indexKeys } from '../../core/matching/blocking.ts';
import { RegistryPerson } from '../../core/registry/model.ts';
import { DynamoRegistryStore } from './registry-store.ts';

const MARKER = { pk: 'meta#registry', sk: 'layout' };
const BATCH_WRITE = 25;

/**
 * Files the registry's persons again when its blocks were filed under another blocking version (or, before
 * version 2, as per-person entries read through a GSI): old block items and legacy entries are deleted,
 * every active person is filed under the keys of this version, and the version is recorded last, so a
 * run cut short is simply run again at the next start. The local runtime calls it at start, before
 * anything is served; a deployment on AWS runs it once after upgrading, before the match queue resumes.
 * Returns the number of persons filed, or undefined when the layout was current.
 */
export async function refileRegistry(doc: DynamoDBDocumentClient, tableName: string): Promise<number | undefined> {
  const marker = await doc.send(new GetCommand({ TableName: tableName, Key: MARKER, ConsistentRead: true }));
  if (marker.Item?.version === BLOCKING_VERSION) return undefined;
  const stale: Array<{ pk: string; sk: string }> = [];
  const persons: RegistryPerson[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const [pk, sk] = [String(item.pk), String(item.sk)];
      if (pk.startsWith('block#') || sk.startsWith('key#')) stale.push({ pk, sk });
      else if (sk === 'person') {
        const person = RegistryPerson.parse(item.doc);
        if (person.status === 'active') persons.push(person);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  for (let i = 0; i < stale.length; i += BATCH_WRITE) {
    let pending: Array<Record<string, unknown>> = stale
      .slice(i, i + BATCH_WRITE)
      .map((key) => ({ DeleteRequest: { Key: key } }));
    while (pending.length > 0) {
      const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as Array<Record<string, unknown>>;
    }
  }
  const store = new DynamoRegistryStore(doc, tableName);
  for (const person of persons) {
    await store.indexPerson(person.id, [...new Set(person.members.flatMap((m) => indexKeys(m.subject)))]);
  }
  await doc.send(new PutCommand({ TableName: tableName, Item: { ...MARKER, version: BLOCKING_VERSION } }));
  return persons.length;
}
