import pg from 'pg';
import { applyPostgresMigrations } from './migrations/apply-postgres';
import type { Migration } from './migrations/migration';
import { postgresMigrations } from './migrations/postgres';
import { inTransaction, sqlState } from './pg-transaction';
import { pushBatch } from './postgres-push';
import {
  ACCOUNT_COLUMNS,
  INT8_OID,
  ITEM_COLUMNS,
  parseInt8,
  SESSION_COLUMNS,
  toAccount,
  toItem,
  toSession,
  type AccountRecord,
  type ItemRecord,
  type SessionRecord,
} from './postgres-rows';
import { checkPull, checkPush, checkRecoveryPair, checkWindow } from './storage-checks';
import {
  AccountExistsError,
  SESSION_TOUCH_INTERVAL_MS,
  type AccountRow,
  type ItemChange,
  type LoginAttemptRow,
  type NewAccount,
  type ChangePasswordInput,
  type PullResult,
  type PushResult,
  type ResetCodeRow,
  type RevokedReason,
  type SessionKind,
  type SessionRow,
  type SignupAttemptRow,
  type Storage,
} from './storage';

export interface PostgresStorageOptions {
  /** A libpq-style URL (DATABASE_URL). */
  connectionString: string;
  /** Pool size: the most transactions this instance runs at once. */
  maxConnections?: number;
  /**
   * Most item rows per INSERT in a push (6 parameters each; the protocol allows 65,535). Tests set it to 1
   * to make a failing batch fail after earlier statements of its transaction succeeded.
   */
  maxRowsPerInsert?: number;
  /** For tests of the migration runner; defaults to the shipped list. */
  migrations?: readonly Migration[];
}

const DEFAULT_MAX_CONNECTIONS = 10;
type Nullable<T> = { [K in keyof T]: T[K] | null };
const DEFAULT_MAX_ROWS_PER_INSERT = 1_000;

/**
 * Storage on PostgreSQL (or a PostgreSQL-wire database such as CockroachDB) through a pg Pool. Writes that
 * span several statements run in one transaction (inTransaction, which retries serialization failures);
 * pushes of one account serialize on its row (SELECT … FOR UPDATE). Hot reads are one round trip each and
 * use named prepared statements, so the server plans them once per connection.
 */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #maxRowsPerInsert: number;
  readonly #migrations: readonly Migration[];

  constructor(options: PostgresStorageOptions) {
    this.#maxRowsPerInsert = options.maxRowsPerInsert ?? DEFAULT_MAX_ROWS_PER_INSERT;
    this.#migrations = options.migrations ?? postgresMigrations;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      application_name: 'latchkey',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID && format !== 'binary'
            ? parseInt8
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that dies (database restart, network) must not crash the server: the pool drops it
    // and the next query opens a new one.
    this.#pool.on('error', (error) => console.error(`postgres: idle connection failed: ${error.message}`));
  }

  async migrate(): Promise<void> {
    await applyPostgresMigrations(this.#pool, this.#migrations);
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }

  async getSetting(key: string): Promise<string | null> {
    const { rows } = await this.#pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
      key,
    ]);
    return rows[0]?.value ?? null;
  }

  async setSettingIfAbsent(key: string, value: string): Promise<string> {
    // A no-op update on conflict makes RETURNING give the value in force, in one statement.
    const { rows } = await this.#pool.query<{ value: string }>(
      `INSERT INTO settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = settings.value RETURNING value`,
      [key, value],
    );
    const inForce = rows[0];
    if (inForce === undefined) throw new Error('setSettingIfAbsent: RETURNING gave no row');
    return inForce.value;
  }

  async putSignupAttempt(row: SignupAttemptRow): Promise<void> {
    await this.#pool.query(
      'INSERT INTO signup_attempts (id, account_id, email, expires_at) VALUES ($1, $2, $3, $4)',
      [row.id, row.accountId, row.email, row.expiresAt],
    );
  }

  async takeSignupAttempt(id: string, now: Date): Promise<SignupAttemptRow | null> {
    // DELETE … RETURNING: taking is one statement, so two concurrent takes cannot both get it.
    const { rows } = await this.#pool.query<{
      id: string;
      account_id: string;
      email: string;
      expires_at: Date;
    }>('DELETE FROM signup_attempts WHERE id = $1 RETURNING id, account_id, email, expires_at', [id]);
    const row = rows[0];
    if (row === undefined || row.expires_at.getTime() <= now.getTime()) return null;
    return { id: row.id, accountId: row.account_id, email: row.email, expiresAt: row.expires_at };
  }

  async createAccount(account: NewAccount): Promise<void> {
    try {
      await this.#pool.query(
        `INSERT INTO accounts (${ACCOUNT_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0)`,
        [
          account.id,
          account.email,
          account.createdAt,
          account.opaqueRecord,
          account.recoveryOpaqueRecord,
          account.keyset.kdf.memoryKiB,
          account.keyset.kdf.iterations,
          account.keyset.kdf.parallelism,
          account.keyset.salt,
          account.keyset.wrappedVaultKey,
          account.keyset.accountKeyForDevices,
          account.keyset.recoveryWrappedVaultKey,
          account.keyEpoch,
          account.keyEpochSince,
        ],
      );
    } catch (error) {
      // 23505 unique_violation: the primary key (id) or accounts_email.
      if (sqlState(error) === '23505')
        throw new AccountExistsError('an account with this email or id exists');
      throw error;
    }
  }

  async getAccountById(id: string): Promise<AccountRow | null> {
    const { rows } = await this.#pool.query<AccountRecord>({
      name: 'account-by-id',
      text: `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`,
      values: [id],
    });
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async getAccountByEmail(email: string): Promise<AccountRow | null> {
    const { rows } = await this.#pool.query<AccountRecord>({
      name: 'account-by-email',
      text: `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email = $1`,
      values: [email],
    });
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async changePassword(input: ChangePasswordInput): Promise<boolean> {
    const setRecovery = input.recoveryOpaqueRecord !== undefined;
    if (setRecovery)
      checkRecoveryPair(input.recoveryOpaqueRecord ?? null, input.keyset.recoveryWrappedVaultKey);
    return inTransaction(this.#pool, async (client) => {
      const updated = await client.query(
        `UPDATE accounts SET
           opaque_record = $3,
           kdf_memory_kib = $4,
           kdf_iterations = $5,
           kdf_parallelism = $6,
           salt = $7,
           wrapped_vault_key = $8,
           account_key_for_devices = $9,
           recovery_opaque_record = CASE WHEN $10::boolean THEN $11::text ELSE recovery_opaque_record END,
           recovery_wrapped_vault_key =
             CASE WHEN $10::boolean THEN $12::text ELSE recovery_wrapped_vault_key END,
           key_epoch = key_epoch + 1,
           key_epoch_since = $13
         WHERE id = $1 AND key_epoch = $2`,
        [
          input.accountId,
          input.expectedEpoch,
          input.opaqueRecord,
          input.keyset.kdf.memoryKiB,
          input.keyset.kdf.iterations,
          input.keyset.kdf.parallelism,
          input.keyset.salt,
          input.keyset.wrappedVaultKey,
          input.keyset.accountKeyForDevices,
          setRecovery,
          input.recoveryOpaqueRecord ?? null,
          input.keyset.recoveryWrappedVaultKey,
          input.now,
        ],
      );
      // Stale epoch (or no such account): the UPDATE matched nothing, and nothing else is written.
      if (updated.rowCount === 0) return false;
      await client.query(
        `UPDATE sessions SET revoked_at = $2, revoked_reason = 'password-changed'
         WHERE account_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3`,
        [input.accountId, input.now, input.keepSessionId],
      );
      // A login begun before the change holds state derived from the old OPAQUE record: it must not finish.
      await client.query('DELETE FROM login_attempts WHERE account_id = $1', [input.accountId]);
      return true;
    });
  }

  async setRecovery(
    accountId: string,
    recoveryOpaqueRecord: string | null,
    recoveryWrappedVaultKey: string | null,
  ): Promise<void> {
    checkRecoveryPair(recoveryOpaqueRecord, recoveryWrappedVaultKey);
    await this.#pool.query(
      'UPDATE accounts SET recovery_opaque_record = $2, recovery_wrapped_vault_key = $3 WHERE id = $1',
      [accountId, recoveryOpaqueRecord, recoveryWrappedVaultKey],
    );
  }

  async deleteAccount(accountId: string): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      // Lock the account first, as push does, so a push in flight finishes before the wipe or fails after it.
      await client.query('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
      // Explicit deletes rather than relying on ON DELETE CASCADE alone.
      for (const table of ['items', 'sessions', 'login_attempts', 'signup_attempts', 'reset_codes']) {
        await client.query(`DELETE FROM ${table} WHERE account_id = $1`, [accountId]);
      }
      await client.query('DELETE FROM accounts WHERE id = $1', [accountId]);
    });
  }

  async putLoginAttempt(row: LoginAttemptRow): Promise<void> {
    await this.#pool.query(
      `INSERT INTO login_attempts (id, account_id, kind, server_login_state, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.accountId, row.kind, row.serverLoginState, row.expiresAt],
    );
  }

  async takeLoginAttempt(id: string, now: Date): Promise<LoginAttemptRow | null> {
    const { rows } = await this.#pool.query<{
      id: string;
      account_id: string | null;
      kind: string;
      server_login_state: string;
      expires_at: Date;
    }>(
      `DELETE FROM login_attempts WHERE id = $1
       RETURNING id, account_id, kind, server_login_state, expires_at`,
      [id],
    );
    const row = rows[0];
    if (row === undefined || row.expires_at.getTime() <= now.getTime()) return null;
    return {
      id: row.id,
      accountId: row.account_id,
      kind: row.kind as SessionKind,
      serverLoginState: row.server_login_state,
      expiresAt: row.expires_at,
    };
  }

  async createSession(row: SessionRow): Promise<void> {
    await this.#pool.query(
      `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        row.id,
        row.accountId,
        row.tokenHash,
        row.kind,
        row.deviceName,
        row.createdAt,
        row.lastSeenAt,
        row.expiresAt,
        row.revokedAt,
        row.revokedReason,
      ],
    );
  }

  async getSessionByTokenHash(tokenHash: string): Promise<SessionRow | null> {
    const { rows } = await this.#pool.query<SessionRecord>({
      name: 'session-by-token-hash',
      text: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1`,
      values: [tokenHash],
    });
    return rows[0] ? toSession(rows[0]) : null;
  }

  async touchSession(sessionId: string, now: Date): Promise<void> {
    // One round trip; PostgreSQL writes nothing when the WHERE clause filters the row out.
    await this.#pool.query({
      name: 'touch-session',
      text: 'UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at <= $3',
      values: [sessionId, now, new Date(now.getTime() - SESSION_TOUCH_INTERVAL_MS)],
    });
  }

  async listSessions(accountId: string): Promise<SessionRow[]> {
    const { rows } = await this.#pool.query<SessionRecord>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
    return rows.map(toSession);
  }

  async revokeSession(
    accountId: string,
    sessionId: string,
    reason: RevokedReason,
    now: Date,
  ): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE sessions SET revoked_at = $3, revoked_reason = $4
       WHERE account_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [accountId, sessionId, now, reason],
    );
    return result.rowCount === 1;
  }

  async headRevision(accountId: string): Promise<number> {
    const { rows } = await this.#pool.query<{ revision: number }>({
      name: 'head-revision',
      text: 'SELECT revision FROM accounts WHERE id = $1',
      values: [accountId],
    });
    return rows[0]?.revision ?? 0;
  }

  async pull(accountId: string, since: number, limit: number): Promise<PullResult> {
    checkPull(since, limit);
    // One statement, so one round trip and one snapshot for the head and the items. The LEFT JOIN keeps the
    // account's row when no item is newer than `since` (the cheap no-change pull).
    const { rows } = await this.#pool.query<{ head: number } & Nullable<ItemRecord>>({
      name: 'pull',
      text: `SELECT a.revision AS head, i.id, i.revision, i.ciphertext, i.deleted, i.updated_at
             FROM accounts a
             LEFT JOIN LATERAL (
               SELECT ${ITEM_COLUMNS} FROM items
               WHERE items.account_id = a.id AND items.revision > $2
               ORDER BY items.revision LIMIT $3
             ) i ON true
             WHERE a.id = $1
             ORDER BY i.revision`,
      values: [accountId, since, limit + 1],
    });
    const headRevision = rows[0]?.head ?? 0;
    // With a LEFT JOIN, the item columns are all null (no item) or all set.
    const items = rows.flatMap((row) => (row.id === null ? [] : [toItem(row as ItemRecord)]));
    return { items: items.slice(0, limit), headRevision, hasMore: items.length > limit };
  }

  async push(accountId: string, changes: ItemChange[], now: Date): Promise<PushResult> {
    checkPush(changes);
    return inTransaction(this.#pool, (client) =>
      pushBatch(client, { accountId, changes, now, maxRowsPerInsert: this.#maxRowsPerInsert }),
    );
  }

  async putResetCode(row: ResetCodeRow): Promise<void> {
    await this.#pool.query(
      `INSERT INTO reset_codes (account_id, code_hash, expires_at, attempts) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id) DO UPDATE SET code_hash = excluded.code_hash,
         expires_at = excluded.expires_at, attempts = excluded.attempts`,
      [row.accountId, row.codeHash, row.expiresAt, row.attempts],
    );
  }

  async getResetCode(accountId: string): Promise<ResetCodeRow | null> {
    const { rows } = await this.#pool.query<{ code_hash: string; expires_at: Date; attempts: number }>(
      'SELECT code_hash, expires_at, attempts FROM reset_codes WHERE account_id = $1',
      [accountId],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return { accountId, codeHash: row.code_hash, expiresAt: row.expires_at, attempts: row.attempts };
  }

  /** Returns 0 when the account has no reset code. */
  async bumpResetAttempts(accountId: string): Promise<number> {
    const { rows } = await this.#pool.query<{ attempts: number }>(
      'UPDATE reset_codes SET attempts = attempts + 1 WHERE account_id = $1 RETURNING attempts',
      [accountId],
    );
    return rows[0]?.attempts ?? 0;
  }

  async deleteResetCode(accountId: string): Promise<void> {
    await this.#pool.query('DELETE FROM reset_codes WHERE account_id = $1', [accountId]);
  }

  async hitRateLimit(key: string, windowMs: number, now: Date): Promise<number> {
    checkWindow(windowMs);
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    // One statement: concurrent hits from several instances are counted by the row's own lock.
    const { rows } = await this.#pool.query<{ hits: number }>({
      name: 'hit-rate-limit',
      text: `INSERT INTO rate_limits (key, window_ms, window_start, hits, expires_at) VALUES ($1, $2, $3, 1, $4)
             ON CONFLICT (key, window_ms, window_start) DO UPDATE SET hits = rate_limits.hits + 1
             RETURNING hits`,
      values: [key, windowMs, windowStart, new Date(windowStart + windowMs)],
    });
    const row = rows[0];
    if (row === undefined) throw new Error('hitRateLimit: RETURNING gave no row');
    return row.hits;
  }

  async purgeExpired(now: Date): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      for (const table of ['login_attempts', 'signup_attempts', 'reset_codes', 'rate_limits']) {
        await client.query(`DELETE FROM ${table} WHERE expires_at <= $1`, [now]);
      }
    });
  }
}
