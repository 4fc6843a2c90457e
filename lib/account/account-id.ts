/**
 * Account ids are UUIDs (RFC 9562) in lowercase text form; binary formats (the kit payload, associated data)
 * carry their 16 bytes.
 */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

export function accountIdToBytes(id: string): Uint8Array<ArrayBuffer> {
  if (!isAccountId(id)) throw new TypeError(`Not an account id (lowercase UUID): ${JSON.stringify(id)}`);
  const hex = id.replace(/-/g, '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function accountIdFromBytes(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 16)
    throw new RangeError('An account id is 16 bytes');
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
