import { describe, expect, it } from 'vitest';
import { readThrough } from '../../../../core/cache/read-through.ts';

function setup(seconds = 10) {
  let now = new Date('2026-12-01T10:00:00.000Z');
  let reads = 0;
  let stored = { url: 'https://a.example/h' };
  const cache = readThrough<{ url: string }>({ now: () => now }, seconds);
  const read = async () => (reads++, structuredClone(stored));
  return {
    get: (key = 'k') => cache.get(key, read),
    forget: (key?: string) => cache.forget(key),
    store: (url: string) => (stored = { url }),
    reads: () => reads,
    advance: (s: number) => (now = new Date(now.getTime() + s * 1000)),
  };
}

describe('a read-through copy kept for a few seconds', () => {
  it('reads once within the lag and again once the copy is as old as the lag', async () => {
    const c = setup();
    await c.get();
    c.advance(9.999);
    c.store('https://b.example/h');
    expect(await c.get()).toEqual({ url: 'https://a.example/h' });
    expect(c.reads()).toBe(1);
    c.advance(0.001);
    expect(await c.get()).toEqual({ url: 'https://b.example/h' });
    expect(c.reads()).toBe(2);
  });

  it('keeps each key apart, and forgets one key or all of them', async () => {
    const c = setup();
    await c.get('a');
    await c.get('b');
    expect(c.reads()).toBe(2);
    c.forget('a');
    await c.get('a');
    await c.get('b');
    expect(c.reads()).toBe(3);
    c.forget();
    await c.get('a');
    await c.get('b');
    expect(c.reads()).toBe(5);
  });

  it('hands out copies: changing what a caller got changes nothing kept', async () => {
    const c = setup();
    (await c.get()).url = 'https://evil.example/h';
    expect(await c.get()).toEqual({ url: 'https://a.example/h' });
  });

  it('keeps nothing when the lag is zero', async () => {
    const c = setup(0);
    await c.get();
    await c.get();
    expect(c.reads()).toBe(2);
  });
});
