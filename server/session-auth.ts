import type { EndpointAuth } from '../lib/api/endpoints';
import type { Clock } from './app-deps';
import { ProblemError } from './problem';
import { bearerToken, hashToken } from './sessions';
import { SESSION_TOUCH_INTERVAL_MS, type SessionRow, type Storage } from './storage/storage';

/**
 * Resolves the bearer token to a live session, or says precisely why not: a device must be able to tell
 * "signed out from another device" (session-revoked) from "the password changed, ask for the new one"
 * (password-changed, DESIGN §1) from "signed in too long ago" (session-expired).
 */
export async function authenticate(
  deps: { storage: Storage; clock: Clock },
  authorization: string | undefined,
  auth: Exclude<EndpointAuth, 'none'>,
): Promise<SessionRow> {
  const token = bearerToken(authorization);
  if (token === null) throw new ProblemError('unauthorized', 'Send Authorization: Bearer <session token>');
  const session = await deps.storage.getSessionByTokenHash(hashToken(token));
  if (session === null) throw new ProblemError('unauthorized', 'Unknown session token');

  if (session.revokedAt !== null) {
    switch (session.revokedReason) {
      case 'revoked':
        throw new ProblemError('session-revoked', 'This device was signed out from another device');
      case 'password-changed':
        throw new ProblemError('password-changed', 'The password was changed; sign in with the new password');
      default:
        // Logged out, or the account was reset (its sessions are gone then anyway): just not signed in.
        throw new ProblemError('unauthorized', 'This session has ended');
    }
  }
  const now = deps.clock.now();
  if (session.expiresAt.getTime() <= now.getTime()) {
    throw new ProblemError('session-expired', 'This session has expired; sign in again');
  }
  if (session.kind === 'recovery' && auth === 'full') {
    throw new ProblemError(
      'forbidden-for-recovery-session',
      'A recovery session can only set a new password (password/start, password/finish)',
    );
  }
  // The row in hand says whether lastSeenAt is due: most requests write nothing and cost no extra round trip.
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    await deps.storage.touchSession(session.id, now);
  }
  return session;
}

/**
 * How recent a login must be for the actions that could lock the owner out (password change, Recovery Kit
 * set-up and removal). A bearer token can leak (a stolen profile, a token in a log); with only the token, an
 * attacker could otherwise replace the OPAQUE record or register their own recovery login and take the account
 * over. Requiring a session created by a login (or sign-up) minutes ago means proving the login secret again:
 * the password AND the Account Key. Ten minutes covers the password-change form; GitHub's sudo mode uses a
 * similar window for the same reason.
 */
export const FRESH_LOGIN_MS = 10 * 60_000;

export function requireFreshLogin(session: SessionRow, now: Date): void {
  if (session.kind === 'recovery') return; // minutes-long by construction, and made by a recovery login
  if (now.getTime() - session.createdAt.getTime() > FRESH_LOGIN_MS) {
    throw new ProblemError('reauth-required', 'Sign in again (within the last 10 minutes) to do this');
  }
}
