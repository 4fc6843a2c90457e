import type { LoginFormKind } from '../login-form';

/**
 * What to offer after a user submitted credentials in a frame (lib/autofill/DESIGN.md "Save prompt"), compared
 * with the logins that match that frame (frame-logins.ts), secrets included:
 *
 * - login / sign-up: an unknown username → save a new login; a known username with another password → update
 *   that login; the same password → nothing. A password-only step (no username on screen) updates the only
 *   login of the site when its password differs, offers nothing when any login has that password, and saves
 *   when the site has none.
 * - change-password: the login it changes (by username, else the one whose password is the current password
 *   typed, else the only one) gets the new password; none found → save the new one under the username.
 *
 * Usernames compare trimmed and without case (sites treat "Alice@Example.com" and "alice@example.com" as one
 * account); passwords exactly.
 */
export interface SubmittedCredentials {
  kind: LoginFormKind;
  username: string;
  password: string;
  newPassword?: string;
}

export interface KnownLogin {
  id: string;
  title: string;
  username: string;
  password: string;
}

export type SaveDecision =
  | { kind: 'save'; username: string; password: string }
  | { kind: 'update'; recordId: string; title: string; username: string; password: string };

export function decideSave(
  submitted: SubmittedCredentials,
  logins: readonly KnownLogin[],
): SaveDecision | null {
  const username = submitted.username.trim();
  const sameUser = (login: KnownLogin) => sameUsername(login.username, username);

  if (submitted.kind === 'change-password') {
    const next = submitted.newPassword;
    // A form with no current-password field reports the new one in its place (content/submit-watch.ts).
    if (next === undefined) return null;
    const target =
      (username === '' ? undefined : logins.find(sameUser)) ??
      logins.find((login) => login.password === submitted.password) ??
      (logins.length === 1 ? logins[0] : undefined);
    if (target === undefined) return username === '' ? null : { kind: 'save', username, password: next };
    return target.password === next ? null : update(target, next);
  }

  const password = submitted.password;
  if (username === '') {
    if (logins.some((login) => login.password === password)) return null;
    const only = logins.length === 1 ? logins[0] : undefined;
    if (only !== undefined) return update(only, password);
    return logins.length === 0 ? { kind: 'save', username: '', password } : null;
  }
  const known = logins.filter(sameUser);
  if (known.length === 0) return { kind: 'save', username, password };
  if (known.some((login) => login.password === password)) return null;
  const [first] = known;
  return first === undefined ? null : update(first, password);
}

function update(login: KnownLogin, password: string): SaveDecision {
  return { kind: 'update', recordId: login.id, title: login.title, username: login.username, password };
}

function sameUsername(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.toLowerCase();
}
