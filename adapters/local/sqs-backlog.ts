import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** One queue's counts in a backlog line: counts only, never a message. */
export interface QueueBacklog {
  queue: string;
  /** Messages in the queue: waiting plus in flight. */
  depth: number;
  inFlight: number;
  dlq: number;
  /** Messages handled (and deleted) since start. */
  handled: number;
}

/**
 * Tells a person running the local runtime how far behind its consumers are: every `intervalMs` while
 * any queue holds a message, one line with each queue's counts, and one more when all are empty. A DLQ
 * waits for a person, not for a consumer: its depth is in every line but does not keep the lines coming.
 */
export function reportBacklog(options: {
  sqs: SQSClient;
  queues: Record<string, { url: string; dlqUrl: string }>;
  handled: (queue: string) => number;
  log: (message: string, backlog: QueueBacklog[]) => void;
  intervalMs: number;
}): { stop(): Promise<void> } {
  const count = async (url: string) => {
    const { Attributes = {} } = await options.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    // local-aws-sqs counts messages in flight in ApproximateNumberOfMessages too (SQS counts visible ones).
    return {
      depth: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  };
  let busy = false;
  let tick: Promise<void> = Promise.resolve();
  const report = async () => {
    const backlog: QueueBacklog[] = [];
    for (const [queue, { url, dlqUrl }] of Object.entries(options.queues)) {
      // Handled is read before the depth: a message deleted in between is then in neither, never in both.
      const handled = options.handled(queue);
      const main = await count(url);
      backlog.push({ queue, ...main, dlq: (await count(dlqUrl)).depth, handled });
    }
    const pending = backlog.some((b) => b.depth > 0);
    if (pending) options.log('queue backlog', backlog);
    // Drained: nothing is left to count twice, so the handled counts are read again, after the depths, and
    // take in the last messages deleted while the depths were read.
    else if (busy)
      options.log(
        'queues drained',
        backlog.map((b) => ({ ...b, handled: options.handled(b.queue) })),
      );
    busy = pending;
  };
  const timer = setInterval(() => {
    // A tick that fails (the runtime is stopping) is skipped: the next one reports.
    tick = tick.then(report).catch(() => undefined);
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await tick;
    },
  };
}
