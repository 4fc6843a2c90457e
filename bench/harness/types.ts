/**
 * One printed figure: `npm run bench` prints each as one JSON line.
 * `name` is stable (budgets and notes refer to it); anything else is context (sizes, runs, spread).
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  [context: string]: unknown;
}

/**
 * A benchmark. Files `bench/node/*.bench.ts` run in Node; files `bench/browser/*.bench.ts` are bundled and
 * run in a page of real Chromium served from loopback (a secure context, like an extension page).
 * Each exports `benchmarks: Benchmark[]`. `npm run bench -- <text>` runs those whose name contains <text>.
 */
export interface Benchmark {
  /** The name of the figure it reports (or the prefix shared by the figures, when it reports several). */
  name: string;
  run(): Promise<Figure | Figure[]>;
}

/** Median of a list of numbers (the figure benches report; the spread goes in the context). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the timings in ms. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}
