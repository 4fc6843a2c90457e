import type { Benchmark } from './types';

/**
 * The benchmarks a bench file exports, checked: `benchmarks` must be an array of `{ name, run }` with
 * distinct non-empty names. Runs in Node (the child process) and in the page (bundled into each entry).
 */
export function benchmarksOf(file: string, module: Record<string, unknown>): Benchmark[] {
  const list = module.benchmarks;
  if (!Array.isArray(list)) throw new TypeError(`${file} does not export \`benchmarks: Benchmark[]\``);
  const seen = new Set<string>();
  for (const item of list as unknown[]) {
    const { name, run } = (item ?? {}) as Partial<Benchmark>;
    if (typeof name !== 'string' || name === '' || typeof run !== 'function') {
      throw new TypeError(`${file}: every benchmark needs a non-empty \`name\` and a \`run()\` function`);
    }
    if (seen.has(name)) throw new TypeError(`${file}: two benchmarks are named ${name}`);
    seen.add(name);
  }
  return list as Benchmark[];
}

/** Runs the benchmark called `name` (the runner only asks for names it was given); never throws synchronously. */
export async function runBenchmark(list: readonly Benchmark[], name: string): Promise<unknown> {
  const benchmark = list.find((b) => b.name === name);
  if (!benchmark) throw new RangeError(`no benchmark named ${name}`);
  return await benchmark.run();
}
