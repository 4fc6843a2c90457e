import { pullAll } from './pull';
import { pushOutbox } from './push';
import { reportOf, startPass } from './sync-pass';
import type { SyncEngineDeps, SyncReport } from './sync-types';

/**
 * One sync pass (DESIGN §4; the algorithm, merge rules and crash safety are in lib/sync/PROTOCOL.md): pull
 * every page since the cursor and merge it with the outbox, then push the outbox and merge the conflicts.
 *
 * Network and HTTP failures are thrown as the ApiError the server call threw; retry, backoff and session
 * errors are the caller's (lib/sync/sync-scheduler.ts). Every step is one store.write, so a failure anywhere
 * leaves the store consistent and the next pass continues where this one stopped. One pass at a time per
 * store: the caller runs them single-flight.
 */
export async function syncOnce(deps: SyncEngineDeps): Promise<SyncReport> {
  const pass = startPass(deps, await deps.store.cursor());
  await pullAll(pass);
  const pending = await pushOutbox(pass);
  return reportOf(pass, pending);
}
