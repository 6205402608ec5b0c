import { describe, expect, it } from 'vitest';
import { MemoryChannelStore } from '../../../../adapters/memory/channel-store.ts';
import { CHANNEL_CACHE_SECONDS, cachedChannels } from '../../../../core/delivery/channel-cache.ts';

const channel = (url: string) =>
  ({
    kind: 'webhook',
    organisationId: 'org_divas',
    url,
    events: 'full',
    configuredAt: '2026-12-01T09:00:00.000Z',
  }) as const;

function setup() {
  const store = new MemoryChannelStore();
  let reads = 0;
  const get = store.get.bind(store);
  store.get = (org) => (reads++, get(org));
  let now = new Date('2026-12-01T10:00:00.000Z');
  const cached = cachedChannels(store, { now: () => now });
  return { store, cached, reads: () => reads, advance: (s: number) => (now = new Date(now.getTime() + s * 1000)) };
}

describe('the delivery path reads each channel at most once every few seconds', () => {
  it('answers from its copy within the lag, and reads again after it', async () => {
    const { store, cached, reads, advance } = setup();
    await store.put(channel('https://a.example/h'), 'whsec_c2VjcmV0c2VjcmV0');
    await cached.get('org_divas');
    await cached.get('org_divas');
    expect(reads()).toBe(1);
    // Changed by another function: seen once the lag is over.
    await store.put(channel('https://b.example/h'), 'whsec_c2VjcmV0c2VjcmV0');
    expect((await cached.get('org_divas'))?.channel).toMatchObject({ url: 'https://a.example/h' });
    advance(CHANNEL_CACHE_SECONDS);
    expect((await cached.get('org_divas'))?.channel).toMatchObject({ url: 'https://b.example/h' });
    expect(reads()).toBe(2);
  });

  it('sees at once what is changed through it: a new channel, a disabled or re-enabled endpoint', async () => {
    const { cached } = setup();
    expect(await cached.get('org_divas')).toBeUndefined();
    await cached.put(channel('https://a.example/h'), 'whsec_c2VjcmV0c2VjcmV0');
    expect((await cached.get('org_divas'))?.channel).toMatchObject({ url: 'https://a.example/h' });
    await cached.setDisabled('org_divas', '2026-12-01T10:00:01.000Z');
    expect((await cached.get('org_divas'))?.channel).toMatchObject({ disabledSince: '2026-12-01T10:00:01.000Z' });
  });

  it('hands out copies: a caller changing what it got changes nothing cached', async () => {
    const { cached } = setup();
    await cached.put(channel('https://a.example/h'), 'whsec_c2VjcmV0c2VjcmV0');
    const first = (await cached.get('org_divas'))!;
    (first.channel as { url: string }).url = 'https://evil.example/h';
    expect((await cached.get('org_divas'))?.channel).toMatchObject({ url: 'https://a.example/h' });
  });
});
