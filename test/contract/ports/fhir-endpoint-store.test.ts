import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoFhirEndpointStore } from '../../../adapters/dynamodb/fhir-endpoint-store.ts';
import { MemoryFhirEndpointStore } from '../../../adapters/memory/fhir-endpoint-store.ts';
import type { FhirEndpointStore } from '../../../core/fhir/endpoints.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { fhirEndpointStoreContract } from './fhir-endpoint-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => FhirEndpointStore]>([
  ['MemoryFhirEndpointStore', () => new MemoryFhirEndpointStore()],
  ['DynamoFhirEndpointStore on dynalite', () => new DynamoFhirEndpointStore(db.doc, db.tables.deliveries)],
])('FhirEndpointStore contract: %s', (_name, store) => fhirEndpointStoreContract(store));
