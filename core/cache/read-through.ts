import type { Clock } from '../ports.ts';

/**
 * A function container's short-lived copy of what it read, for data that changes rarely and is read on a
 * hot path (a delivery channel, the services a referral is routed among). Each value is kept for
 * `seconds`; callers get copies, so changing what they got changes nothing kept. Writes made through the
 * same container call `forget`; a write made by another function is seen once the copy is older than
 * `seconds`: the lag each use documents. No library is used: this is a map with expiry times, and the
 * clock must be the use case's (tests move it).
 */
export interface ReadThrough<V> {
  get(key: string, read: () => Promise<V>): Promise<V>;
  forget(key?: string): void;
}

export function readThrough<V>(clock: Clock, seconds: number): ReadThrough<V> {
  const kept = new Map<string, { until: number; value: V }>();
  return {
    async get(key, read) {
      const now = clock.now().getTime();
      const hit = kept.get(key);
      if (hit && hit.until > now) return structuredClone(hit.value);
      const value = await read();
      kept.set(key, { until: now + seconds * 1000, value });
      return structuredClone(value);
    },
    forget(key) {
      if (key === undefined) kept.clear();
      else kept.delete(key);
    },
  };
}

/**
 * A write through a function whose reads are kept: what is kept is forgotten before the write (so a read
 * racing it cannot keep the old value for the lag) and again once it is over, whether it took or not.
 */
export async function forgettingAround<T>(forget: () => void, write: () => Promise<T>): Promise<T> {
  forget();
  try {
    return await write();
  } finally {
    forget();
  }
}
