import { parseTotp, totpCode, TotpFormatError } from '../../../lib/vault/totp';

/** A login's one-time code as the item view shows it, or why there is none. */
export type TotpReading =
  { ok: true; code: string; remainingSeconds: number; period: number } | { ok: false; message: string };

/**
 * The current code for a login's `totp` field at `nowMs` (RFC 6238, lib/vault/totp.ts). A secret that does not
 * parse (saved by an older or foreign client) is shown as a message, not an exception: the rest of the record
 * stays usable.
 */
export function readTotp(text: string, nowMs: number): TotpReading {
  try {
    return { ok: true, ...totpCode(parseTotp(text), nowMs) };
  } catch (error) {
    if (error instanceof TotpFormatError) return { ok: false, message: error.message };
    throw error;
  }
}

/** "123 456" / "1234 5678": codes read in two halves (as Google Authenticator and 1Password show them). */
export function groupTotpCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
