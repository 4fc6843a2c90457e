import type { Figure } from './types';
import type { Where } from './figures';

/** What bench/run.ts hands to the Node and Chromium runners. */
export interface RunOptions {
  /** A benchmark runs when its name contains this text ('' selects all). */
  filter: string;
  /** List the selected benchmarks instead of running them. */
  listOnly: boolean;
  /** Per-benchmark time limit, also applied to loading a bench file. */
  timeoutMs: number;
  /** Called with each figure as soon as it is measured. */
  report(figure: Figure, where: Where): void;
  /** Progress and errors (stderr). */
  log(message: string): void;
}

/** What a runner did: every benchmark name it found, the ones it ran, and what failed (benchmark or file). */
export interface RunOutcome {
  names: string[];
  selected: string[];
  failures: string[];
}

export function emptyOutcome(): RunOutcome {
  return { names: [], selected: [], failures: [] };
}
