import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineAndColumn } from '../../../../cli/input/json-error-offset.ts';

const where = (text: string) => {
  expect(() => JSON.parse(text)).toThrow();
  return lineAndColumn(text, jsonErrorOffset(text));
};

describe('jsonErrorOffset', () => {
  it('points at the first character JSON refuses, where Node gives no position', () => {
    expect(where('{"a": nope}')).toEqual({ line: 1, column: 7 });
    expect(where('[\n1,\n2,,\n]')).toEqual({ line: 3, column: 3 });
    expect(where('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1 });
    expect(where('{"a":"b\\q"}')).toEqual({ line: 1, column: 9 });
    expect(where('[01]')).toEqual({ line: 1, column: 3 });
    expect(where('{"a": 1} x')).toEqual({ line: 1, column: 10 });
  });

  it('points past the end of a text that stops too early', () => {
    expect(where('{"a": [1, 2')).toEqual({ line: 1, column: 12 });
  });

  it('finds no error in JSON that parses', () => {
    const text = '{"a": [1, -2.5e3, "x\\u00e9", true, false, null], "b": {}}';
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});
