/**
 * The server's storage contract. Two first-class implementations: SQLite (better-sqlite3, the embedded
 * default in ./data) and PostgreSQL (pg, when DATABASE_URL is set). The HTTP layer is stateless between
 * requests: everything that must survive a request (pending OPAQUE logins, rate-limit counters, reset codes)
 * lives here, so several server instances can share one database.
 *
 * Conventions: ids are lowercase UUID strings; binary values (OPAQUE records, ciphertexts, wrapped keys) are
 * opaque base64url strings the server never interprets; times are `Date`s (stored as integer ms since epoch in
 * SQLite and `timestamptz`/`bigint` in PostgreSQL, implementation's choice); every method is one transaction.
 * SQL stays within what PostgreSQL-wire distributed databases (CockroachDB) accept: no advisory locks, no
 * LISTEN/NOTIFY, no PL/pgSQL; row locks with SELECT … FOR UPDATE are fine.
 */

export interface KdfParamsRow {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** The account's keyset: everything a device needs (besides the password and the AK) to unlock. */
export interface KeysetRow {
  kdf: KdfParamsRow;
  /** Argon2id salt for PWK, base64url. */
  salt: string;
  /** Vault key wrapped under MUK, base64url. */
  wrappedVaultKey: string;
  /**
   * The Account Key boxed for the account's devices (under a key derived from PWK and the device secret, which
   * needs the AK), base64url. Null only for an account created before migration 2 that has not changed its
   * password since: sign-up and every password change write one (NewKeysetRow).
   */
  accountKeyForDevices: string | null;
  /** Vault key wrapped under the Recovery Kit key, base64url; null without a Recovery Kit. */
  recoveryWrappedVaultKey: string | null;
}

/** A keyset as sign-up and password change write it: the devices' Account Key box is always there. */
export interface NewKeysetRow extends KeysetRow {
  accountKeyForDevices: string;
}

export interface AccountRow {
  id: string;
  /** Normalised email (lib/account/email.ts normalizeEmail); unique. */
  email: string;
  createdAt: Date;
  /** OPAQUE registration record of the login secret, base64url. */
  opaqueRecord: string;
  /** OPAQUE registration record of the recovery login secret, base64url; null without a Recovery Kit. */
  recoveryOpaqueRecord: string | null;
  keyset: KeysetRow;
  /** Starts at 1, bumped by every password change (and recovery). */
  keyEpoch: number;
  /** When the current epoch began (sign-up or the last password change). */
  keyEpochSince: Date;
  /** Account-wide revision counter: the revision of the latest accepted item write (0 when none). */
  revision: number;
}

export type NewAccount = Omit<AccountRow, 'revision' | 'keyset'> & { keyset: NewKeysetRow };

export type SessionKind = 'full' | 'recovery';
export type RevokedReason = 'revoked' | 'password-changed' | 'logout' | 'account-reset';

export interface SessionRow {
  id: string;
  accountId: string;
  /** SHA-256 of the bearer token, base64url: the token itself is never stored. */
  tokenHash: string;
  kind: SessionKind;
  deviceName: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: RevokedReason | null;
}

/** Server-side OPAQUE login state kept between the two login requests. */
export interface LoginAttemptRow {
  id: string;
  /** null for an unknown email (a fake login that can never finish). */
  accountId: string | null;
  kind: SessionKind;
  serverLoginState: string;
  expiresAt: Date;
}

/** Pending sign-up between the two OPAQUE registration requests. */
export interface SignupAttemptRow {
  id: string;
  /** The account id the new account will get (also OPAQUE's user identifier). */
  accountId: string;
  email: string;
  expiresAt: Date;
}

export interface ItemRow {
  id: string;
  revision: number;
  /** base64url AEAD box; null for a tombstone. */
  ciphertext: string | null;
  deleted: boolean;
  updatedAt: Date;
}

export interface ItemChange {
  id: string;
  /** The revision the client's edit is based on; 0 for an item the client believes new. */
  baseRevision: number;
  /** base64url ciphertext, or null with deleted=true for a delete. */
  ciphertext: string | null;
  deleted: boolean;
}

export type PushOutcome =
  | { id: string; status: 'accepted'; revision: number }
  /** baseRevision did not match: `current` is the server's version (null if it never existed). */
  | { id: string; status: 'conflict'; current: ItemRow | null };

export interface PushResult {
  outcomes: PushOutcome[];
  headRevision: number;
}

export interface PullResult {
  /** Items with revision > since, ascending by revision, at most `limit`. */
  items: ItemRow[];
  /** The account's revision counter at the time of the read. */
  headRevision: number;
  /** True when more items with revision > the last returned one exist. */
  hasMore: boolean;
}

export interface ResetCodeRow {
  accountId: string;
  /** SHA-256 (base64url) of the one-time code; the code itself is only in the email. */
  codeHash: string;
  expiresAt: Date;
  attempts: number;
}

/** lastSeenAt is kept to this precision: a session is touched (written) at most once per interval. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** Thrown by createAccount when the email (or id) is already taken. */
export class AccountExistsError extends Error {
  override readonly name = 'AccountExistsError';
}

/** What a password change writes, in one transaction (Storage.changePassword). */
export interface ChangePasswordInput {
  accountId: string;
  expectedEpoch: number;
  opaqueRecord: string;
  keyset: NewKeysetRow;
  recoveryOpaqueRecord?: string | null;
  keepSessionId: string | null;
  now: Date;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations (idempotent; safe when several instances start at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Server-wide values (e.g. the OPAQUE server setup when not given by the environment).
  getSetting(key: string): Promise<string | null>;
  /** Sets the value only if absent; returns the value in force afterwards (first writer wins). */
  setSettingIfAbsent(key: string, value: string): Promise<string>;

  // Sign-up and accounts.
  putSignupAttempt(row: SignupAttemptRow): Promise<void>;
  /** Deletes and returns it (one use); null when missing or expired. */
  takeSignupAttempt(id: string, now: Date): Promise<SignupAttemptRow | null>;
  /** Throws AccountExistsError when the email is taken. */
  createAccount(account: NewAccount): Promise<void>;
  getAccountById(id: string): Promise<AccountRow | null>;
  getAccountByEmail(email: string): Promise<AccountRow | null>;
  /**
   * Password change (or recovery): in one transaction, replaces the OPAQUE record and keyset (the devices'
   * Account Key box included), sets the recovery record and wrap when given (undefined leaves them, null removes
   * them), bumps keyEpoch by one with keyEpochSince = now, and revokes every other session of the account with
   * reason 'password-changed'.
   * Fails (returns false, writes nothing) when the account's epoch is no longer `expectedEpoch`.
   */
  changePassword(input: ChangePasswordInput): Promise<boolean>;
  /** Adds, replaces or removes (null) the Recovery Kit's OPAQUE record and vault-key wrap. */
  setRecovery(
    accountId: string,
    recoveryOpaqueRecord: string | null,
    recoveryWrappedVaultKey: string | null,
  ): Promise<void>;
  /** Wipes the account: items, sessions, login attempts, reset codes, the account row. The email is free again. */
  deleteAccount(accountId: string): Promise<void>;

  // OPAQUE login state between the two requests.
  putLoginAttempt(row: LoginAttemptRow): Promise<void>;
  /** Deletes and returns it (one use); null when missing or expired. */
  takeLoginAttempt(id: string, now: Date): Promise<LoginAttemptRow | null>;

  // Sessions (one per device).
  createSession(row: SessionRow): Promise<void>;
  getSessionByTokenHash(tokenHash: string): Promise<SessionRow | null>;
  /**
   * Updates lastSeenAt unless it is less than SESSION_TOUCH_INTERVAL_MS old (checked in the write itself, so
   * racing touches write once). Callers holding the session row skip the call when it is not due.
   */
  touchSession(sessionId: string, now: Date): Promise<void>;
  listSessions(accountId: string): Promise<SessionRow[]>;
  /** Revokes one session of the account; false when it is not the account's or already revoked. */
  revokeSession(accountId: string, sessionId: string, reason: RevokedReason, now: Date): Promise<boolean>;

  // Items (the vault's records, as ciphertext).
  /** Cheap: one indexed read of the account's counter. */
  headRevision(accountId: string): Promise<number>;
  pull(accountId: string, since: number, limit: number): Promise<PullResult>;
  /**
   * Applies a batch in ONE transaction. Each change is accepted only if baseRevision equals the item's current
   * revision (0 = absent); an accepted change gets the next account revision (so revisions are unique and
   * increasing per account). Conflicts write nothing for that item and return the current row. A crash at any
   * point leaves the batch fully applied or not at all.
   */
  push(accountId: string, changes: ItemChange[], now: Date): Promise<PushResult>;

  // Account reset codes.
  /** Replaces any previous code of the account. */
  putResetCode(row: ResetCodeRow): Promise<void>;
  getResetCode(accountId: string): Promise<ResetCodeRow | null>;
  /** Increments the failed-attempt counter; returns the new count. */
  bumpResetAttempts(accountId: string): Promise<number>;
  deleteResetCode(accountId: string): Promise<void>;

  // Rate limiting (fixed windows, shared by all instances).
  /** Counts one hit for `key` in the window containing `now`; returns the count including this hit. */
  hitRateLimit(key: string, windowMs: number, now: Date): Promise<number>;

  /** Deletes expired login/sign-up attempts, reset codes and rate-limit windows. */
  purgeExpired(now: Date): Promise<void>;
}
