import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvocationLogFormatter, runInvocation } from '../../../../functions/platform/invocation-log.ts';

const context = (functionName: string, awsRequestId: string) =>
  ({
    functionName,
    awsRequestId,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
  }) as Context;

function printedBy(log: () => void): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
    return true;
  });
  log();
  spy.mockRestore();
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('the invocation log formatter', () => {
  it("writes Powertools' own line when no invocation is running", () => {
    const plain = new Logger({ serviceName: 'relais', logLevel: 'INFO' });
    const ours = new Logger({ serviceName: 'relais', logLevel: 'INFO', logFormatter: new InvocationLogFormatter() });
    for (const logger of [plain, ours]) logger.addContext(context('getRecord', 'r-1'));
    const [expected, actual] = [plain, ours].map((logger) => printedBy(() => logger.info('audit', { audit: 'x' }))[0]!);
    expect({ ...actual, timestamp: undefined }).toEqual({ ...expected, timestamp: undefined });
  });

  it('takes the Lambda context from the invocation that writes the line', async () => {
    const logger = new Logger({ serviceName: 'relais', logLevel: 'INFO', logFormatter: new InvocationLogFormatter() });
    logger.addContext(context('shared', 'shared-id'));
    const lines = printedBy(() => {
      void runInvocation(context('first', 'id-1'), () => logger.info('one'));
    });
    expect(lines[0]).toMatchObject({ function_name: 'first', function_request_id: 'id-1' });
    const awaited: Array<Promise<void>> = [];
    const concurrent = printedBy(() => {
      for (const [name, id] of [
        ['a', 'id-a'],
        ['b', 'id-b'],
      ])
        awaited.push(runInvocation(context(name!, id!), async () => void logger.info(name!)));
    });
    await Promise.all(awaited);
    expect(concurrent.map((l) => [l.message, l.function_name, l.function_request_id])).toEqual([
      ['a', 'a', 'id-a'],
      ['b', 'b', 'id-b'],
    ]);
  });
});
