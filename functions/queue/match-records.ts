import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { matchRecord } from '../../core/registry/match-record.ts';
import { RecordStoredMessage } from '../../schemas/messages/record-stored.ts';
import { container } from '../platform/container.ts';

/**
 * Puts stored records into the person registry. A failure reports that message (and, FIFO, the rest
 * of its group) as failed, so SQS delivers it again and, after maxReceiveCount, moves it to the DLQ.
 */
async function matchOne(message: SQSRecord): Promise<void> {
  const { recordId } = RecordStoredMessage.parse(JSON.parse(message.body));
  const c = container();
  const record = await c.records.get(recordId);
  // A record is never deleted today; if one ever is, there is nothing left to match.
  if (!record) return;
  const { personId, joined = [] } = await matchRecord(c.registry, record);
  // After the registry is written: the child's statistics row follows the record, and persons the record
  // joined to it lose theirs (refreshing a merged person deletes its row).
  await c.statsQueue.refresh([personId, ...joined].map((id) => ({ personId: id })));
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(container().logger, { resetKeys: true }))
  // Groups are records: a failure holds back only the later messages of the same record. A processor per
  // invocation: a shared one remembers failed groups from the previous batch and fails a redelivered
  // message without trying it, which wastes one of its receives.
  .handler((event, context) =>
    processPartialResponse(event, matchOne, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true }),
  );
