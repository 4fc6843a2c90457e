import type Database from 'better-sqlite3';
import type {
  AccountRecord,
  ItemRecord,
  LoginAttemptRecord,
  ResetCodeRecord,
  SessionRecord,
  SignupAttemptRecord,
} from './sqlite-rows';

const ACCOUNT_COLUMNS = `id, email, created_at, opaque_record, recovery_opaque_record, kdf_memory_kib,
  kdf_iterations, kdf_parallelism, salt, wrapped_vault_key, account_key_for_devices, recovery_wrapped_vault_key,
  key_epoch, key_epoch_since, revision`;
const SESSION_COLUMNS = `id, account_id, token_hash, kind, device_name, created_at, last_seen_at, expires_at,
  revoked_at, revoked_reason`;
const ITEM_COLUMNS = 'id, revision, ciphertext, deleted, updated_at';

/**
 * Every statement SqliteStorage runs, prepared once per connection: preparing is most of the cost of a
 * statement as small as the no-change pull's (DESIGN §7 wants ≥ 2,000 of those per second).
 * Times are integer ms since the epoch; booleans are 0/1.
 */
export function prepareStatements(db: Database.Database) {
  return {
    getSetting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
    // A no-op update on conflict makes RETURNING give the value in force, in one statement.
    setSettingIfAbsent: db
      .prepare<[string, string], string>(
        `INSERT INTO settings (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = settings.value RETURNING value`,
      )
      .pluck(),

    insertSignupAttempt: db.prepare<[SignupAttemptRecord]>(
      `INSERT INTO signup_attempts (id, account_id, email, expires_at)
       VALUES (@id, @account_id, @email, @expires_at)`,
    ),
    takeSignupAttempt: db.prepare<[string], SignupAttemptRecord>(
      'DELETE FROM signup_attempts WHERE id = ? RETURNING id, account_id, email, expires_at',
    ),

    insertAccount: db.prepare<[Omit<AccountRecord, 'revision'>]>(
      `INSERT INTO accounts (${ACCOUNT_COLUMNS})
       VALUES (@id, @email, @created_at, @opaque_record, @recovery_opaque_record, @kdf_memory_kib,
         @kdf_iterations, @kdf_parallelism, @salt, @wrapped_vault_key, @account_key_for_devices,
         @recovery_wrapped_vault_key, @key_epoch, @key_epoch_since, 0)`,
    ),
    accountById: db.prepare<[string], AccountRecord>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`),
    accountByEmail: db.prepare<[string], AccountRecord>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email = ?`,
    ),
    // set_recovery = 0 leaves both recovery columns as they are (changePassword's `undefined`).
    changePassword: db.prepare<
      [
        {
          id: string;
          expected_epoch: number;
          opaque_record: string;
          kdf_memory_kib: number;
          kdf_iterations: number;
          kdf_parallelism: number;
          salt: string;
          wrapped_vault_key: string;
          account_key_for_devices: string;
          set_recovery: 0 | 1;
          recovery_opaque_record: string | null;
          recovery_wrapped_vault_key: string | null;
          now: number;
        },
      ]
    >(
      `UPDATE accounts SET
         opaque_record = @opaque_record,
         kdf_memory_kib = @kdf_memory_kib,
         kdf_iterations = @kdf_iterations,
         kdf_parallelism = @kdf_parallelism,
         salt = @salt,
         wrapped_vault_key = @wrapped_vault_key,
         account_key_for_devices = @account_key_for_devices,
         recovery_opaque_record =
           CASE WHEN @set_recovery THEN @recovery_opaque_record ELSE recovery_opaque_record END,
         recovery_wrapped_vault_key =
           CASE WHEN @set_recovery THEN @recovery_wrapped_vault_key ELSE recovery_wrapped_vault_key END,
         key_epoch = key_epoch + 1,
         key_epoch_since = @now
       WHERE id = @id AND key_epoch = @expected_epoch`,
    ),
    // `id IS NOT NULL` is true for every row, so a null keepSessionId revokes them all.
    revokeOtherSessions: db.prepare<[number, string, string, string | null]>(
      `UPDATE sessions SET revoked_at = ?, revoked_reason = ?
       WHERE account_id = ? AND revoked_at IS NULL AND id IS NOT ?`,
    ),
    setRecovery: db.prepare<[string | null, string | null, string]>(
      'UPDATE accounts SET recovery_opaque_record = ?, recovery_wrapped_vault_key = ? WHERE id = ?',
    ),
    deleteAccountItems: db.prepare<[string]>('DELETE FROM items WHERE account_id = ?'),
    deleteAccountSessions: db.prepare<[string]>('DELETE FROM sessions WHERE account_id = ?'),
    deleteAccountLoginAttempts: db.prepare<[string]>('DELETE FROM login_attempts WHERE account_id = ?'),
    deleteAccountSignupAttempts: db.prepare<[string]>('DELETE FROM signup_attempts WHERE account_id = ?'),
    deleteAccountRow: db.prepare<[string]>('DELETE FROM accounts WHERE id = ?'),

    insertLoginAttempt: db.prepare<[LoginAttemptRecord]>(
      `INSERT INTO login_attempts (id, account_id, kind, server_login_state, expires_at)
       VALUES (@id, @account_id, @kind, @server_login_state, @expires_at)`,
    ),
    takeLoginAttempt: db.prepare<[string], LoginAttemptRecord>(
      `DELETE FROM login_attempts WHERE id = ?
       RETURNING id, account_id, kind, server_login_state, expires_at`,
    ),

    insertSession: db.prepare<[SessionRecord]>(
      `INSERT INTO sessions (${SESSION_COLUMNS})
       VALUES (@id, @account_id, @token_hash, @kind, @device_name, @created_at, @last_seen_at, @expires_at,
         @revoked_at, @revoked_reason)`,
    ),
    sessionByTokenHash: db.prepare<[string], SessionRecord>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = ?`,
    ),
    touchSession: db.prepare<[number, string, number]>(
      'UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at <= ?',
    ),
    sessionsOfAccount: db.prepare<[string], SessionRecord>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE account_id = ? ORDER BY created_at, id`,
    ),
    revokeSession: db.prepare<[number, string, string, string]>(
      `UPDATE sessions SET revoked_at = ?, revoked_reason = ?
       WHERE account_id = ? AND id = ? AND revoked_at IS NULL`,
    ),

    headRevision: db.prepare<[string], number>('SELECT revision FROM accounts WHERE id = ?').pluck(),
    itemsSince: db.prepare<[string, number, number], ItemRecord>(
      `SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = ? AND revision > ? ORDER BY revision LIMIT ?`,
    ),
    item: db.prepare<[string, string], ItemRecord>(
      `SELECT ${ITEM_COLUMNS} FROM items WHERE account_id = ? AND id = ?`,
    ),
    upsertItem: db.prepare<[string, string, number, string | null, number, number]>(
      `INSERT INTO items (account_id, id, revision, ciphertext, deleted, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, id) DO UPDATE SET revision = excluded.revision,
         ciphertext = excluded.ciphertext, deleted = excluded.deleted, updated_at = excluded.updated_at`,
    ),
    setRevision: db.prepare<[number, string]>('UPDATE accounts SET revision = ? WHERE id = ?'),

    upsertResetCode: db.prepare<[ResetCodeRecord]>(
      `INSERT INTO reset_codes (account_id, code_hash, expires_at, attempts)
       VALUES (@account_id, @code_hash, @expires_at, @attempts)
       ON CONFLICT (account_id) DO UPDATE SET code_hash = excluded.code_hash,
         expires_at = excluded.expires_at, attempts = excluded.attempts`,
    ),
    resetCode: db.prepare<[string], ResetCodeRecord>(
      'SELECT account_id, code_hash, expires_at, attempts FROM reset_codes WHERE account_id = ?',
    ),
    bumpResetAttempts: db
      .prepare<[string], number>(
        'UPDATE reset_codes SET attempts = attempts + 1 WHERE account_id = ? RETURNING attempts',
      )
      .pluck(),
    deleteResetCode: db.prepare<[string]>('DELETE FROM reset_codes WHERE account_id = ?'),

    hitRateLimit: db
      .prepare<[string, number, number, number], number>(
        `INSERT INTO rate_limits (key, window_ms, window_start, hits, expires_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (key, window_ms, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits`,
      )
      .pluck(),

    purgeLoginAttempts: db.prepare<[number]>('DELETE FROM login_attempts WHERE expires_at <= ?'),
    purgeSignupAttempts: db.prepare<[number]>('DELETE FROM signup_attempts WHERE expires_at <= ?'),
    purgeResetCodes: db.prepare<[number]>('DELETE FROM reset_codes WHERE expires_at <= ?'),
    purgeRateLimits: db.prepare<[number]>('DELETE FROM rate_limits WHERE expires_at <= ?'),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;
