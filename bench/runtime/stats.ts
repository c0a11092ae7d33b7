/**
 * Summary statistics of timed samples for the runtime bench: median and p95 by nearest rank.
 *
 * @module
 */

/** A summary of timed samples in milliseconds. */
export interface Summary {
  /** How many samples. */
  n: number;
  median: number;
  /** The 95th percentile (nearest rank: the smallest sample with at least 95 % of them at or below it). */
  p95: number;
  min: number;
  max: number;
}

/**
 * The `p`-th percentile of `values` by nearest rank.
 *
 * @param values Samples, in any order (not changed).
 * @param p From 0 to 100.
 * @throws {RangeError} When `values` is empty or `p` is outside 0..100.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of no values");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0..100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The median of `values`: the middle one, or the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, p95, min and max of `values` (at least one). */
export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
