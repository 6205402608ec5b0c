import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, pathBeyondDepth } from '../../../../core/validation/depth.ts';

const nested = (levels: number, key = 'a'): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 ? { [key]: value } : [value];
  return value;
};

describe('nesting depth', () => {
  it('lets documents of up to the limit through', () => {
    expect(pathBeyondDepth(nested(MAX_NESTING_DEPTH))).toBeUndefined();
    expect(pathBeyondDepth({ a: 1, b: [1, 2, { c: null }] })).toBeUndefined();
    expect(pathBeyondDepth('text')).toBeUndefined();
  });

  it('names the path of the first container past the limit, without overflowing on 100,000 levels', () => {
    expect(pathBeyondDepth(nested(MAX_NESTING_DEPTH + 1))).toHaveLength(MAX_NESTING_DEPTH);
    const path = pathBeyondDepth(nested(100_000));
    expect(path).toHaveLength(MAX_NESTING_DEPTH);
    expect(pathBeyondDepth({ ok: [1], deep: nested(70) })?.[0]).toBe('deep');
  });
});
