import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetterQueue } from '../../core/delivery/dead-letters.ts';
import type { DeadLetter } from '../../schemas/api/dead-letters.ts';
import { ReferralEventMessage } from '../../schemas/messages/referral-event.ts';

/** How long listed messages stay hidden from other readers of the DLQ while an operator looks. */
const LOOK_SECONDS = 5;

async function receiveAll(sqs: SQSClient, dlqUrl: string, visibility: number, max: number): Promise<Message[]> {
  const seen = new Map<string, Message>();
  for (let round = 0; seen.size < max && round < 100; round++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: visibility,
        WaitTimeSeconds: 0,
        AttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    for (const m of Messages) seen.set(m.MessageId!, m);
  }
  return [...seen.values()];
}

/**
 * A letter as operators see it, or undefined for one that is no referral event (a poison message: its
 * body never parsed). Those stay in the DLQ, untouched, listed apart by id only.
 */
const asDeadLetter = (m: Message): DeadLetter | undefined => {
  const body = messageOf(m);
  return (
    body && {
      messageId: m.MessageId!,
      referralId: body.referralId,
      eventId: body.eventId,
      referralVersion: body.referralVersion,
      recipientOrganisationId: body.recipientOrganisationId,
      series: body.series ?? 0,
      sentAt: sentAtOf(m),
      receives: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
    }
  );
};

function messageOf(m: Message): ReferralEventMessage | undefined {
  try {
    return ReferralEventMessage.parse(JSON.parse(m.Body ?? ''));
  } catch {
    return undefined;
  }
}

const sentAtOf = (m: Message) => new Date(Number(m.Attributes?.SentTimestamp ?? 0)).toISOString();

/** A message in the DLQ that is no referral event: what an operator may know of it without its body. */
export interface UnreadableLetter {
  messageId: string;
  sentAt: string;
}

/** In the order they were sent, per referral: the order a redrive must keep. */
function bySequence(a: Message, b: Message): number {
  const group = (a.Attributes?.MessageGroupId ?? '').localeCompare(b.Attributes?.MessageGroupId ?? '');
  if (group !== 0) return group;
  const [x, y] = [BigInt(a.Attributes?.SequenceNumber ?? '0'), BigInt(b.Attributes?.SequenceNumber ?? '0')];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The referral events in a DLQ, without taking them out of it. A message that is no referral event is not
 * one of them: `unreadable` hears of it, by id.
 */
export async function listDeadLetters(
  sqs: SQSClient,
  dlqUrl: string,
  max = 100,
  unreadable: (letter: UnreadableLetter) => void = () => undefined,
): Promise<DeadLetter[]> {
  const messages = await receiveAll(sqs, dlqUrl, LOOK_SECONDS, max);
  await release(sqs, dlqUrl, messages);
  const letters: DeadLetter[] = [];
  for (const m of messages.sort(bySequence)) {
    const letter = asDeadLetter(m);
    if (letter) letters.push(letter);
    else unreadable({ messageId: m.MessageId!, sentAt: sentAtOf(m) });
  }
  return letters;
}

async function release(sqs: SQSClient, dlqUrl: string, messages: Message[]) {
  for (let i = 0; i < messages.length; i += 10) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: dlqUrl,
        Entries: messages
          .slice(i, i + 10)
          .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }
}

/**
 * Sends dead letters back to their queue, in order per referral, each as a new series (its delivery
 * schedule starts again), then deletes it from the DLQ: a message is deleted only once it is queued
 * again, so a redrive killed half-way loses nothing (it may send one twice: the consumer and the
 * receiver deduplicate on the event id). `only` keeps the others in the DLQ.
 */
export async function redriveDeadLetters(
  sqs: SQSClient,
  dlqUrl: string,
  queueUrl: string,
  only: (letter: DeadLetter) => boolean = () => true,
): Promise<DeadLetter[]> {
  const messages = (await receiveAll(sqs, dlqUrl, 60, 10_000)).sort(bySequence);
  const moved: DeadLetter[] = [];
  const kept: Message[] = [];
  for (const m of messages) {
    const letter = asDeadLetter(m);
    // A message that is no referral event has nowhere to go: it stays for an operator to look at.
    if (!letter || !only(letter)) {
      kept.push(m);
      continue;
    }
    const body = { ...messageOf(m)!, series: letter.series + 1 };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(body),
        MessageGroupId: letter.referralId,
        MessageDeduplicationId: `${letter.referralId}:${letter.referralVersion}:${letter.recipientOrganisationId}:${body.series}`,
      }),
    );
    await sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: m.ReceiptHandle! }));
    moved.push(letter);
  }
  await release(sqs, dlqUrl, kept);
  return moved;
}

/**
 * How many dead letters one look takes in: the DLQ is shared by every organisation, so an admin's list is
 * filtered from this many, oldest first per referral.
 */
const LOOK_MAX = 1000;

/** The DeadLetterQueue port over a queue and its DLQ (the URLs of the referral delivery queue). */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly urls: () => { queueUrl: string; dlqUrl: string },
  ) {}

  list(): Promise<DeadLetter[]> {
    return listDeadLetters(this.sqs, this.urls().dlqUrl, LOOK_MAX);
  }

  redrive(select: (letter: DeadLetter) => boolean): Promise<DeadLetter[]> {
    const { queueUrl, dlqUrl } = this.urls();
    return redriveDeadLetters(this.sqs, dlqUrl, queueUrl, select);
  }
}
