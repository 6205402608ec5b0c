/**
 * What matching one record costs on AWS, from what the benchmark measured (DynamoDB requests and
 * capacity units per record, counted on dynalite) and list prices. Prices are those of eu-west-1
 * (Ireland, the stages' default region), on-demand, as published in 2026; change them here when AWS does.
 */
export const PRICES = {
  /** DynamoDB on-demand, per million write / read request units (after the November 2024 reduction). */
  dynamoWriteUnits: 0.7068,
  dynamoReadUnits: 0.1414,
  /** Lambda arm64: per GB-second, and per million invocations. */
  lambdaGbSecond: 0.0000133334,
  lambdaInvocations: 0.2,
  /** SQS FIFO, per million requests (64 KB each). */
  sqsFifo: 0.5,
  /** API Gateway HTTP API, per million requests (first 300 million a month). */
  httpApi: 1.11,
} as const;

export interface MeasuredCost {
  writeUnitsPerRecord: number;
  readUnitsPerRecord: number;
  requestsPerRecord: number;
}

/**
 * Assumptions, stated because they are not measured here: each record arrives in its own webhook call
 * (one API request; a batch of up to 500 costs one); it is matched in batches of 10 messages (a send, a
 * receive and a delete per batch of 10: 0.3 SQS requests); the match function has 512 MB and spends
 * 6 ms per DynamoDB request (in-region latency, requests made one after the other) plus its CPU time.
 */
export function costPerMillionRecords(measured: MeasuredCost, cpuMillisPerRecord: number): Array<[string, number]> {
  const million = 1_000_000;
  const seconds = ((measured.requestsPerRecord * 6 + cpuMillisPerRecord) / 1000) * million;
  const lines: Array<[string, number]> = [
    ['DynamoDB writes', (measured.writeUnitsPerRecord * million * PRICES.dynamoWriteUnits) / million],
    ['DynamoDB reads', (measured.readUnitsPerRecord * million * PRICES.dynamoReadUnits) / million],
    ['Lambda (match function)', seconds * 0.5 * PRICES.lambdaGbSecond + 0.1 * PRICES.lambdaInvocations],
    ['SQS FIFO', 0.3 * PRICES.sqsFifo],
    ['API Gateway HTTP API', 1 * PRICES.httpApi],
  ];
  return [...lines, ['total', lines.reduce((sum, [, usd]) => sum + usd, 0)]];
}
