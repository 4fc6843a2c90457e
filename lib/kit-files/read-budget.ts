/**
 * The time a file read may take in total, shared by its stages (decode, retry larger, next page), and the
 * caller's abort signal. Each QR decode gets a slice of what is left, so one slow stage cannot starve the
 * retries that read what it missed, and the whole read ends close to the deadline.
 */
export class ReadBudget {
  private readonly deadline: number;

  constructor(
    totalMs: number,
    readonly signal: AbortSignal | undefined,
  ) {
    this.deadline = performance.now() + totalMs;
  }

  remaining(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  /** True when less than `ms` is left: too little to start another stage. */
  nearlySpent(ms: number): boolean {
    return this.remaining() < ms;
  }

  /** Throws the abort reason if the caller aborted. */
  check(): void {
    this.signal?.throwIfAborted();
  }

  /**
   * Resolves with the promise's value, or with `undefined` once the budget is spent; rejects with the abort
   * reason on abort. For steps that cannot be interrupted (pdf.js work): their result is then ignored.
   */
  async race<T>(promise: Promise<T>): Promise<T | undefined> {
    this.check();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const timeout = new Promise<undefined>((resolve, reject) => {
      timer = setTimeout(() => resolve(undefined), this.remaining());
      onAbort = () => reject(this.signal?.reason);
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
      if (onAbort) this.signal?.removeEventListener('abort', onAbort);
    }
  }
}
