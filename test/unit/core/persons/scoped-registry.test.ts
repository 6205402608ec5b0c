import { describe, expect, it } from 'vitest';
import { MemoryRegistryStore } from '../../../../adapters/memory/registry-store.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import {
  MATCH_LIMIT,
  decideReviewForOrganisation,
  matchForOrganisation,
  mergeForOrganisation,
  personForOrganisation,
  reviewsForOrganisation,
  splitForOrganisation,
} from '../../../../core/persons/scoped-registry.ts';
import { matchRecord } from '../../../../core/registry/match-record.ts';
import type { RateLimiter } from '../../../../core/ports.ts';
import type { Person } from '../../../../schemas/canonical/person.ts';
import { childOf } from '../../../fixtures/registry/households.ts';
import { input, memoryDeps } from '../../../fixtures/registry/registry.ts';

const household = (family: string, phone: string) => ({
  family,
  postnom: 'Tshimanga',
  caregiver: { family: 'MWAMBA', given: 'Esther' },
  phone,
  village: 'Kasapa',
  birth: '2016-04-09',
});
const admin = (organisationId: string, keyId: string): Principal => ({
  organisationId,
  roles: ['admin'],
  credential: { kind: 'api-key', keyId },
});
const alpha = admin('org_alpha', 'alpha1');
const beta = admin('org_beta', 'beta1');

/** A limiter that counts per key, like the DynamoDB one within one window. */
function countingLimiter(): RateLimiter & { keys: string[] } {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    async consume(key, limit) {
      keys.push(key);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return { allowed: n <= limit, retryAfterSeconds: 60 };
    },
  };
}

/** Neema held by both organisations (one person), her twin Furaha by alpha only (a review between them). */
async function sharedRegistry() {
  const deps = memoryDeps();
  const h = household('KABASELE', '+243812345678');
  const neema = childOf(h, 'Neema');
  const a = await matchRecord(deps, input('rec_neema_a', neema, alpha.organisationId));
  await matchRecord(deps, input('rec_neema_b', neema, beta.organisationId));
  const twin = await matchRecord(deps, input('rec_furaha_a', childOf(h, 'Furaha'), alpha.organisationId));
  return { deps, neemaId: a.personId, furahaId: twin.personId, neema };
}

describe('visibility', () => {
  it("answers 404 for a person, a review or a merge reached through no record of the caller's", async () => {
    const { deps, furahaId, neemaId } = await sharedRegistry();
    await expect(personForOrganisation(deps, beta.organisationId, furahaId)).rejects.toMatchObject({
      reason: 'person-not-found',
    });
    await expect(mergeForOrganisation(deps, beta, neemaId, { personId: furahaId, reason: 'x' })).rejects.toMatchObject({
      reason: 'person-not-found',
    });
    const seen = await personForOrganisation(deps, beta.organisationId, neemaId);
    expect(seen.records.map((r) => r.recordId)).toEqual(['rec_neema_b']);
    expect(seen.otherRecords).toBe(1);
  });

  it('refuses to merge a person into itself, also through an id merged into it (409)', async () => {
    const { deps, neemaId, furahaId } = await sharedRegistry();
    await expect(mergeForOrganisation(deps, alpha, neemaId, { personId: neemaId, reason: 'x' })).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'merge-same-person',
    });
    await mergeForOrganisation(deps, alpha, neemaId, { personId: furahaId, reason: 'same' });
    await expect(
      mergeForOrganisation(deps, alpha, neemaId, { personId: furahaId, reason: 'again' }),
    ).rejects.toMatchObject({ kind: 'conflict', reason: 'merge-same-person' });
  });
});

describe('history filtering', () => {
  it("shows another organisation's decision on its records without actor or reason, and hides the others", async () => {
    const { deps, neemaId, furahaId } = await sharedRegistry();
    await mergeForOrganisation(deps, alpha, neemaId, { personId: furahaId, reason: 'grandmother says same' });
    await splitForOrganisation(deps, alpha, neemaId, { recordIds: ['rec_furaha_a'], reason: 'mother says twin' });

    const forAlpha = await personForOrganisation(deps, alpha.organisationId, neemaId);
    expect(forAlpha.history.filter((h) => h.by === 'key:alpha1').map((h) => [h.action, h.reason])).toEqual([
      ['merge', 'grandmother says same'],
      ['split', 'mother says twin'],
    ]);
    // Whichever person survived the merge (the smaller id), Beta sees only what concerns its record, and
    // never Alpha's actor or reasons.
    const forBeta = await personForOrganisation(deps, beta.organisationId, neemaId);
    expect(forBeta.history.length).toBeGreaterThan(0);
    for (const entry of forBeta.history) {
      expect(entry.recordIds).toEqual(['rec_neema_b']);
      expect(entry.by).not.toBe('key:alpha1');
      expect([undefined, 'no-candidate-above-link-threshold', 'score-above-link-threshold']).toContain(entry.reason);
    }
    expect(forBeta.history.filter((h) => h.action === 'split')).toEqual([]);
  });

  it('keeps what concerns a record of the organisation, as done by another organisation', async () => {
    const { deps, neemaId } = await sharedRegistry();
    const h = household('ILUNGA', '+243899000111');
    await matchRecord(deps, input('rec_x_a', childOf(h, 'Grace'), alpha.organisationId));
    const other = await matchRecord(deps, input('rec_x_b', childOf(h, 'Gloire'), beta.organisationId));
    const { items } = await reviewsForOrganisation(deps, alpha.organisationId, { status: 'open', limit: 50 });
    const review = items.find((r) => r.personId === other.personId || r.candidatePersonId === other.personId)!;
    await decideReviewForOrganisation(deps, alpha, review.id, {
      decision: 'different',
      reason: 'seen by social worker',
    });

    const forBeta = await personForOrganisation(deps, beta.organisationId, other.personId);
    expect(forBeta.history.find((e) => e.action === 'review-different')).toEqual({
      at: expect.any(String),
      action: 'review-different',
      by: 'another-organisation',
      recordIds: ['rec_x_b'],
    });
    const decided = await reviewsForOrganisation(deps, beta.organisationId, { status: 'different', limit: 50 });
    expect(decided.items).toEqual([expect.objectContaining({ id: review.id, decidedBy: 'another-organisation' })]);
    expect(decided.items[0]).not.toHaveProperty('reason');
    const own = await reviewsForOrganisation(deps, alpha.organisationId, { status: 'different', limit: 50 });
    expect(own.items[0]).toMatchObject({ decidedBy: 'key:alpha1', reason: 'seen by social worker' });
    expect((await personForOrganisation(deps, beta.organisationId, neemaId)).history).toHaveLength(1);
  });

  it('pages the history, oldest first, with a cursor that goes on where the page stopped', async () => {
    const { deps, neemaId } = await sharedRegistry();
    const whole = await personForOrganisation(deps, alpha.organisationId, neemaId, { limit: 100 });
    const first = await personForOrganisation(deps, alpha.organisationId, neemaId, { limit: 1 });
    const rest = await personForOrganisation(deps, alpha.organisationId, neemaId, {
      limit: 100,
      cursor: first.historyNextCursor,
    });
    expect([...first.history, ...rest.history]).toEqual(whole.history);
    expect(rest.historyNextCursor).toBeUndefined();
    await expect(
      personForOrganisation(deps, alpha.organisationId, neemaId, { limit: 1, cursor: 'bm90IGEgY3Vyc29y' }),
    ).rejects.toMatchObject({ kind: 'bad-request', reason: 'invalid-cursor' });
  });
});

describe('reviews', () => {
  it('reads the persons of a page of reviews in batches, not one by one', async () => {
    const store = new MemoryRegistryStore();
    const deps = memoryDeps(store);
    for (let i = 0; i < 20; i++) {
      const h = household(['KABASELE', 'MUKENDI', 'KALONJI', 'ILUNGA', 'KASONGO'][i % 5]!, `+2438100000${10 + i}`);
      await matchRecord(deps, input(`rec_${i}_a`, childOf(h, 'Neema'), alpha.organisationId));
      await matchRecord(deps, input(`rec_${i}_b`, childOf(h, 'Furaha'), alpha.organisationId));
    }
    const calls = { getPerson: 0, getPersons: 0 };
    const counting = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (name === 'getPerson' || name === 'getPersons') calls[name]++;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const page = await reviewsForOrganisation({ ...deps, store: counting }, alpha.organisationId, {
      status: 'open',
      limit: 50,
    });
    expect(page.items.length).toBeGreaterThanOrEqual(20);
    expect(calls.getPerson).toBe(0);
    expect(calls.getPersons).toBe(1);
  });
});

describe('a review after its record moved', () => {
  /** Furaha (Alpha, two records) against Neema (Beta only): a review; then Alpha splits one Furaha record out. */
  async function splitAfterReview() {
    const deps = memoryDeps();
    const h = household('KABASELE', '+243812345678');
    const neema = await matchRecord(deps, input('rec_neema_b', childOf(h, 'Neema'), beta.organisationId));
    const furaha = await matchRecord(deps, input('rec_furaha_a', childOf(h, 'Furaha'), alpha.organisationId));
    await matchRecord(deps, input('rec_furaha_a2', childOf(h, 'Furaha'), alpha.organisationId));
    const [review] = (await reviewsForOrganisation(deps, alpha.organisationId, { status: 'open', limit: 10 })).items;
    expect(review).toMatchObject({ recordId: 'rec_furaha_a', personId: furaha.personId });
    const moved = await splitForOrganisation(deps, alpha, furaha.personId, {
      recordIds: ['rec_furaha_a'],
      reason: 'two registrations of two children',
    });
    return { deps, review: review!, moved, neemaId: neema.personId };
  }

  it('stays in the queue of the organisation holding the record, found where the record now is', async () => {
    const { deps, review } = await splitAfterReview();
    const alphaQueue = await reviewsForOrganisation(deps, alpha.organisationId, { status: 'open', limit: 10 });
    expect(alphaQueue.items.map((r) => [r.id, r.recordId])).toEqual([[review.id, 'rec_furaha_a']]);
    const betaQueue = await reviewsForOrganisation(deps, beta.organisationId, { status: 'open', limit: 10 });
    expect(betaQueue.items.map((r) => r.id)).toEqual([review.id]);
  });

  it('decided "same child", joins the two records where they now are', async () => {
    const { deps, review, moved, neemaId } = await splitAfterReview();
    await decideReviewForOrganisation(deps, alpha, review.id, { decision: 'same', reason: 'checked with the mother' });
    const neema = await personForOrganisation(deps, beta.organisationId, neemaId);
    const joined = await personForOrganisation(deps, alpha.organisationId, moved.id);
    expect(joined.id).toBe(neema.id);
    expect(joined.records.map((r) => r.recordId)).toEqual(['rec_furaha_a']);
  });
});

describe('match minimisation', () => {
  it("gives detail for persons the caller holds a record of, and only a count of other organisations' ones", async () => {
    const { deps, neemaId, neema } = await sharedRegistry();
    const gamma = admin('org_gamma', 'gamma1');
    const limiter = countingLimiter();
    await matchRecord(deps, input('rec_neema_c', { ...neema, name: { ...neema.name, given: 'Neema' } }, 'org_gamma'));

    const forBeta = await matchForOrganisation({ ...deps, limiter }, beta, neema, 5);
    expect(forBeta.candidates.map((c) => c.personId)).toEqual([neemaId]);
    // Furaha, whom alpha alone holds, may be the child searched for (a review): counted, not shown.
    expect(forBeta.knownElsewhere).toEqual({ organisations: 1 });
    expect(JSON.stringify(forBeta)).not.toContain('rec_furaha_a');

    const stranger: Person = { ...childOf(household('KABASELE', '+243812345678'), 'Furaha') };
    const forGamma = await matchForOrganisation({ ...deps, limiter }, gamma, stranger, 5);
    // Gamma holds Neema (it may see her) but not Furaha, whom alpha alone holds.
    expect(forGamma.candidates.every((c) => c.personId === neemaId)).toBe(true);
    expect(forGamma.knownElsewhere).toEqual({ organisations: 1 });
    expect(JSON.stringify(forGamma)).not.toContain('rec_furaha_a');
  });

  it('counts searches per organisation, whichever key searches', async () => {
    const { deps, neema } = await sharedRegistry();
    const limiter = countingLimiter();
    const keys = [admin('org_beta', 'k1'), admin('org_beta', 'k2'), admin('org_beta', 'k3')];
    const answers = [];
    for (let i = 0; i <= MATCH_LIMIT.perMinute; i++) {
      answers.push(
        await matchForOrganisation({ ...deps, limiter }, keys[i % 3]!, neema, 5).then(
          () => 'ok',
          (e: { reason: string }) => e.reason,
        ),
      );
    }
    expect(answers.at(-1)).toBe('rate-limited');
    expect(new Set(limiter.keys)).toEqual(new Set(['match:org_beta']));
  });
});
