import { errorFields, type Logger } from './logger';

/**
 * Work in progress, so a shutdown can wait for it (DESIGN §3: graceful shutdown finishes in-flight
 * transactions). Requests are tracked from the first middleware to the response; background tasks (mail sent
 * after answering, so that timing does not reveal whether an account exists) until they settle. Node's
 * server.close() only waits for sockets; a request whose client went away keeps running, and it is counted here.
 */
export interface Lifecycle {
  /** True once shutdown began: responses then ask clients to close their connections. */
  readonly draining: boolean;
  startDraining(): void;
  track<T>(work: Promise<T>): Promise<T>;
  /** Runs `task` after the current response; failures are logged under `name`, never thrown. */
  runInBackground(name: string, task: () => Promise<void>): void;
  /** Resolves when nothing is in progress (tracked requests and background tasks). */
  idle(): Promise<void>;
}

export function createLifecycle(logger: Logger): Lifecycle {
  const pending = new Set<Promise<unknown>>();
  let draining = false;

  function track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    pending.add(settled);
    void settled.then(() => pending.delete(settled));
    return work;
  }

  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
    track,
    runInBackground(name, task) {
      track(
        Promise.resolve()
          .then(task)
          .catch((error: unknown) =>
            logger.error('background task failed', { task: name, ...errorFields(error) }),
          ),
      );
    },
    async idle() {
      // A finishing task may start another (none do today); loop until the set stays empty.
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
