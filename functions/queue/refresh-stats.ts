import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { handleRefresh } from '../../core/stats/refresh.ts';
import { StatsRefreshMessage } from '../../schemas/messages/stats-refresh.ts';
import { container } from '../platform/container.ts';

/**
 * Computes children's statistics rows again (core/stats/refresh.ts). Groups are persons: a failure holds
 * back only the later refreshes of the same child, which SQS delivers again after it.
 */
async function refreshOne(message: SQSRecord): Promise<void> {
  const request = StatsRefreshMessage.parse(JSON.parse(message.body));
  await handleRefresh(container().statsRefresh, request);
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(container().logger, { resetKeys: true }))
  // A processor per invocation, as in match-records.ts: a shared one remembers the last batch's failed groups.
  .handler((event, context) =>
    processPartialResponse(event, refreshOne, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true }),
  );
