/** Thrown when a benchmark (or loading its file) runs past the runner's time limit. */
export class TimeLimitError extends Error {
  override name = 'TimeLimitError';
}

/**
 * Settles like `promise`, or rejects with a TimeLimitError after `ms`. The work itself is not stopped: the
 * caller kills the process or browser context that runs it.
 */
export function withTimeLimit<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
