import { randomUUID } from 'node:crypto';
import type { RouteDeps } from './app-deps';
import { fakeAccount } from './fake-account';
import { finishLogin, startLogin } from './opaque-server';
import { ProblemError } from './problem';
import type { AccountRow, SessionKind } from './storage/storage';

/**
 * The two OPAQUE login round trips, shared by the password login and the Recovery Kit login (whose OPAQUE user
 * identifier is "<accountId>:recovery"). An unknown email, or an account without a Recovery Kit, goes down the
 * same path with a null record: the same reads, the same OPAQUE work, a stored attempt, and at the end the same
 * invalid-credentials as a wrong password (RFC 9807 §10.9).
 */
export const LOGIN_ATTEMPT_TTL_MS = 2 * 60_000;

export async function startOpaqueLogin(
  deps: RouteDeps,
  kind: SessionKind,
  email: string,
  startLoginRequest: string,
): Promise<{ loginId: string; loginResponse: string }> {
  const now = deps.clock.now();
  const account = await deps.storage.getAccountByEmail(email);
  const fake = fakeAccount(email, deps.secrets, now);
  const record = (kind === 'full' ? account?.opaqueRecord : account?.recoveryOpaqueRecord) ?? null;
  const baseId = account?.id ?? fake.accountId;
  const { serverLoginState, loginResponse } = startLogin(
    deps.secrets.opaqueServerSetup,
    record,
    kind === 'full' ? baseId : `${baseId}:recovery`,
    startLoginRequest,
  );
  const loginId = randomUUID();
  await deps.storage.putLoginAttempt({
    id: loginId,
    accountId: record === null ? null : (account?.id ?? null),
    kind,
    serverLoginState,
    expiresAt: new Date(now.getTime() + LOGIN_ATTEMPT_TTL_MS),
  });
  return { loginId, loginResponse };
}

/** The account whose secret the client proved; invalid-credentials otherwise (whatever the reason). */
export async function finishOpaqueLogin(
  deps: RouteDeps,
  kind: SessionKind,
  loginId: string,
  finishLoginRequest: string,
): Promise<AccountRow> {
  const attempt = await deps.storage.takeLoginAttempt(loginId, deps.clock.now());
  const invalid = new ProblemError('invalid-credentials', 'The email or the credentials are not right');
  if (attempt === null || attempt.kind !== kind) throw invalid;
  // Run the MAC check on fake attempts too (it fails), so both paths cost the same.
  const proved = finishLogin(attempt.serverLoginState, finishLoginRequest);
  if (!proved || attempt.accountId === null) throw invalid;
  const account = await deps.storage.getAccountById(attempt.accountId);
  if (account === null) throw invalid; // reset between the two requests
  // The password changed between the two requests: the client proved the OLD secret, which must no longer
  // sign anyone in. (The attempt started LOGIN_ATTEMPT_TTL_MS before it expires; instances' clocks are assumed
  // NTP-synced: a skew only matters for a login started within it of a password change.)
  if (account.keyEpochSince.getTime() > attempt.expiresAt.getTime() - LOGIN_ATTEMPT_TTL_MS) throw invalid;
  return account;
}
