import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS, Databases, startServer, type BackendName, type TestServer } from '../http/harness';
import { derivePassword, TestUser, uniqueEmail, type DerivedPassword } from '../http/test-user';
import { SyncDevice, versionOf } from './sync-device';
import { verifySyncHistory } from './sync-history';

/**
 * Issue 3's concurrency test, end to end: one account, 20 devices, each signed in with its own session by a
 * real OPAQUE login, syncing ~30 shared items through the real server over HTTP for a few seconds (pull since
 * the cursor, edit or delete, push on the known base revision, adopt the server's version on a conflict and
 * edit again later). Then every device catches up, and the history is checked (sync-history.ts): no duplicate
 * revision, no lost write, every refused change reported as a conflict with the server's current row, and all
 * devices hold exactly what the server holds.
 */
const DEVICES = 20;
const ITEMS = 30;
const DURATION_MS = 3_000;
/** Each device keeps going past the time until it has pushed this often (about 15 in 3 s here). */
const MIN_PUSHES = 8;

const databases = new Databases();
let password: DerivedPassword;

beforeAll(async () => {
  // The one Argon2id run of the file: every login reuses the derived key.
  password = await derivePassword('sync concurrency password');
});
afterAll(() => databases.stop());

describe.each(BACKENDS)('%s: 20 devices syncing one account over HTTP', (backend: BackendName) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 30_000);
  afterAll(() => server?.stop());

  test(`${DEVICES} devices for ${DURATION_MS / 1000} s: unique revisions, no lost write, conflicts reported, convergence`, async () => {
    const started = performance.now();
    const user = new TestUser(uniqueEmail('sync'), password);
    await user.signUp(server.api, 'device 0');
    const logins = await Promise.all(
      Array.from({ length: DEVICES }, (_, d) => user.logIn(server.api, { deviceName: `device ${d}` })),
    );
    const itemIds = Array.from({ length: ITEMS }, () => randomUUID());
    const devices = logins.map((login, d) => {
      if (!login) throw new Error(`device ${d} could not log in`);
      return new SyncDevice(`d${d}`, login.session, itemIds);
    });
    expect(new Set(logins.map((login) => login?.grant.token)).size).toBe(DEVICES);
    const signedIn = performance.now();

    const until = Date.now() + DURATION_MS;
    const runs = await Promise.allSettled(devices.map((device) => device.run(until, MIN_PUSHES)));
    const failed = runs.find((run) => run.status === 'rejected');
    if (failed) throw failed.reason;

    // Everyone catches up once the pushing is over.
    await Promise.all(devices.map((device) => device.pullToHead()));
    const final = await server.storage.pull(user.accountId, 0, 100_000);
    expect(final.hasMore).toBe(false);
    const serverState = final.items.map(versionOf);

    const logs = devices.map((device) => device.log);
    expect(verifySyncHistory(logs, { items: serverState, headRevision: final.headRevision })).toEqual([]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const expected = [...serverState].sort(byId);
    for (const device of devices) {
      expect([...device.copy.values()].sort(byId), `${device.log.name}'s copy`).toEqual(expected);
      expect(device.cursor, `${device.log.name}'s cursor`).toBe(final.headRevision);
    }

    const total = (key: 'pulls' | 'pushes' | 'changes' | 'deletes') =>
      logs.reduce((sum, log) => sum + log[key], 0);
    const accepted = logs.reduce((sum, log) => sum + log.accepted.length, 0);
    const conflicts = logs.reduce((sum, log) => sum + log.conflicts.length, 0);
    const acceptedDeletes = logs.reduce((sum, log) => sum + log.accepted.filter((w) => w.deleted).length, 0);
    console.log(
      `${backend}: ${DEVICES} devices, ${total('pushes')} pushes of ${total('changes')} changes ` +
        `(${total('deletes')} deletes): ${accepted} accepted (${acceptedDeletes} deletes), ${conflicts} conflicts; ` +
        `${total('pulls')} pulls; head ${final.headRevision}, ${final.items.length} items ` +
        `(${final.items.filter((i) => i.deleted).length} tombstones); sign-in ${Math.round(signedIn - started)} ms, ` +
        `total ${Math.round(performance.now() - started)} ms`,
    );

    // The run did what it claims: every device pushed and pulled, and both outcomes (and deletes) were common.
    for (const log of logs) expect(log.pulls, `${log.name}'s pulls`).toBeGreaterThanOrEqual(MIN_PUSHES);
    expect(logs.filter((log) => log.accepted.length > 0).length).toBeGreaterThanOrEqual(DEVICES - 2);
    expect(accepted).toBe(final.headRevision);
    expect(accepted).toBeGreaterThan(100);
    expect(conflicts).toBeGreaterThan(30);
    expect(acceptedDeletes).toBeGreaterThan(5);
  }, 30_000);
});
