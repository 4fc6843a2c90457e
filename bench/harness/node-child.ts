import { pathToFileURL } from 'node:url';
import { benchmarksOf, runBenchmark } from './bench-module';
import { describeError } from './figures';
import type { Benchmark } from './types';

/**
 * One Node bench file in its own process (forked by node-runner.ts with tsx loaded), so that a benchmark
 * that hangs can be killed and no benchmark inherits another file's heap or JIT state.
 * Protocol over the IPC channel: child → `names` | `load-error`; parent → `run`; child → `result` | `error`.
 * The child's stdout is the parent's stderr: whatever a benchmark prints never reaches the figures.
 */
export type ChildMessage =
  | { type: 'names'; names: string[] }
  | { type: 'load-error'; error: string }
  | { type: 'result'; name: string; figures: unknown }
  | { type: 'error'; name: string; error: string };

export interface RunRequest {
  type: 'run';
  name: string;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(file: string): Promise<void> {
  let benchmarks: Benchmark[];
  try {
    benchmarks = benchmarksOf(file, (await import(pathToFileURL(file).href)) as Record<string, unknown>);
  } catch (error) {
    send({ type: 'load-error', error: describeError(error) });
    process.disconnect?.();
    return;
  }
  process.on('message', (message: RunRequest) => {
    const { name } = message;
    runBenchmark(benchmarks, name).then(
      (figures) => send({ type: 'result', name, figures }),
      (error: unknown) => send({ type: 'error', name, error: describeError(error) }),
    );
  });
  send({ type: 'names', names: benchmarks.map((b) => b.name) });
}

const file = process.argv[2];
if (!file || !process.send) {
  console.error('node-child.ts is forked by bench/run.ts, with the bench file as its argument');
  process.exit(2);
}
await main(file);
