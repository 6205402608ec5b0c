import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { type SqsQueue, trackReceiptHandles } from './receipt-handles.ts';

/**
 * One line of the journal. A `send` puts a message in a queue (a DLQ move is a `send` of the same id to
 * the DLQ); a `delete` takes it out; a `purge` empties a queue. Message bodies hold ids only (queue
 * messages never carry personal data), so the journal holds nothing the tables do not.
 */
const JournalEntry = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('send'),
    queue: z.string(),
    id: z.string(),
    at: z.number(),
    body: z.string(),
    group: z.string().optional(),
    dedup: z.string().optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    systemAttributes: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ op: z.literal('delete'), queue: z.string(), id: z.string() }),
  z.object({ op: z.literal('purge'), queue: z.string() }),
]);
type JournalEntry = z.infer<typeof JournalEntry>;
type Sent = Extract<JournalEntry, { op: 'send' }>;

/** What setRecord receives from SendMessage, SendMessageBatch, a DLQ move or a redrive. */
interface SendInput {
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  MessageAttributes?: Record<string, unknown>;
  MessageSystemAttributes?: Record<string, unknown>;
}

/**
 * Makes local-aws-sqs durable, so that what a send acknowledged survives a kill as it does on SQS.
 *
 * local-aws-sqs keeps its messages in memory and has no persistence hook, but its service exposes its
 * queues and each queue's `setRecord` (every accepted send, DLQ moves and redrives included), `receive`,
 * `delete` and `clearRecords`. Wrapping those four on each queue journals every change without parsing
 * the SQS protocol; the server answers a request only once the journal is on disk (see `flush`). A
 * pending-work marker stored with each record would also work, but only for matching: this covers every
 * queue of functions/queues.ts, DLQs too. A message handled just before a kill and not yet deleted is
 * delivered again after the restart; consumers are idempotent, as on SQS (at-least-once).
 */
export class SqsJournal {
  private readonly file: string;
  private handle: FileHandle | undefined;
  private pending: string[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.file = join(dir, 'journal.ndjson');
  }

  /**
   * Compacts the journal to the messages still queued, puts them back into their queues (same id, body,
   * group and deduplication id), then journals every later change of these queues. Returns how many
   * messages were restored.
   */
  async restore(queues: SqsQueue[]): Promise<number> {
    const byName = new Map(queues.map((q) => [q.QueueName, q]));
    const live = liveMessages(this.read(), byName);
    this.rewrite([...live.values()]);
    this.handle = await open(this.file, 'a');
    let restored = 0;
    for (const m of live.values()) {
      const queue = byName.get(m.queue);
      // A queue no longer declared keeps its messages in the journal, undelivered.
      if (!queue) continue;
      queue.setRecord(
        {
          MessageBody: m.body,
          ...(m.group ? { MessageGroupId: m.group } : {}),
          ...(m.dedup ? { MessageDeduplicationId: m.dedup } : {}),
          ...(m.attributes ? { MessageAttributes: m.attributes } : {}),
          ...(m.systemAttributes ? { MessageSystemAttributes: m.systemAttributes } : {}),
        },
        m.id,
      );
      restored++;
    }
    for (const queue of queues) this.instrument(queue);
    return restored;
  }

  /** Resolves once every change made so far is on disk: one write and one fsync for all waiting answers. */
  flush(): Promise<void> {
    if (this.pending.length > 0) {
      this.writing = this.writing
        .catch(() => undefined)
        .then(async () => {
          const lines = this.pending.splice(0);
          if (lines.length === 0 || !this.handle) return;
          await this.handle.appendFile(lines.join(''));
          await this.handle.datasync();
        });
    }
    return this.writing;
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.handle?.close();
    this.handle = undefined;
  }

  private append(entry: JournalEntry): void {
    if (this.handle) this.pending.push(JSON.stringify(entry) + '\n');
  }

  private instrument(queue: SqsQueue): void {
    const name = queue.QueueName;
    const setRecord = queue.setRecord;
    queue.setRecord = (input: SendInput, messageId?: string) => {
      const result = setRecord(input, messageId);
      this.append({
        op: 'send',
        queue: name,
        id: result.record.MessageId,
        at: Date.now(),
        body: input.MessageBody,
        ...(input.MessageGroupId ? { group: input.MessageGroupId } : {}),
        ...(input.MessageDeduplicationId ? { dedup: input.MessageDeduplicationId } : {}),
        ...(input.MessageAttributes ? { attributes: input.MessageAttributes } : {}),
        ...(input.MessageSystemAttributes ? { systemAttributes: input.MessageSystemAttributes } : {}),
      });
      return result;
    };
    trackReceiptHandles(queue, {
      deleted: (id) => this.append({ op: 'delete', queue: name, id }),
      purged: () => this.append({ op: 'purge', queue: name }),
    });
  }

  private read(): JournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      // A kill in the middle of a write leaves a torn last line; its send was never answered.
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      const entry = JournalEntry.safeParse(parsed);
      if (entry.success) entries.push(entry.data);
    }
    return entries;
  }

  /** Replaces the journal with `messages`, atomically: a kill during compaction leaves the old one whole. */
  private rewrite(messages: Sent[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, messages.map((m) => JSON.stringify(m) + '\n').join(''));
    fsyncPath(temporary);
    renameSync(temporary, this.file);
    fsyncPath(dirname(this.file));
  }
}

/** Replays the journal: the messages not deleted, purged or past their queue's retention period. */
function liveMessages(entries: JournalEntry[], queues: Map<string, SqsQueue>): Map<string, Sent> {
  const live = new Map<string, Sent>();
  for (const entry of entries) {
    if (entry.op === 'send') live.set(entry.id, entry);
    else if (entry.op === 'delete') {
      if (live.get(entry.id)?.queue === entry.queue) live.delete(entry.id);
    } else for (const [id, m] of live) if (m.queue === entry.queue) live.delete(id);
  }
  const now = Date.now();
  for (const [id, m] of live) {
    const retention = queues.get(m.queue)?.MessageRetentionPeriod;
    if (retention !== undefined && now - m.at > retention * 1000) live.delete(id);
  }
  return live;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
