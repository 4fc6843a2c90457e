import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { ApiClient } from '../../../lib/api/client';
import { createApp } from '../../../server/app';
import { loadConfig, type Config } from '../../../server/config';
import { createLifecycle, type Lifecycle } from '../../../server/lifecycle';
import { createLogger } from '../../../server/logger';
import { createMailer, type Mailer } from '../../../server/mail/mailer';
import { loadServerSecrets, type ServerSecrets } from '../../../server/server-secrets';
import { openStorage } from '../../../server/storage/open-storage';
import type { Storage } from '../../../server/storage/storage';
import { startPgCluster, type PgCluster } from '../../helpers/pg-cluster';
import { leaves, parseMime } from '../mail/mime';

/**
 * A real server for the HTTP tests: createApp with real storage (SQLite in a temp dir, or a database in a
 * private PostgreSQL cluster), the real mailer in outbox mode, served by @hono/node-server on 127.0.0.1:0.
 * Only the clock is the test's: it can be moved forward to expire sessions and codes.
 */
export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: BackendName[] = ['sqlite', 'postgres'];

export class TestClock {
  offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestServer {
  baseUrl: string;
  /** A client without a session. */
  api: ApiClient;
  storage: Storage;
  secrets: ServerSecrets;
  dataDir: string;
  /** The PostgreSQL database, when backend is postgres. */
  databaseUrl: string | undefined;
  clock: TestClock;
  config: Config;
  lifecycle: Lifecycle;
  /** Every log line the server wrote. */
  logs: string[];
  /** Reset codes and kit emails the outbox received, oldest first (waits for background mail). */
  outbox(): Promise<OutboxMail[]>;
  stop(): Promise<void>;
}

export interface OutboxMail {
  file: string;
  raw: string;
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; bytes: number }[];
}

/** One PostgreSQL cluster per test file; each server gets a database of its own. */
export class Databases {
  #cluster: Promise<PgCluster> | undefined;

  async url(): Promise<string> {
    this.#cluster ??= startPgCluster();
    return (await this.#cluster).createDatabase();
  }

  async stop(): Promise<void> {
    if (this.#cluster) await (await this.#cluster).stop();
  }
}

export interface StartOptions {
  backend: BackendName;
  databases: Databases;
  env?: Record<string, string>;
  mailer?: (dataDir: string, log: (line: string) => void) => Mailer;
}

export async function startServer(options: StartOptions): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-http-'));
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const databaseUrl = options.backend === 'postgres' ? await options.databases.url() : undefined;
  // Rate limits are exercised in hardening.test.ts; elsewhere many logins from 127.0.0.1 must not trip them.
  const config = loadConfig({ DATA_DIR: dataDir, RATE_LIMIT_MULTIPLIER: '1000', ...options.env });
  const clock = new TestClock();
  const storage = await openStorage({ databaseUrl, dataDir });
  const secrets = await loadServerSecrets({
    storage,
    opaqueServerSetup: undefined,
    now: clock.now(),
    logger,
  });
  const outboxDir = join(dataDir, 'outbox');
  const mailLog = (line: string) => logger.info(line);
  const mailer =
    options.mailer?.(dataDir, mailLog) ??
    createMailer({ outboxDir, from: 'Latchkey <no-reply@latchkey.test>', log: mailLog });
  const lifecycle = createLifecycle(logger);
  const app = createApp({ storage, mailer, secrets, clock, logger, config, lifecycle });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    api: new ApiClient({ baseUrl }),
    storage,
    secrets,
    dataDir,
    databaseUrl,
    clock,
    config,
    lifecycle,
    logs,
    async outbox() {
      await lifecycle.idle();
      let files: string[];
      try {
        files = readdirSync(outboxDir)
          .filter((f) => f.endsWith('.eml'))
          .sort();
      } catch {
        return [];
      }
      return files.map((file) => readMail(join(outboxDir, file)));
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await lifecycle.idle();
      await mailer.close();
      // A test may have closed it already (outage.test.ts); closing twice is not what is under test.
      await storage.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function readMail(file: string): OutboxMail {
  const raw = readFileSync(file, 'latin1');
  const message = parseMime(raw);
  const parts = leaves(message);
  const text = parts.find((p) => p.contentType === 'text/plain' && p.disposition !== 'attachment');
  return {
    file,
    raw,
    to: message.headers.get('to')?.[0] ?? '',
    subject: message.headers.get('subject')?.[0] ?? '',
    text: text?.body.toString('utf8') ?? '',
    attachments: parts
      .filter((p) => p.params.name !== undefined || p.dispositionParams.filename !== undefined)
      .map((p) => ({
        filename: p.dispositionParams.filename ?? p.params.name ?? '',
        contentType: p.contentType,
        bytes: p.body.length,
      })),
  };
}

/** The reset code in a reset email's text part. */
export function resetCodeIn(mail: OutboxMail): string {
  const match = /\b([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5})\b/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no reset code in ${mail.file}`);
  return match[1];
}
