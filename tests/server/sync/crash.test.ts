import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { ApiError } from '../../../lib/api/api-error';
import { ApiClient } from '../../../lib/api/client';
import { SQLITE_FILE_NAME } from '../../../server/storage/open-storage';
import { BACKENDS, Databases, type BackendName } from '../http/harness';
import { derivePassword, TestUser, uniqueEmail, type DerivedPassword } from '../http/test-user';
import { startServerProcess, type ServerProcess } from './server-process';

/**
 * Issue 3's crash test, end to end: the real server process (server/main.ts), a few clients pushing batches of
 * new items to one account over HTTP, and SIGKILL in the middle of that stream, several times, restarting the
 * server on the same storage each time. Each item's ciphertext names its batch and its index in it, so after
 * every restart the stored items can be counted per batch: every batch is there in full or not at all, every
 * batch whose answer arrived is there (with the revisions the answer gave), a batch lost in a crash stays lost,
 * revisions are exactly 1..head, and the server came back cleanly (no warning or error in its log).
 */
const KILLS = 3;
const CLIENTS = 3;
const BATCH_SIZE = 100;

const databases = new Databases();
let password: DerivedPassword;

beforeAll(async () => {
  password = await derivePassword('sync crash password');
});
afterAll(() => databases.stop());

type BatchState =
  /** Sent; the server died before answering: applied or not, and the next check decides which. */
  | 'in-flight'
  | 'acknowledged'
  /** In flight at a kill, and found in full after the restart: it must stay. */
  | 'applied'
  /** In flight at a kill, and not found after the restart: it must never appear. */
  | 'lost';

interface Batch {
  id: number;
  state: BatchState;
  /** Item id → revision, from the push's answer (acknowledged batches). */
  revisions: Map<string, number>;
}

/** The ciphertext of item `index` of batch `batch`: a readable tag, then random bytes (an AEAD box's size). */
function ciphertext(batch: number, index: number): string {
  return Buffer.concat([Buffer.from(`batch ${batch} item ${index};`), randomBytes(48)]).toString('base64url');
}

function tagOf(ciphertext: string | null): { batch: number; index: number } | null {
  const match = /^batch (\d+) item (\d+);/.exec(
    Buffer.from(ciphertext ?? '', 'base64url').toString('latin1'),
  );
  return match ? { batch: Number(match[1]), index: Number(match[2]) } : null;
}

/** A client pushing batch after batch until the server goes away under it. */
async function pushUntilTheServerDies(session: ApiClient, batches: Batch[]): Promise<void> {
  for (;;) {
    const batch: Batch = { id: batches.length, state: 'in-flight', revisions: new Map() };
    batches.push(batch);
    const changes = Array.from({ length: BATCH_SIZE }, (_, index) => ({
      id: randomUUID(),
      baseRevision: 0,
      ciphertext: ciphertext(batch.id, index),
    }));
    let answer;
    try {
      answer = await session.call('push', { body: { changes } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'network') return; // killed: this batch stays in flight
      throw error;
    }
    for (const outcome of answer.outcomes) {
      if (outcome.status !== 'accepted') throw new Error(`batch ${batch.id}: ${outcome.id} was refused`);
      batch.revisions.set(outcome.id, outcome.revision);
    }
    batch.state = 'acknowledged';
  }
}

/** Pulls every item and checks the batches against what the clients know; updates the in-flight ones. */
async function checkBatches(session: ApiClient, batches: readonly Batch[]): Promise<{ items: number }> {
  const items = [];
  let since = 0;
  for (;;) {
    const page = await session.call('pull', { query: { since, limit: 1000 } });
    items.push(...page.items);
    if (!page.hasMore) {
      expect(page.headRevision, 'head revision = number of items (one write each)').toBe(items.length);
      break;
    }
    since = page.items.at(-1)!.revision;
  }
  expect(
    items.map((item) => item.revision),
    'revisions are exactly 1..head, each once',
  ).toEqual(Array.from({ length: items.length }, (_, i) => i + 1));

  const found = new Map<number, Map<number, { id: string; revision: number }>>();
  for (const item of items) {
    const tag = tagOf(item.ciphertext);
    if (!tag) throw new Error(`item ${item.id} has no batch tag`);
    const batch = found.get(tag.batch) ?? new Map<number, { id: string; revision: number }>();
    expect(batch.has(tag.index), `batch ${tag.batch} item ${tag.index} stored twice`).toBe(false);
    batch.set(tag.index, { id: item.id, revision: item.revision });
    found.set(tag.batch, batch);
  }
  for (const [id, stored] of found) {
    expect(stored.size, `batch ${id}: items stored`).toBe(BATCH_SIZE);
    expect(batches[id], `batch ${id} was never sent`).toBeDefined();
  }
  for (const batch of batches) {
    const stored = found.get(batch.id);
    switch (batch.state) {
      case 'acknowledged':
        expect(stored, `acknowledged batch ${batch.id}`).toBeDefined();
        expect(
          new Map([...stored!.values()].map((item) => [item.id, item.revision])),
          `batch ${batch.id}'s revisions`,
        ).toEqual(batch.revisions);
        break;
      case 'applied':
        expect(stored, `batch ${batch.id}, applied before a crash`).toBeDefined();
        break;
      case 'lost':
        expect(stored, `batch ${batch.id}, lost in a crash`).toBeUndefined();
        break;
      case 'in-flight':
        batch.state = stored ? 'applied' : 'lost';
        break;
    }
  }
  return { items: items.length };
}

describe.each(BACKENDS)('%s: the server SIGKILLed in the middle of pushes', (backend: BackendName) => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-sync-crash-'));
    const databaseUrl = backend === 'postgres' ? await databases.url() : undefined;
    env = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      RATE_LIMIT_MULTIPLIER: '1000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
  }, 30_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test(`${KILLS} kills during pushes of ${BATCH_SIZE}-item batches from ${CLIENTS} clients: every batch all or nothing`, async () => {
    const outputs: string[] = [];
    onTestFailed(() => console.log(`server output:\n${outputs.join('\n---\n')}`));
    let server: ServerProcess = await startServerProcess({ env });
    const user = new TestUser(uniqueEmail('crash'), password);
    const { grant } = await user.signUp(new ApiClient({ baseUrl: server.url }));
    const batches: Batch[] = [];
    const inFlightAtKills: string[] = [];

    for (let kill = 1; kill <= KILLS; kill++) {
      const session = new ApiClient({ baseUrl: server.url, token: grant.token });
      const before = batches.filter((b) => b.state === 'acknowledged').length;
      let clientsStopped = false;
      const clients = Promise.all(
        Array.from({ length: CLIENTS }, () => pushUntilTheServerDies(session, batches)),
      ).finally(() => (clientsStopped = true));
      // Let the stream get going, then kill at a random moment inside it.
      const acknowledged = () => batches.filter((b) => b.state === 'acknowledged').length;
      while (!clientsStopped && acknowledged() < before + 2 * CLIENTS) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      if (clientsStopped) {
        await clients; // a client's failure, if that is why
        throw new Error('the clients stopped pushing before the kill');
      }
      await new Promise((resolve) => setTimeout(resolve, randomInt(0, 40)));
      await server.kill();
      expect((await server.exited).signal).toBe('SIGKILL');
      outputs.push(server.output());
      await clients;

      // Restarted on the same storage: it must come up cleanly and hold every batch whole or not at all.
      server = await startServerProcess({ env });
      const inFlight = batches.filter((b) => b.state === 'in-flight');
      await checkBatches(new ApiClient({ baseUrl: server.url, token: grant.token }), batches);
      inFlightAtKills.push(`${inFlight.filter((b) => b.state === 'applied').length}/${inFlight.length}`);
      const startLog = server.output();
      expect(startLog).toMatch(/"msg":"listening"/);
      expect(startLog).not.toMatch(/"level":"(warn|error)"/);
    }

    const { items } = await checkBatches(new ApiClient({ baseUrl: server.url, token: grant.token }), batches);
    const stopped = await server.stop();
    outputs.push(server.output());
    expect(stopped).toEqual({ code: 0, signal: null });
    if (backend === 'sqlite') {
      const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
      try {
        expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        db.close();
      }
    }
    const count = (state: BatchState) => batches.filter((b) => b.state === state).length;
    console.log(
      `${backend}: ${KILLS} kills, ${batches.length} batches sent: ${count('acknowledged')} acknowledged, ` +
        `in flight at each kill (applied/all): ${inFlightAtKills.join(', ')}; ${items} items stored`,
    );
    expect(count('in-flight')).toBe(0);
  }, 60_000);
});
