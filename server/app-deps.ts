import type { Config } from './config';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import type { Mailer } from './mail/mailer';
import type { RateLimiter } from './rate-limit';
import type { ServerSecrets } from './server-secrets';
import type { Storage } from './storage/storage';

/** The time source, injected so tests can move it (session expiry, reset-code expiry, rate-limit windows). */
export interface Clock {
  now(): Date;
}

/** Everything the HTTP app needs, as plain objects: main.ts builds them from the environment, tests their own. */
export interface AppDeps {
  storage: Storage;
  mailer: Mailer;
  secrets: ServerSecrets;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** Given by main.ts so shutdown can wait for in-flight work; created by the app otherwise. */
  lifecycle?: Lifecycle;
}

/** What route handlers get: the dependencies plus the services the app builds from them. */
export interface RouteDeps extends AppDeps {
  lifecycle: Lifecycle;
  rateLimiter: RateLimiter;
}
