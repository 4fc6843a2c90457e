/**
 * All-or-nothing IndexedDB transactions for the vault store. TOOLCHAIN.md: a transaction costs ~0.7 ms in
 * Chromium whatever it holds, so every operation issues all its requests in one transaction and awaits them
 * together, rather than one request (or one transaction) at a time.
 */

/** The part of idb's IDBPTransaction this needs. */
export interface Transaction {
  readonly done: Promise<void>;
  abort(): void;
}

/** Registers a request of the transaction, so it is awaited (and its failure reported) before committing. */
export type Track = <R>(request: Promise<R>) => Promise<R>;

/**
 * Runs `body` inside `tx` and resolves once every tracked request succeeded and the transaction committed.
 * If anything throws (a request, `body` itself, or the commit), the transaction is aborted, so none of its
 * writes reach the disk (IndexedDB 3.0, "abort a transaction": every change is reverted), and the first
 * error is rethrown.
 *
 * `body` may await tracked requests (that keeps the transaction active) but nothing else: awaiting a timer
 * or a fetch would let the transaction auto-commit midway.
 */
export async function inTransaction<T>(tx: Transaction, body: (track: Track) => Promise<T>): Promise<T> {
  const requests: Promise<unknown>[] = [];
  const track: Track = (request) => {
    // Handled here too, so a request that fails while `body` awaits another one is not an unhandled
    // rejection; the failure still reaches the caller through Promise.all below.
    request.catch(() => undefined);
    requests.push(request);
    return request;
  };
  try {
    const result = await body(track);
    await Promise.all(requests);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted (a failed request aborts it) or finished: nothing left to undo.
    }
    await Promise.allSettled([...requests, tx.done]);
    throw error;
  }
}
