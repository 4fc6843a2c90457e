import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TOKEN_BYTES } from '../lib/api/fields';
import type { SessionKind, SessionRow, Storage } from './storage/storage';

/**
 * Session tokens: 32 random bytes (base64url) handed to the device once. The server stores only their SHA-256:
 * a leaked database does not sign anyone in, and a plain (unsalted) hash is enough because the token is
 * uniformly random with 256 bits, so there is nothing to brute-force.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

const TOKEN_RE = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((TOKEN_BYTES * 4) / 3)}}$`);

/** The token of an `Authorization: Bearer <token>` header, or null when absent or not shaped like ours. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  return match?.[1] !== undefined && TOKEN_RE.test(match[1]) ? match[1] : null;
}

/** A recovery session only has to last while the user picks a new password. */
export const RECOVERY_SESSION_TTL_MS = 10 * 60_000;

export async function issueSession(
  storage: Storage,
  input: { accountId: string; kind: SessionKind; deviceName: string; ttlMs: number; now: Date },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const session: SessionRow = {
    id: randomUUID(),
    accountId: input.accountId,
    tokenHash: hashToken(token),
    kind: input.kind,
    deviceName: input.deviceName,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlMs),
    revokedAt: null,
    revokedReason: null,
  };
  await storage.createSession(session);
  return { token, session };
}
