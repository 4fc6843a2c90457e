import type { Figure } from './types';

/** Where a figure was measured; the runner adds it to every figure's context. */
export type Where = 'node' | 'chromium';

/**
 * Checks what a benchmark returned (it crossed a process or page boundary, so it is `unknown`) and returns
 * its figures, or throws a TypeError that names the benchmark and what is wrong.
 */
export function parseFigures(benchmark: string, returned: unknown): Figure[] {
  const list = Array.isArray(returned) ? (returned as unknown[]) : [returned];
  if (list.length === 0) throw new TypeError(`benchmark ${benchmark} returned no figures`);
  return list.map((item) => {
    if (typeof item !== 'object' || item === null) {
      throw new TypeError(`benchmark ${benchmark} returned ${JSON.stringify(item)}, not a figure`);
    }
    const { name, value, unit } = item as Partial<Figure>;
    if (typeof name !== 'string' || name === '')
      throw new TypeError(`benchmark ${benchmark}: a figure has no name`);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(
        `benchmark ${benchmark}: figure ${name} has value ${String(value)}, not a finite number`,
      );
    }
    if (typeof unit !== 'string' || unit === '')
      throw new TypeError(`benchmark ${benchmark}: figure ${name} has no unit`);
    return item as Figure;
  });
}

/** The one stdout line for a figure: name, value and unit first, then its context, then where it ran. */
export function figureLine(figure: Figure, where: Where): string {
  const { name, value, unit, ...context } = figure;
  return JSON.stringify({ name, value, unit, ...context, where });
}

/**
 * A bench file or benchmark threw, or returned something that is not a figure, where it ran (child process
 * or page). Its message is the bench code's own stack, and the process or page it ran in is still usable.
 */
export class BenchmarkFailure extends Error {
  override name = 'BenchmarkFailure';
}

/** A thrown value as text for stderr: the stack when there is one (it starts with the message). */
export function describeError(error: unknown): string {
  if (error instanceof BenchmarkFailure) return error.message;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
