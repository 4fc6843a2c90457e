/**
 * Emails identify accounts: they are normalised the same way everywhere (client, kit, server) so that
 * "John@Example.com " and "john@example.com" are one account.
 */
export const EMAIL_MAX_BYTES = 254; // RFC 5321 §4.5.3.1.3: a path is at most 256 octets including < >.

export function normalizeEmail(email: string): string {
  if (typeof email !== 'string') throw new TypeError('normalizeEmail: expected a string');
  return email.normalize('NFC').trim().toLowerCase();
}

/** A deliberately simple check: one @, something on both sides, a dot in the domain, no spaces. */
export function isPlausibleEmail(email: string): boolean {
  const normalized = normalizeEmail(email);
  return (
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) &&
    new TextEncoder().encode(normalized).length <= EMAIL_MAX_BYTES
  );
}

/** "john@example.com" → "j•••@example.com": enough to recognise one's own account, not to learn another's. */
export function maskEmail(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  if (at <= 0) return '•••';
  const first = Array.from(normalized.slice(0, at))[0] ?? '';
  return `${first}•••${normalized.slice(at)}`;
}
