import { describe, expect, it } from 'vitest';
import { progress } from '../../../cli/progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('progress', () => {
  it('redraws one bar in place on a terminal and ends its line', () => {
    const tty = stream(true);
    const bar = progress('import', 'rows', 4, tty);
    for (let done = 1; done <= 4; done++) bar.update(done);
    bar.end();
    expect(tty.written.slice(0, 4).every((w) => w.startsWith('\rimport ['))).toBe(true);
    expect(tty.written.at(-2)).toBe(`\rimport [${'#'.repeat(30)}] 4/4`);
    expect(tty.written.at(-1)).toBe('\n');
  });

  it('writes one plain line per tenth of the work elsewhere, and the last one', () => {
    const pipe = stream(false);
    const bar = progress('import', 'rows', 1000, pipe, () => 0);
    for (let done = 1; done <= 1000; done++) bar.update(done);
    bar.end();
    expect(pipe.written).toEqual(Array.from({ length: 10 }, (_, i) => `import: ${(i + 1) * 100}/1000 rows\n`));
  });

  it('writes a plain line when the work has been slow for 10 seconds, even between tenths', () => {
    const pipe = stream(false);
    let clock = 0;
    const bar = progress('match', 'lignes', 1000, pipe, () => clock);
    bar.update(1);
    clock = 10_000;
    bar.update(2);
    bar.update(3);
    expect(pipe.written).toEqual(['match: 2/1000 lignes\n']);
  });
});
