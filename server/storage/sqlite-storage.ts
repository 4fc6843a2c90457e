import Database from 'better-sqlite3';
import { applySqliteMigrations } from './migrations/apply-sqlite';
import type { Migration } from './migrations/migration';
import { sqliteMigrations } from './migrations/sqlite';
import { toAccount, toItem, toSession } from './sqlite-rows';
import { prepareStatements, type SqliteStatements } from './sqlite-statements';
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
  type PushOutcome,
  type PushResult,
  type ResetCodeRow,
  type RevokedReason,
  type SessionKind,
  type SessionRow,
  type SignupAttemptRow,
  type Storage,
} from './storage';

export interface SqliteStorageOptions {
  /** Path of the database file (its directory must exist). */
  file: string;
  /** How long a write waits for another connection's (or process's) write lock before failing. */
  busyTimeoutMs?: number;
  /** For tests of the migration runner; defaults to the shipped list. */
  migrations?: readonly Migration[];
}

/** Generous: a write transaction here lasts well under a millisecond; 5 s only matters under a pile-up. */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Storage on one SQLite file through better-sqlite3 (synchronous). Each method is one short transaction, run
 * to completion before it returns, so the async signatures only wrap a synchronous call and no transaction is
 * ever open across an `await`. Several connections (and processes) may share the file: writes take SQLite's
 * single write lock (BEGIN IMMEDIATE, waiting up to busy_timeout), reads never block in WAL mode.
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #migrations: readonly Migration[];
  #statements: SqliteStatements | undefined;

  constructor(options: SqliteStorageOptions) {
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.#migrations = options.migrations ?? sqliteMigrations;
    this.#db = new Database(options.file, { timeout: busyTimeoutMs });
    try {
      this.#db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
      enableWal(this.#db, busyTimeoutMs);
      // In WAL mode, NORMAL may lose the last commits on power loss; FULL syncs the WAL at every commit, so an
      // acknowledged push is durable (https://sqlite.org/pragma.html#pragma_synchronous).
      this.#db.pragma('synchronous = FULL');
      // Off by default in SQLite, per connection.
      this.#db.pragma('foreign_keys = ON');
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  /** Prepared on first use, after migrate() has created the tables. */
  get #q(): SqliteStatements {
    this.#statements ??= prepareStatements(this.#db);
    return this.#statements;
  }

  async migrate(): Promise<void> {
    applySqliteMigrations(this.#db, this.#migrations);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  async getSetting(key: string): Promise<string | null> {
    return this.#q.getSetting.get(key) ?? null;
  }

  async setSettingIfAbsent(key: string, value: string): Promise<string> {
    const inForce = this.#q.setSettingIfAbsent.get(key, value);
    if (inForce === undefined) throw new Error('setSettingIfAbsent: RETURNING gave no row');
    return inForce;
  }

  async putSignupAttempt(row: SignupAttemptRow): Promise<void> {
    this.#q.insertSignupAttempt.run({
      id: row.id,
      account_id: row.accountId,
      email: row.email,
      expires_at: row.expiresAt.getTime(),
    });
  }

  async takeSignupAttempt(id: string, now: Date): Promise<SignupAttemptRow | null> {
    // DELETE … RETURNING: taking is one statement, so two concurrent takes cannot both get it.
    const row = this.#q.takeSignupAttempt.get(id);
    if (row === undefined || row.expires_at <= now.getTime()) return null;
    return { id: row.id, accountId: row.account_id, email: row.email, expiresAt: new Date(row.expires_at) };
  }

  async createAccount(account: NewAccount): Promise<void> {
    try {
      this.#q.insertAccount.run({
        id: account.id,
        email: account.email,
        created_at: account.createdAt.getTime(),
        opaque_record: account.opaqueRecord,
        recovery_opaque_record: account.recoveryOpaqueRecord,
        kdf_memory_kib: account.keyset.kdf.memoryKiB,
        kdf_iterations: account.keyset.kdf.iterations,
        kdf_parallelism: account.keyset.kdf.parallelism,
        salt: account.keyset.salt,
        wrapped_vault_key: account.keyset.wrappedVaultKey,
        account_key_for_devices: account.keyset.accountKeyForDevices,
        recovery_wrapped_vault_key: account.keyset.recoveryWrappedVaultKey,
        key_epoch: account.keyEpoch,
        key_epoch_since: account.keyEpochSince.getTime(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccountExistsError('an account with this email or id exists');
      throw error;
    }
  }

  async getAccountById(id: string): Promise<AccountRow | null> {
    const row = this.#q.accountById.get(id);
    return row === undefined ? null : toAccount(row);
  }

  async getAccountByEmail(email: string): Promise<AccountRow | null> {
    const row = this.#q.accountByEmail.get(email);
    return row === undefined ? null : toAccount(row);
  }

  async changePassword(input: ChangePasswordInput): Promise<boolean> {
    const setRecovery = input.recoveryOpaqueRecord !== undefined;
    if (setRecovery)
      checkRecoveryPair(input.recoveryOpaqueRecord ?? null, input.keyset.recoveryWrappedVaultKey);
    const q = this.#q;
    const change = this.#db.transaction((): boolean => {
      const updated = q.changePassword.run({
        id: input.accountId,
        expected_epoch: input.expectedEpoch,
        opaque_record: input.opaqueRecord,
        kdf_memory_kib: input.keyset.kdf.memoryKiB,
        kdf_iterations: input.keyset.kdf.iterations,
        kdf_parallelism: input.keyset.kdf.parallelism,
        salt: input.keyset.salt,
        wrapped_vault_key: input.keyset.wrappedVaultKey,
        account_key_for_devices: input.keyset.accountKeyForDevices,
        set_recovery: setRecovery ? 1 : 0,
        recovery_opaque_record: input.recoveryOpaqueRecord ?? null,
        recovery_wrapped_vault_key: input.keyset.recoveryWrappedVaultKey,
        now: input.now.getTime(),
      });
      // Stale epoch (or no such account): the UPDATE matched nothing, and nothing else is written.
      if (updated.changes === 0) return false;
      q.revokeOtherSessions.run(
        input.now.getTime(),
        'password-changed',
        input.accountId,
        input.keepSessionId,
      );
      // A login begun before the change holds state derived from the old OPAQUE record: it must not finish.
      q.deleteAccountLoginAttempts.run(input.accountId);
      return true;
    });
    return change.immediate();
  }

  async setRecovery(
    accountId: string,
    recoveryOpaqueRecord: string | null,
    recoveryWrappedVaultKey: string | null,
  ): Promise<void> {
    checkRecoveryPair(recoveryOpaqueRecord, recoveryWrappedVaultKey);
    this.#q.setRecovery.run(recoveryOpaqueRecord, recoveryWrappedVaultKey, accountId);
  }

  async deleteAccount(accountId: string): Promise<void> {
    const q = this.#q;
    // Explicit deletes rather than ON DELETE CASCADE alone, so the wipe does not depend on the pragma.
    this.#db
      .transaction(() => {
        q.deleteAccountItems.run(accountId);
        q.deleteAccountSessions.run(accountId);
        q.deleteAccountLoginAttempts.run(accountId);
        q.deleteAccountSignupAttempts.run(accountId);
        q.deleteResetCode.run(accountId);
        q.deleteAccountRow.run(accountId);
      })
      .immediate();
  }

  async putLoginAttempt(row: LoginAttemptRow): Promise<void> {
    this.#q.insertLoginAttempt.run({
      id: row.id,
      account_id: row.accountId,
      kind: row.kind,
      server_login_state: row.serverLoginState,
      expires_at: row.expiresAt.getTime(),
    });
  }

  async takeLoginAttempt(id: string, now: Date): Promise<LoginAttemptRow | null> {
    const row = this.#q.takeLoginAttempt.get(id);
    if (row === undefined || row.expires_at <= now.getTime()) return null;
    return {
      id: row.id,
      accountId: row.account_id,
      kind: row.kind as SessionKind,
      serverLoginState: row.server_login_state,
      expiresAt: new Date(row.expires_at),
    };
  }

  async createSession(row: SessionRow): Promise<void> {
    this.#q.insertSession.run({
      id: row.id,
      account_id: row.accountId,
      token_hash: row.tokenHash,
      kind: row.kind,
      device_name: row.deviceName,
      created_at: row.createdAt.getTime(),
      last_seen_at: row.lastSeenAt.getTime(),
      expires_at: row.expiresAt.getTime(),
      revoked_at: row.revokedAt?.getTime() ?? null,
      revoked_reason: row.revokedReason,
    });
  }

  async getSessionByTokenHash(tokenHash: string): Promise<SessionRow | null> {
    const row = this.#q.sessionByTokenHash.get(tokenHash);
    return row === undefined ? null : toSession(row);
  }

  async touchSession(sessionId: string, now: Date): Promise<void> {
    // The caller skips the call when the row it holds was touched recently; the WHERE clause re-checks, so
    // racing touches still write at most once.
    this.#q.touchSession.run(now.getTime(), sessionId, now.getTime() - SESSION_TOUCH_INTERVAL_MS);
  }

  async listSessions(accountId: string): Promise<SessionRow[]> {
    return this.#q.sessionsOfAccount.all(accountId).map(toSession);
  }

  async revokeSession(
    accountId: string,
    sessionId: string,
    reason: RevokedReason,
    now: Date,
  ): Promise<boolean> {
    return this.#q.revokeSession.run(now.getTime(), reason, accountId, sessionId).changes === 1;
  }

  async headRevision(accountId: string): Promise<number> {
    return this.#q.headRevision.get(accountId) ?? 0;
  }

  async pull(accountId: string, since: number, limit: number): Promise<PullResult> {
    checkPull(since, limit);
    const q = this.#q;
    // A read transaction: the head and the items come from one snapshot.
    const read = this.#db.transaction((): PullResult => {
      const headRevision = q.headRevision.get(accountId) ?? 0;
      if (headRevision <= since) return { items: [], headRevision, hasMore: false };
      const rows = q.itemsSince.all(accountId, since, limit + 1);
      return { items: rows.slice(0, limit).map(toItem), headRevision, hasMore: rows.length > limit };
    });
    return read();
  }

  async push(accountId: string, changes: ItemChange[], now: Date): Promise<PushResult> {
    checkPush(changes);
    const q = this.#q;
    // BEGIN IMMEDIATE takes the write lock up front: pushes to one file run one at a time, so reading the
    // counter and the items' revisions and then writing cannot interleave with another push.
    const apply = this.#db.transaction((): PushResult => {
      const head = q.headRevision.get(accountId);
      if (head === undefined) throw new Error(`push: no account ${accountId}`);
      let revision = head;
      const outcomes: PushOutcome[] = [];
      for (const change of changes) {
        const current = q.item.get(accountId, change.id);
        if (change.baseRevision !== (current?.revision ?? 0)) {
          outcomes.push({ id: change.id, status: 'conflict', current: current ? toItem(current) : null });
          continue;
        }
        revision += 1;
        q.upsertItem.run(
          accountId,
          change.id,
          revision,
          change.ciphertext,
          change.deleted ? 1 : 0,
          now.getTime(),
        );
        outcomes.push({ id: change.id, status: 'accepted', revision });
      }
      if (revision !== head) q.setRevision.run(revision, accountId);
      return { outcomes, headRevision: revision };
    });
    return apply.immediate();
  }

  async putResetCode(row: ResetCodeRow): Promise<void> {
    this.#q.upsertResetCode.run({
      account_id: row.accountId,
      code_hash: row.codeHash,
      expires_at: row.expiresAt.getTime(),
      attempts: row.attempts,
    });
  }

  async getResetCode(accountId: string): Promise<ResetCodeRow | null> {
    const row = this.#q.resetCode.get(accountId);
    if (row === undefined) return null;
    return {
      accountId: row.account_id,
      codeHash: row.code_hash,
      expiresAt: new Date(row.expires_at),
      attempts: row.attempts,
    };
  }

  /** Returns 0 when the account has no reset code. */
  async bumpResetAttempts(accountId: string): Promise<number> {
    return this.#q.bumpResetAttempts.get(accountId) ?? 0;
  }

  async deleteResetCode(accountId: string): Promise<void> {
    this.#q.deleteResetCode.run(accountId);
  }

  async hitRateLimit(key: string, windowMs: number, now: Date): Promise<number> {
    checkWindow(windowMs);
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    const hits = this.#q.hitRateLimit.get(key, windowMs, windowStart, windowStart + windowMs);
    if (hits === undefined) throw new Error('hitRateLimit: RETURNING gave no row');
    return hits;
  }

  async purgeExpired(now: Date): Promise<void> {
    const q = this.#q;
    const at = now.getTime();
    this.#db
      .transaction(() => {
        q.purgeLoginAttempts.run(at);
        q.purgeSignupAttempts.run(at);
        q.purgeResetCodes.run(at);
        q.purgeRateLimits.run(at);
      })
      .immediate();
  }
}

/**
 * WAL: readers never wait for the writer, and a commit is one append (https://sqlite.org/wal.html). Switching
 * a new file to WAL needs an exclusive lock, and when several processes open the new file at once SQLite can
 * answer SQLITE_BUSY without calling the busy handler (it would risk a deadlock). So: retry until
 * busy_timeout. This runs once per connection, at start-up, so sleeping synchronously is acceptable.
 */
function enableWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`SQLite cannot use WAL for this file (journal_mode stays ${mode})`);
      return;
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
      if (!busy || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
