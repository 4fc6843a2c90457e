import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLifecycle } from './lifecycle';
import { createLogger, errorFields } from './logger';
import { createMailer } from './mail/mailer';
import { loadServerSecrets } from './server-secrets';
import { openStorage } from './storage/open-storage';

/**
 * The sync server process (`npm start`, via scripts/start.mjs): reads the environment, opens storage and the
 * mailer, serves the app, and shuts down gracefully on SIGTERM/SIGINT — stop accepting connections, let
 * in-flight requests (and their transactions) and background mail finish, then close storage and the mailer.
 */
const PURGE_INTERVAL_MS = 10 * 60_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`latchkey server: ${error.message}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: config.logLevel });
  const clock = { now: () => new Date() };
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const secrets = await loadServerSecrets({
    storage,
    opaqueServerSetup: config.opaqueServerSetup,
    now: clock.now(),
    logger,
  });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    outboxDir: join(config.dataDir, 'outbox'),
    from: config.mailFrom,
    log: (line) => logger.info(line),
  });
  const lifecycle = createLifecycle(logger);
  const app = createApp({ storage, mailer, secrets, clock, logger, config, lifecycle });

  const server = serve(
    { fetch: app.fetch, hostname: config.host, port: config.port },
    (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      // No secrets here: not the database URL or SMTP URL (they hold passwords), only what kind they are.
      logger.info('listening', {
        url: `http://${host}:${info.port}`,
        storage: storage.kind,
        mail: config.smtpUrl ? 'smtp' : 'outbox',
        opaqueSetup: config.opaqueServerSetup ? 'environment' : 'storage',
      });
    },
  );

  // Expired login attempts, sign-ups, reset codes and rate-limit windows; any instance may do it.
  const purge = setInterval(() => {
    lifecycle.runInBackground('purge expired', () => storage.purgeExpired(clock.now()));
  }, PURGE_INTERVAL_MS);
  purge.unref();

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    clearInterval(purge);
    lifecycle.startDraining();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    const grace = setTimeout(() => {
      logger.warn('shutdown grace period over: closing remaining connections');
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, config.shutdownGraceSeconds * 1000);
    grace.unref();
    await closed;
    // Requests whose client went away still run to the end (their transactions included).
    await lifecycle.idle();
    clearTimeout(grace);
    await mailer.close();
    await storage.close();
    logger.info('stopped');
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', errorFields(error));
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `latchkey server failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
