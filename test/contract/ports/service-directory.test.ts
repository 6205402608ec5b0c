import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoServiceDirectory } from '../../../adapters/dynamodb/service-directory.ts';
import { MemoryServiceDirectory } from '../../../adapters/memory/service-directory.ts';
import type { ServiceDirectory } from '../../../core/services/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { serviceDirectoryContract } from './service-directory.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => ServiceDirectory]>([
  ['MemoryServiceDirectory', () => new MemoryServiceDirectory()],
  ['DynamoServiceDirectory on dynalite', () => new DynamoServiceDirectory(db.doc, db.tables.services)],
])('ServiceDirectory contract: %s', (_name, directory) => serviceDirectoryContract(directory));
