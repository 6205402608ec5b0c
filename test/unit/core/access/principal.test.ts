import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../../core/access/principal.ts';

describe('the actor a principal is recorded as', () => {
  it('an API key is named by its key id, never by its secret', () => {
    expect(actorOf({ credential: { kind: 'api-key', keyId: 'a1b2c3d4e5f6a7b8' } })).toBe('key:a1b2c3d4e5f6a7b8');
  });

  it('a signing source is named by its source id', () => {
    expect(actorOf({ credential: { kind: 'signature', sourceId: 'src_0123456789abcdef' } })).toBe(
      'source:src_0123456789abcdef',
    );
  });
});
