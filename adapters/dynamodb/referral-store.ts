import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ReferralPage,
  type ReferralPatch,
  type ReferralQuery,
  type ReferralStore,
  type StoredReferral,
  consentReferenceOf,
  withChange,
} from '../../core/referrals/ports.ts';
import type { DeliveryFact, Referral, ReferralEvent, StatusEntry } from '../../schemas/canonical/referral.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const PK = (id: string) => `REF#${id}`;
const REFERRAL = 'REFERRAL';
const INBOX = (e: ReferralEvent) => `INBOX#${e.id}`;
const INBOX_KEYS = ['pk', 'sk', 'recipientOrganisationId', 'inboxOrder'];
/** The byConsent index's key: a consent record is the referring organisation's, so its id is part of it. */
const CONSENT_KEY = (organisationId: string, reference: string) => `${organisationId}#${reference}`;

/** The facts of a referral sort by time under its partition; the suffix keeps two facts of one instant apart. */
const FACT = (f: DeliveryFact) => `FACT#${f.at}#${f.fact}#${f.version}#${crypto.randomUUID().slice(0, 8)}`;

/** A delivery fact kept apart from its referral's item, so that recording it never races a status change. */
export const factItem = (referralId: string, fact: DeliveryFact) => ({
  pk: PK(referralId),
  sk: FACT(fact),
  data: fact,
});

/**
 * Referrals in DynamoDB. A referral, its facts and its inbox entries share one partition (`REF#<id>`):
 * reading a referral is one Query. Every write is a single conditional Put (a change is conditional on
 * the version it was decided at), so it works alike on DynamoDB and dynalite, which has no
 * transactions. Facts recorded with a creation or a change (that its event was queued) ride in the
 * referral item (`facts`); facts recorded later (a delivery) get items of their own, so they never race
 * a change. The referral item carries `sentBy`/`receivedBy` for the two lists, and `consentKey` when its
 * consent names a consent record; inbox items carry `recipientOrganisationId` for the inbox.
 */
export class DynamoReferralStore implements ReferralStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private referralItem(r: Referral, facts: readonly DeliveryFact[]) {
    const reference = consentReferenceOf(r);
    return {
      facts,
      pk: PK(r.id),
      sk: REFERRAL,
      version: r.version,
      sentBy: r.referring.organisationId,
      receivedBy: r.receiving.organisationId,
      listOrder: `${r.requestedAt}#${r.id}`,
      // Set only under a consent record, so the byConsent index holds nothing else (sparse).
      ...(reference ? { consentKey: CONSENT_KEY(r.referring.organisationId, reference) } : {}),
      status: r.status,
      data: { ...r, delivery: [] },
    };
  }

  async create(referral: Referral): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.referralItem(referral, referral.delivery),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async get(id: string): Promise<StoredReferral | undefined> {
    const read = await this.read(id);
    return (
      read && { ...read.referral, delivery: [...read.inline, ...read.apart].sort((a, b) => a.at.localeCompare(b.at)) }
    );
  }

  /** The referral item and the facts kept in it, and the facts kept apart. */
  private async read(id: string) {
    let referral: Referral | undefined;
    let inline: DeliveryFact[] = [];
    const apart: DeliveryFact[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': PK(id) },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.sk === REFERRAL) {
          referral = item.data as Referral;
          inline = (item.facts as DeliveryFact[] | undefined) ?? [];
        } else if (String(item.sk).startsWith('FACT#')) apart.push(item.data as DeliveryFact);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return referral ? { referral, inline, apart } : undefined;
  }

  async change(
    id: string,
    expectedVersion: number,
    entry: StatusEntry,
    patch: ReferralPatch = {},
    facts: readonly DeliveryFact[] = [],
  ): Promise<StoredReferral | 'conflict'> {
    const current = await this.read(id);
    if (!current || current.referral.version !== expectedVersion) return 'conflict';
    const next = withChange(current.referral, entry, patch);
    const inline = [...current.inline, ...facts];
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.referralItem(next, inline),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
    return { ...next, delivery: [...inline, ...current.apart].sort((a, b) => a.at.localeCompare(b.at)) };
  }

  async addFact(referralId: string, fact: DeliveryFact): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: factItem(referralId, fact) }));
  }

  async putInInbox(event: ReferralEvent): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: PK(event.referralId),
            sk: INBOX(event),
            recipientOrganisationId: event.recipientOrganisationId,
            inboxOrder: `${new Date().toISOString()}#${event.id}`,
            data: event,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Already in the inbox, where it keeps its first place.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async list(query: ReferralQuery): Promise<ReferralPage<StoredReferral>> {
    const [index, partition] = query.role === 'sent' ? ['bySender', 'sentBy'] : ['byReceiver', 'receivedBy'];
    const keys = ['pk', 'sk', partition, 'listOrder'];
    const page = await this.pageOf(
      {
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${partition} = :org`,
        ExpressionAttributeValues: {
          ':org': query.organisationId,
          ...(query.status ? { ':status': query.status } : {}),
        },
        ...(query.status
          ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
        ScanIndexForward: false,
      },
      query.cursor,
      query.limit,
      { keys, mustMatch: { [partition]: query.organisationId } },
    );
    // The index holds the referral as it was written; facts live in their own items, so read each whole.
    const items = await Promise.all(page.items.map(async (item) => (await this.get((item.data as Referral).id))!));
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async listByConsent(referringOrganisationId: string, reference: string): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byConsent',
          KeyConditionExpression: 'consentKey = :key',
          ExpressionAttributeValues: { ':key': CONSENT_KEY(referringOrganisationId, reference) },
          ProjectionExpression: 'pk',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) ids.push(String(item.pk).slice(PK('').length));
      start = page.LastEvaluatedKey;
    } while (start);
    return ids;
  }

  async inbox(organisationId: string, cursor: string | undefined, limit: number): Promise<ReferralPage<ReferralEvent>> {
    const shape = { keys: INBOX_KEYS, mustMatch: { recipientOrganisationId: organisationId } };
    const page = await this.pageOf(
      {
        TableName: this.tableName,
        IndexName: 'byRecipient',
        KeyConditionExpression: 'recipientOrganisationId = :org',
        ExpressionAttributeValues: { ':org': organisationId },
      },
      cursor,
      limit,
      shape,
    );
    // An inbox is read to its end and resumed later: the last page still says where it ended.
    const last = page.items.at(-1);
    const nextCursor = last ? encodeCursor(Object.fromEntries(INBOX_KEYS.map((k) => [k, last[k]]))) : cursor;
    return { items: page.items.map((item) => item.data as ReferralEvent), ...(nextCursor ? { nextCursor } : {}) };
  }

  /** Up to `limit` items of an index query, with a filter that may thin pages out, and where to go on. */
  private async pageOf(
    input: ConstructorParameters<typeof QueryCommand>[0],
    cursor: string | undefined,
    limit: number,
    shape: { keys: string[]; mustMatch: Record<string, string> },
  ): Promise<{ items: Array<Record<string, unknown>>; nextCursor?: string }> {
    let start: Record<string, unknown> | undefined = cursor ? decodeCursor(cursor, shape) : undefined;
    const items: Array<Record<string, unknown>> = [];
    do {
      const page = await this.doc.send(
        new QueryCommand({ ...input, Limit: limit - items.length, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start && items.length < limit);
    return start ? { items, nextCursor: encodeCursor(start) } : { items };
  }
}
