import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoDirectory } from '../../../adapters/dynamodb/directory.ts';
import { MemoryDirectory } from '../../../adapters/memory/directory.ts';
import type { DirectoryAdmin } from '../../../core/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { directoryContract } from './directory.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => DirectoryAdmin]>([
  ['MemoryDirectory', () => new MemoryDirectory()],
  ['DynamoDirectory on dynalite', () => new DynamoDirectory(db.doc, db.tables.directory)],
])('Directory contract: %s', (_name, directory) => directoryContract(directory));
