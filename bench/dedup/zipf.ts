/**
 * Draws from a ranked list with Zipf–Mandelbrot weights, p(rank r) ∝ 1 / (r + offset)^exponent
 * (r from 1): the shape name frequencies take in every population measured. The offset flattens the
 * head only, so the most common name is not implausibly dominant; the tail keeps the power law.
 * Cumulative weights are computed once, so a draw is a binary search.
 */
export function zipfSampler<T>(
  items: readonly T[],
  random: () => number,
  { exponent = 1, offset = 0 }: { exponent?: number; offset?: number } = {},
): () => T {
  if (items.length === 0) throw new Error('zipfSampler needs at least one item');
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let r = 0; r < items.length; r++) {
    total += 1 / Math.pow(r + 1 + offset, exponent);
    cumulative[r] = total;
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

/** Draws one of a few outcomes with the given weights (they need not sum to 1). */
export function weighted<T>(outcomes: ReadonlyArray<readonly [T, number]>, random: () => number): () => T {
  const total = outcomes.reduce((s, [, w]) => s + w, 0);
  return () => {
    let x = random() * total;
    for (const [value, w] of outcomes) {
      x -= w;
      if (x < 0) return value;
    }
    return outcomes[outcomes.length - 1]![0];
  };
}

/** The draws a generator makes, bound once to its seeded source. */
export interface Draw {
  random: () => number;
  chance: (p: number) => boolean;
  /** An integer from lo to hi, both included. */
  int: (lo: number, hi: number) => number;
  pick: <T>(list: readonly T[]) => T;
  /** One of a few outcomes by weight, with no set-up: for lists too small to pre-compute. */
  oneOf: <T>(outcomes: ReadonlyArray<readonly [T, number]>) => T;
}

export function draws(random: () => number): Draw {
  return {
    random,
    chance: (p) => random() < p,
    int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(random() * list.length)]!,
    oneOf: (outcomes) => {
      let total = 0;
      for (const [, w] of outcomes) total += w;
      let x = random() * total;
      for (const [value, w] of outcomes) {
        x -= w;
        if (x < 0) return value;
      }
      return outcomes[outcomes.length - 1]![0];
    },
  };
}
