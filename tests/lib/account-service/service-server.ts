import { ApiClient } from '../../../lib/api/client';
import { ApiError } from '../../../lib/api/api-error';
import type { AccountServiceDeps } from '../../../lib/account-service/deps';
import { ARGON2ID_MIN } from '../../../lib/crypto/argon2id';
import { Databases, startServer, type StartOptions, type TestServer } from '../../server/http/harness';

/**
 * The real sync server (tests/server/http/harness.ts: SQLite in a temp dir, outbox mailer, a movable clock) and
 * the deps an account operation takes, as the background would build them but with the KDF floor (ARGON2ID_MIN)
 * for the kit too, so a test runs a few Argon2ids at ~0.1–0.3 s each instead of the heavier QR default.
 */
export interface ServiceServer {
  server: TestServer;
  serverUrl: string;
  /** The deps of one browser ("device"); the name shows in the devices list. */
  deps(deviceName?: string): AccountServiceDeps;
  stop(): Promise<void>;
}

export async function startServiceServer(options: Partial<StartOptions> = {}): Promise<ServiceServer> {
  const databases = new Databases();
  const server = await startServer({ backend: 'sqlite', databases, ...options });
  return {
    server,
    serverUrl: server.baseUrl,
    deps: (deviceName = 'Chromium on test') => ({
      api: (serverUrl, token) => new ApiClient({ baseUrl: serverUrl, token: token ?? null }),
      deviceName,
      now: server.clock.now,
      kdfParams: { account: { ...ARGON2ID_MIN }, qr: { ...ARGON2ID_MIN } },
    }),
    async stop() {
      await server.stop();
      await databases.stop();
    },
  };
}

/** The error `promise` rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
}

/** The ApiError `promise` rejects with. */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await failure(promise);
  if (error instanceof ApiError) return error;
  throw error;
}

export { uniqueEmail } from '../../server/http/test-user';
