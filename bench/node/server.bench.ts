import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../../lib/api/client';
import { startPgCluster, type PgCluster } from '../../tests/helpers/pg-cluster';
import {
  derivePassword,
  TestUser,
  uniqueEmail,
  type DerivedPassword,
} from '../../tests/server/http/test-user';
import { startServerProcess, type ServerProcess } from '../../tests/server/sync/server-process';
import type { Benchmark, Figure } from '../harness/types';
import { runLoad, type LoadOptions, type LoadSummary } from './server-load';

/**
 * The sync server's throughput (DESIGN §7: ≥ 2,000 no-change pulls/s on this 2-core machine, SQLite), measured
 * with autocannon over loopback against server/main.ts in its own process (so the load generator's event loop
 * is not the server's), with an authenticated session of a real account holding 1,000 items.
 *
 *   server.pull.rps, server.pg.pull.rps   GET /v1/items?since=<head>: the no-change pull every sync starts with;
 *                                         each answer must be exactly the "nothing new" body.
 *   server.push.rps, server.pg.push.rps   POST /v1/items with one change: each connection edits its own item
 *                                         on its current baseRevision, so every push is accepted and written
 *                                         (a durable commit each); an answer that is not "accepted" fails.
 *
 * Any error, timeout, non-2xx answer or unexpected body fails the benchmark (server-load.ts). The server runs
 * with LOG_LEVEL=warn (no access-log line per request) and rate limits scaled out of the way; PostgreSQL is a
 * private cluster (tests/helpers/pg-cluster.ts, fsync on) started for the figure. Set
 * LATCHKEY_BENCH_CPU_PROF=<dir> to have the server write a V8 CPU profile there (node --cpu-prof).
 */
const VAULT_ITEMS = 1_000;
const ITEM_BYTES = 400;
const CONNECTIONS = 10;
const WARMUP_S = 2;
const DURATION_S = 8;
/** DESIGN §7. */
const PULL_TARGET_RPS = 2_000;

type BackendName = 'sqlite' | 'postgres';

export const benchmarks: Benchmark[] = [
  { name: 'server.pull.rps', run: () => pullBenchmark('server.pull.rps', 'sqlite') },
  { name: 'server.push.rps', run: () => pushBenchmark('server.push.rps', 'sqlite') },
  { name: 'server.pg.pull.rps', run: () => pullBenchmark('server.pg.pull.rps', 'postgres') },
  { name: 'server.pg.push.rps', run: () => pushBenchmark('server.pg.push.rps', 'postgres') },
];

interface BenchServer {
  server: ServerProcess;
  token: string;
  session: ApiClient;
  /** Item id → revision, of the 1,000 seeded items. */
  items: Map<string, number>;
}

async function pullBenchmark(name: string, backend: BackendName): Promise<Figure> {
  return withServer(backend, async ({ server, token, session }) => {
    const head = await headRevision(session);
    const url = `${server.url}/v1/items?since=${head}`;
    const headers = { authorization: `Bearer ${token}` };
    const probe = await fetch(url, { headers });
    const expectBody = await probe.text();
    if (
      probe.status !== 200 ||
      expectBody !== JSON.stringify({ items: [], headRevision: head, hasMore: false })
    ) {
      throw new Error(`the no-change pull answered ${probe.status} ${expectBody.slice(0, 200)}`);
    }
    const options = { url, headers, connections: CONNECTIONS, expectBody };
    await runLoad({ ...options, duration: WARMUP_S }, server.pid);
    const load = await runLoad({ ...options, duration: DURATION_S }, server.pid);
    return figure(name, backend, load, {
      request: `GET /v1/items?since=<head> (no change), vault of ${VAULT_ITEMS} items`,
      target: backend === 'sqlite' ? PULL_TARGET_RPS : undefined,
    });
  });
}

async function pushBenchmark(name: string, backend: BackendName): Promise<Figure> {
  return withServer(backend, async ({ server, token, session, items }) => {
    // Each connection edits one item of its own, on the revision its previous push got.
    const own = [...items.entries()].slice(0, CONNECTIONS).map(([id, revision]) => ({ id, revision }));
    const run = async (duration: number) => {
      // Pushes cut off by the end of the previous run may still be committing: once they are done, start
      // from the server's revisions.
      const before = await settledHead(session);
      await refresh(session, own);
      let next = 0;
      const options: LoadOptions = {
        url: `${server.url}/v1/items`,
        method: 'POST',
        connections: CONNECTIONS,
        duration,
        verifyBody: (body) => body.includes('"status":"accepted"'),
        setupClient(client) {
          const item = own[next++ % own.length]!;
          client.setRequests([
            {
              method: 'POST',
              path: '/v1/items',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              setupRequest: (request) => ({
                ...request,
                body: JSON.stringify({
                  changes: [{ id: item.id, baseRevision: item.revision, ciphertext: ciphertext() }],
                }),
              }),
              onResponse(status, body) {
                if (status !== 200) return;
                const { outcomes } = JSON.parse(body) as {
                  outcomes: { revision?: number; current?: { revision: number } | null }[];
                };
                const outcome = outcomes[0];
                // (A conflict fails the run; adopting its revision keeps one from spoiling the rest.)
                const revision = outcome?.revision ?? outcome?.current?.revision;
                if (revision !== undefined) item.revision = revision;
              },
            },
          ]);
        },
      };
      const load = await runLoad(options, server.pid);
      // Every answered push was a write: the counter moved by at least that much (and at most by the pushes
      // still in flight when the run ended).
      const written = (await settledHead(session)) - before;
      if (written < load.requests || written > load.requests + CONNECTIONS) {
        throw new Error(`${load.requests} accepted pushes answered, but the head moved by ${written}`);
      }
      return load;
    };
    await run(WARMUP_S);
    const load = await run(DURATION_S);
    return figure(name, backend, load, {
      request:
        `POST /v1/items, one change: an edit of the connection's own item on its current baseRevision ` +
        `(accepted every time), ${ITEM_BYTES}-byte ciphertext, vault of ${VAULT_ITEMS} items`,
    });
  });
}

function figure(
  name: string,
  backend: BackendName,
  load: LoadSummary,
  context: Record<string, unknown>,
): Figure {
  const { rps, ...rest } = load;
  return {
    name,
    value: rps,
    unit: 'req/s',
    ...context,
    backend,
    ...rest,
    cores: 2,
    note: 'server in its own process, autocannon in the bench process, over 127.0.0.1',
  };
}

let password: Promise<DerivedPassword> | undefined;

/** A server process on fresh storage, with an account signed up over the API and 1,000 items pushed. */
async function withServer<T>(backend: BackendName, measure: (bench: BenchServer) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
  let cluster: PgCluster | undefined;
  let server: ServerProcess | undefined;
  try {
    cluster = backend === 'postgres' ? await startPgCluster() : undefined;
    const profileDir = process.env.LATCHKEY_BENCH_CPU_PROF;
    server = await startServerProcess({
      env: {
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_MULTIPLIER: '1000000',
        ...(cluster ? { DATABASE_URL: cluster.url } : {}),
      },
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    password ??= derivePassword('bench password');
    const user = new TestUser(uniqueEmail('bench'), await password);
    const { session, grant } = await user.signUp(new ApiClient({ baseUrl: server.url }));
    const items = new Map<string, number>();
    for (let pushed = 0; pushed < VAULT_ITEMS; pushed += 500) {
      const changes = Array.from({ length: Math.min(500, VAULT_ITEMS - pushed) }, () => ({
        id: crypto.randomUUID(),
        baseRevision: 0,
        ciphertext: ciphertext(),
      }));
      const answer = await session.call('push', { body: { changes } });
      for (const outcome of answer.outcomes) {
        if (outcome.status !== 'accepted') throw new Error(`seeding: ${outcome.id} was refused`);
        items.set(outcome.id, outcome.revision);
      }
    }
    const result = await measure({ server, token: grant.token, session, items });
    const problems = server.output().match(/^.*"level":"(warn|error)".*$/gm);
    if (problems) throw new Error(`the server logged problems during the run:\n${problems.join('\n')}`);
    return result;
  } finally {
    const stopped = await server?.stop();
    if (stopped && stopped.code !== 0) console.error(`bench server exited ${JSON.stringify(stopped)}`);
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sets each item's revision to the server's (a full pull; the vault is small). */
async function refresh(session: ApiClient, own: { id: string; revision: number }[]): Promise<void> {
  const current = new Map<string, number>();
  let since = 0;
  for (;;) {
    const page = await session.call('pull', { query: { since, limit: 1000 } });
    for (const item of page.items) current.set(item.id, item.revision);
    if (!page.hasMore) break;
    since = page.items.at(-1)!.revision;
  }
  for (const item of own) item.revision = current.get(item.id) ?? item.revision;
}

async function headRevision(session: ApiClient): Promise<number> {
  return (await session.call('pull', { query: { since: Number.MAX_SAFE_INTEGER } })).headRevision;
}

/** The head revision once it stops moving (pushes cut off at the end of a run finish on the server). */
async function settledHead(session: ApiClient): Promise<number> {
  let head = await headRevision(session);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await headRevision(session);
    if (again === head) return head;
    head = again;
  }
}

function ciphertext(): string {
  return randomBytes(ITEM_BYTES).toString('base64url');
}
