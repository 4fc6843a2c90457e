import { createHash } from 'node:crypto';
import { median, timeRuns, type Benchmark } from '../harness/types';

/**
 * Checks the runner itself (`npm run bench -- selftest`): a trivial Node figure. Its partner in
 * bench/browser/runner-selftest.bench.ts checks the Chromium side and `?url` asset imports.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'bench.selftest.node.sha256-1mib',
    async run() {
      const data = new Uint8Array(1 << 20).fill(7);
      const times = await timeRuns(() => createHash('sha256').update(data).digest(), 20, 3);
      return {
        name: 'bench.selftest.node.sha256-1mib',
        value: round(median(times)),
        unit: 'ms',
        runs: times.length,
      };
    },
  },
];

/** Two decimals: the spread between runs is larger than that. */
function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
