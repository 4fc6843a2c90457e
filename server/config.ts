import { LOG_LEVELS, type LogLevel } from './logger';

/**
 * Every setting of the server, from environment variables (README lists them). Parsed once at start-up:
 * a bad value stops the server with a message naming the variable, rather than surfacing as odd behaviour later.
 */
export interface Config {
  /** HOST: interface to listen on. Loopback by default: exposing the server is a deliberate choice. */
  host: string;
  /** PORT (0 = any free port, for tests). */
  port: number;
  /** DATA_DIR: SQLite database and the mail outbox (DATA_DIR/outbox). */
  dataDir: string;
  /** DATABASE_URL: PostgreSQL instead of SQLite. */
  databaseUrl: string | undefined;
  /** SMTP_URL: send mail over SMTP instead of writing .eml files to the outbox. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: the From header of the server's email. */
  mailFrom: string;
  /** OPAQUE_SERVER_SETUP: else generated once and kept in storage, shared by every instance. */
  opaqueServerSetup: string | undefined;
  /** SESSION_TTL_DAYS: how long a device stays signed in. */
  sessionTtlDays: number;
  /** CORS_ORIGINS: exact origins allowed besides the extensions' (comma-separated). */
  corsOrigins: string[];
  /** TRUST_PROXY: take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  /** LOG_LEVEL */
  logLevel: LogLevel;
  /** RATE_LIMIT_MULTIPLIER: scales every rate limit (load tests, or a crowd behind one NAT). */
  rateLimitMultiplier: number;
  /** SHUTDOWN_GRACE_SECONDS: how long a shutdown waits for in-flight requests before cutting connections. */
  shutdownGraceSeconds: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Config {
  return {
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 8787, 0, 65_535),
    dataDir: text(env, 'DATA_DIR') ?? './data',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: text(env, 'MAIL_FROM') ?? 'Latchkey <no-reply@localhost>',
    opaqueServerSetup: opaqueSetup(env),
    sessionTtlDays: integer(env, 'SESSION_TTL_DAYS', 30, 1, 365),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    logLevel: choice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    rateLimitMultiplier: integer(env, 'RATE_LIMIT_MULTIPLIER', 1, 1, 1_000_000),
    shutdownGraceSeconds: integer(env, 'SHUTDOWN_GRACE_SECONDS', 10, 0, 600),
  };
}

/** An unset or empty variable is "not set" (a blank line in an env file must not mean ""). */
function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  }
  return Number(value);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false`);
}

function choice<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (!(options as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${options.join(', ')}`);
  }
  return value as T;
}

/** The value is never quoted in the error: these URLs carry passwords. */
function url(env: Env, name: string, protocols: string[]): string | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return value;
}

function origins(env: Env, name: string): string[] {
  const value = text(env, name);
  if (value === undefined) return [];
  return value.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(`${name}: "${origin}" is not an origin (scheme://host[:port])`);
    }
    // Exact origins only: a wildcard or a path would silently allow more than the operator meant.
    if (parsed.origin !== origin) {
      throw new ConfigError(`${name}: "${origin}" is not an exact origin (write it as ${parsed.origin})`);
    }
    return origin;
  });
}

/** The serialized setup is 128 bytes in base64url; the full check (it parses) happens at start-up. */
function opaqueSetup(env: Env): string | undefined {
  const value = text(env, 'OPAQUE_SERVER_SETUP');
  if (value !== undefined && !/^[A-Za-z0-9_-]{171}$/.test(value)) {
    throw new ConfigError(
      'OPAQUE_SERVER_SETUP must be a serialized OPAQUE server setup (171 base64url characters, as `npx @serenity-kit/opaque create-server-setup` prints)',
    );
  }
  return value;
}
