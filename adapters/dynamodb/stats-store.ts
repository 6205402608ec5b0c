import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { ChildFacts } from '../../core/stats/facts.ts';
import { type Publication, ReferralFacts, type StatsStore } from '../../core/stats/ports.ts';
import type { StatsReport } from '../../core/stats/report.ts';

const CHILD = 'child#';
const REFERRAL = 'referral#';
const PUBLICATION = 'publication#';

/** A child's row as stored (bench:stats seeds with it too). */
export const childItem = (facts: ChildFacts) => ({ pk: `${CHILD}${facts.personId}`, body: JSON.stringify(facts) });

/** Segments of a report's parallel Scan: each reads its share of the table at once. */
const DEFAULT_SEGMENTS = 4;

/**
 * The statistics projection in the `stats` table. Each row's content is one JSON string attribute
 * (`body`): a report reads every row, and DynamoDB bills an item by its bytes, attribute names included,
 * so a child's facts cost about a third less than as a nested map. Reads of single rows are strongly
 * consistent; the report's Scan is too, so it sees every refresh that completed before it started.
 */
export class DynamoStatsStore implements StatsStore {
  /** Read capacity units the Scans have consumed, as DynamoDB reports them (the benchmark reads it). */
  consumedReadUnits = 0;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly segments = DEFAULT_SEGMENTS,
  ) {}

  async getChild(personId: string) {
    const body = await this.body(`${CHILD}${personId}`);
    return body === undefined ? undefined : ChildFacts.parse(JSON.parse(body));
  }

  async putChild(facts: ChildFacts) {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: childItem(facts) }));
  }

  async deleteChild(personId: string) {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: `${CHILD}${personId}` } }));
  }

  async putReferral(facts: ReferralFacts) {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `${REFERRAL}${facts.id}`,
            version: facts.version,
            ...(facts.childKey ? { childKey: facts.childKey } : {}),
            body: JSON.stringify(facts),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR version <= :version',
          ExpressionAttributeValues: { ':version': facts.version },
        }),
      );
    } catch (error) {
      // A newer version is already there: this older read of the referral has nothing to add.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async getReferral(id: string) {
    const body = await this.body(`${REFERRAL}${id}`);
    return body === undefined ? undefined : ReferralFacts.parse(JSON.parse(body));
  }

  async referralsOf(childKeys: readonly string[]) {
    const pages = await Promise.all(
      [...new Set(childKeys)].map(async (childKey) => {
        const found: ReferralFacts[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          const page = await this.doc.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: 'byChild',
              KeyConditionExpression: 'childKey = :key',
              ExpressionAttributeValues: { ':key': childKey },
              ExclusiveStartKey: start,
            }),
          );
          for (const item of page.Items ?? []) found.push(ReferralFacts.parse(JSON.parse(item.body as string)));
          start = page.LastEvaluatedKey;
        } while (start);
        return found;
      }),
    );
    return pages.flat();
  }

  async readAll() {
    const children: ChildFacts[] = [];
    const referrals: ReferralFacts[] = [];
    await Promise.all(
      Array.from({ length: this.segments }, async (_, segment) => {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await this.doc.send(
            new ScanCommand({
              TableName: this.tableName,
              Segment: segment,
              TotalSegments: this.segments,
              ConsistentRead: true,
              ExclusiveStartKey: start,
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          this.consumedReadUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
          for (const item of page.Items ?? []) {
            const pk = item.pk as string;
            // Rows are written by this class only; parsing each one again would cost a report a second
            // pass over 100k rows for nothing.
            if (pk.startsWith(CHILD)) children.push(JSON.parse(item.body as string) as ChildFacts);
            else if (pk.startsWith(REFERRAL)) referrals.push(JSON.parse(item.body as string) as ReferralFacts);
          }
          start = page.LastEvaluatedKey;
        } while (start);
      }),
    );
    return { children, referrals };
  }

  async getPublication(key: string) {
    const body = await this.body(`${PUBLICATION}${key}`);
    return body === undefined ? undefined : { key, report: JSON.parse(body) as StatsReport };
  }

  async publish(publication: Publication) {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `${PUBLICATION}${publication.key}`, body: JSON.stringify(publication.report) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return publication;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stood = await this.getPublication(publication.key);
      if (!stood) throw error;
      return stood;
    }
  }

  private async body(pk: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk }, ConsistentRead: true }),
    );
    return Item?.body as string | undefined;
  }
}
