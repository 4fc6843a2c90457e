/**
 * Signing in on a new device takes two steps: email + password (signIn.begin), then the Authentication Kit from
 * a camera, an image, a PDF or a key file (signIn.authenticate), which may take the user a few minutes to find.
 * The password is needed again at step two (it opens the kit), so it is held here in between: in the
 * background's memory only, never in any storage, and for at most ten minutes. After that, or on cancel, or
 * when the worker stops, it is gone and the user starts over. (JavaScript strings cannot be zeroed; dropping
 * the only reference is what there is.)
 */

/** How long a started sign-in waits for its kit. */
export const PENDING_SIGN_IN_TTL_MS = 10 * 60_000;

/**
 * Chrome stops an extension service worker after 30 s without events, and calling an extension API resets that
 * count; Chrome's lifecycle guide keeps a worker alive through a long task by calling one every 25 s. A pending
 * sign-in is such a task (bounded by the ten minutes), or the password would be gone while the user looks for
 * the kit with the popup closed.
 */
export const KEEP_ALIVE_INTERVAL_MS = 25_000;

export interface PendingSignIn {
  serverUrl: string;
  email: string;
  password: string;
}

export interface PendingClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: PendingClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface PendingSignInOptions {
  clock?: PendingClock;
  ttlMs?: number;
  /** A cheap extension API call (runtime.getPlatformInfo) that keeps the worker alive; none in tests. */
  keepAlive?: () => unknown;
}

export class PendingSignInSlot {
  #pending: { value: PendingSignIn; expiresAt: number } | null = null;
  #expiry: unknown;
  #heartbeat: unknown;
  readonly #clock: PendingClock;
  readonly #ttlMs: number;
  readonly #keepAlive: (() => unknown) | undefined;

  constructor(options: PendingSignInOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#ttlMs = options.ttlMs ?? PENDING_SIGN_IN_TTL_MS;
    this.#keepAlive = options.keepAlive;
  }

  begin(value: PendingSignIn): void {
    this.clear();
    this.#pending = { value: { ...value }, expiresAt: this.#clock.now() + this.#ttlMs };
    // Drops the password on time even if nobody asks for it again.
    this.#expiry = this.#clock.setTimeout(() => this.clear(), this.#ttlMs);
    this.#beat();
  }

  /** The sign-in in progress, or null when there is none or it is older than the time limit. */
  get(): PendingSignIn | null {
    if (this.#pending === null) return null;
    if (this.#clock.now() >= this.#pending.expiresAt) {
      this.clear();
      return null;
    }
    return this.#pending.value;
  }

  clear(): void {
    for (const handle of [this.#expiry, this.#heartbeat]) {
      if (handle !== undefined) this.#clock.clearTimeout(handle);
    }
    this.#expiry = undefined;
    this.#heartbeat = undefined;
    this.#pending = null;
  }

  #beat(): void {
    const keepAlive = this.#keepAlive;
    if (keepAlive === undefined) return;
    this.#heartbeat = this.#clock.setTimeout(() => {
      if (this.get() === null) return;
      try {
        void Promise.resolve(keepAlive()).catch(() => undefined);
      } catch {
        // A failed heartbeat only risks the worker stopping early: the user then types the password again.
      }
      this.#beat();
    }, KEEP_ALIVE_INTERVAL_MS);
  }
}
