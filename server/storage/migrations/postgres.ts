import type { Migration } from './migration';

/**
 * PostgreSQL schema, as ordered migrations. Keep in step with sqlite.ts: same tables, columns, constraints and
 * indexes. Types and statements stay within what CockroachDB also accepts (no sequences-as-counters, no
 * triggers, no PL/pgSQL), see README.md.
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE accounts (
        id                         TEXT PRIMARY KEY,
        email                      TEXT NOT NULL,
        created_at                 TIMESTAMPTZ NOT NULL,
        opaque_record              TEXT NOT NULL,
        recovery_opaque_record     TEXT,
        kdf_memory_kib             INTEGER NOT NULL,
        kdf_iterations             INTEGER NOT NULL,
        kdf_parallelism            INTEGER NOT NULL,
        salt                       TEXT NOT NULL,
        wrapped_vault_key          TEXT NOT NULL,
        recovery_wrapped_vault_key TEXT,
        key_epoch                  INTEGER NOT NULL CHECK (key_epoch >= 1),
        key_epoch_since            TIMESTAMPTZ NOT NULL,
        revision                   BIGINT NOT NULL DEFAULT 0 CHECK (revision >= 0)
      );
      -- Sign-up and pre-login look accounts up by email; UNIQUE is what makes a second sign-up fail.
      CREATE UNIQUE INDEX accounts_email ON accounts (email);

      CREATE TABLE signup_attempts (
        id         TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        email      TEXT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX signup_attempts_expires_at ON signup_attempts (expires_at);

      CREATE TABLE login_attempts (
        id                 TEXT PRIMARY KEY,
        -- NULL for the fake login of an unknown email.
        account_id         TEXT REFERENCES accounts (id) ON DELETE CASCADE,
        kind               TEXT NOT NULL CHECK (kind IN ('full', 'recovery')),
        server_login_state TEXT NOT NULL,
        expires_at         TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX login_attempts_account_id ON login_attempts (account_id);
      CREATE INDEX login_attempts_expires_at ON login_attempts (expires_at);

      CREATE TABLE sessions (
        id             TEXT PRIMARY KEY,
        account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash     TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('full', 'recovery')),
        device_name    TEXT NOT NULL,
        created_at     TIMESTAMPTZ NOT NULL,
        last_seen_at   TIMESTAMPTZ NOT NULL,
        expires_at     TIMESTAMPTZ NOT NULL,
        revoked_at     TIMESTAMPTZ,
        revoked_reason TEXT
          CHECK (revoked_reason IN ('revoked', 'password-changed', 'logout', 'account-reset')),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      );
      -- Every authenticated request looks its session up by token hash.
      CREATE UNIQUE INDEX sessions_token_hash ON sessions (token_hash);
      CREATE INDEX sessions_account_id ON sessions (account_id);

      CREATE TABLE items (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id         TEXT NOT NULL,
        revision   BIGINT NOT NULL CHECK (revision >= 1),
        ciphertext TEXT,
        deleted    BOOLEAN NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        -- A tombstone has no ciphertext; a live item always has one.
        CHECK (deleted = (ciphertext IS NULL)),
        -- Item ids are chosen by clients, so they are only unique within an account.
        PRIMARY KEY (account_id, id)
      );
      -- Pull reads items by (account, revision > since) in revision order; UNIQUE also guarantees that no two
      -- writes of an account ever share a revision.
      CREATE UNIQUE INDEX items_account_revision ON items (account_id, revision);

      CREATE TABLE reset_codes (
        account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        code_hash  TEXT NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        attempts   INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX reset_codes_expires_at ON reset_codes (expires_at);

      CREATE TABLE rate_limits (
        key          TEXT NOT NULL,
        window_ms    BIGINT NOT NULL,
        window_start BIGINT NOT NULL,
        hits         INTEGER NOT NULL,
        expires_at   TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (key, window_ms, window_start)
      );
      CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at);
    `,
  },
  {
    // The Account Key boxed for the account's devices (keyset.accountKeyForDevices, lib/api/fields.ts). Nullable:
    // accounts created before this migration get one at their next password change.
    version: 2,
    name: 'account key for devices',
    sql: 'ALTER TABLE accounts ADD COLUMN account_key_for_devices TEXT',
  },
];
