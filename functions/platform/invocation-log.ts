import { AsyncLocalStorage } from 'node:async_hooks';
import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';

type InvocationContext = NonNullable<UnformattedAttributes['lambdaContext']>;

const current = new AsyncLocalStorage<InvocationContext>();
const started = new Set<string>();

/**
 * Runs one invocation of a handler with its own Lambda context for the log lines it writes.
 *
 * Every handler logs through the one Logger of the container, and injectLambdaContext stamps the
 * function name and request id on that shared Logger: right on Lambda, where a container runs one
 * invocation at a time, wrong in the local runtime, which runs many at once. Powertools 2.x scopes its
 * state per invocation only on Lambda Managed Instances (AWS_LAMBDA_MAX_CONCURRENCY and the runtime's
 * InvokeStore); setting that locally would also make Powertools batch demand an invoke context from
 * every direct handler call. A child Logger per invocation would escape the tests' spies on the
 * container's Logger. So the local runtime, like Lambda's runtime, runs each invocation in its own
 * async context, and the formatter below reads the context from there.
 */
export function runInvocation<T>(context: Context, invoke: () => T): T {
  // One local process plays one warm container per function: its first invocation is the cold one.
  const coldStart = !started.has(context.functionName);
  started.add(context.functionName);
  return current.run(
    {
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      awsRequestId: context.awsRequestId,
      coldStart,
    },
    invoke,
  );
}

/**
 * The function whose invocation is running here (locally, under runInvocation), if any: benchmarks
 * attribute the SDK requests they count to the use case that made them.
 */
export function currentFunctionName(): string | undefined {
  return current.getStore()?.functionName;
}

/**
 * Powertools' own line layout, with the Lambda context of the invocation that writes the line when it
 * runs under runInvocation (locally), else the one injectLambdaContext set (on Lambda). Written out
 * because Powertools exports the formatter base class, not its default formatter.
 */
export class InvocationLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = current.getStore() ?? attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: context?.coldStart,
        function_arn: context?.invokedFunctionArn,
        function_memory_size: context?.memoryLimitInMB,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
        tenant_id: context?.tenantId,
      },
    }).addAttributes(additional);
  }
}
