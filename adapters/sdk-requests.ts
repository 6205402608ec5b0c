import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * What an observer learns of one AWS SDK request: which service, command and table or queue, never the
 * parameters or results themselves, which can hold personal data.
 */
export interface SdkRequest {
  service: 'DynamoDB' | 'SQS';
  /** The API action, e.g. `PutItem`, `SendMessage` (lib-dynamodb's commands report the action they send). */
  command: string;
  /** The `TableName` or `QueueUrl` the request names, or a batch's tables joined by `+`. */
  resource?: string;
  /** For ReceiveMessage: how many messages came back, so that an empty long poll can be told from work. */
  received?: number;
}

export type SdkRequestObserver = (request: SdkRequest) => void;

const observers = new Set<SdkRequestObserver>();

/**
 * Calls `observer` after every request any Relais-built SDK client sends (benchmarks count requests per
 * use case with it). Returns the function that stops observing. Nothing in production observes: the hook
 * then costs one set-size check per request.
 */
export function observeSdkRequests(observer: SdkRequestObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** What a command's input names; read only for these keys (a batch names its tables as the keys of RequestItems). */
const resourceOf = (input: unknown): string | undefined => {
  const named = input as { TableName?: unknown; QueueUrl?: unknown; RequestItems?: unknown } | undefined;
  const value = named?.TableName ?? named?.QueueUrl;
  if (typeof value === 'string') return value;
  const batch = named?.RequestItems;
  return batch && typeof batch === 'object' ? Object.keys(batch).sort().join('+') : undefined;
};

/**
 * Adds the observing middleware to a client. It sits in the finalizeRequest step at low priority, below
 * the SDK's retry middleware, so that each attempt of a retried request is one request, as AWS bills it.
 */
export function reportSdkRequests(client: DynamoDBClient | SQSClient, service: SdkRequest['service']): void {
  (client as SQSClient).middlewareStack.add(
    (next, context) => async (args) => {
      if (observers.size === 0) return next(args);
      let output: unknown;
      try {
        const result = await next(args);
        output = result.output;
        return result;
      } finally {
        const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
        const messages = (output as { Messages?: unknown[] } | undefined)?.Messages;
        const request: SdkRequest = { service, command };
        const resource = resourceOf(args.input);
        if (resource !== undefined) request.resource = resource;
        if (command === 'ReceiveMessage') request.received = messages?.length ?? 0;
        for (const observer of observers) {
          try {
            observer(request);
          } catch {
            // An observer is a measurement: it must never fail the request it watches.
          }
        }
      }
    },
    { step: 'finalizeRequest', name: 'relaisObserveSdkRequests', priority: 'low' },
  );
}
