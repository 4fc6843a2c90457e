import { formatDate, NotLatchkeyCodeError } from './errors';
import { maskEmail } from './email';
import { KIT_PREFIX, parseKit, type KitPayload } from './kit-payload';

/**
 * The key file: the kit payload in a small text file a person can recognise (format in lib/account/README.md).
 * Text rather than binary so it survives email, copy and paste, and cloud drives that mangle unknown binaries.
 */
export const KEY_FILE_EXTENSION = '.lkkey';
/** Unregistered (RFC 6838 §3.4 "x." tree) media type of the key file. */
export const KEY_FILE_MIME = 'application/x.latchkey-key';
export const KEY_FILE_MAGIC = 'LATCHKEY KEY FILE 1';
/** The most a key file can reasonably be; larger uploads are refused before reading them whole. */
export const KEY_FILE_MAX_BYTES = 16 * 1024;

export function makeKeyFile(payloadText: string): { text: string; fileName: string; mimeType: string } {
  const kit = parseKit(payloadText);
  const day = kit.createdAt.toISOString().slice(0, 10);
  const text = [
    KEY_FILE_MAGIC,
    `Account: ${maskEmail(kit.email)}`,
    `Created: ${formatDate(kit.createdAt)}`,
    '',
    'Together with your password, this file signs in to Latchkey on a new browser.',
    'Keep it private, like the Authentication QR Code it stands for.',
    '',
    payloadText,
    '',
  ].join('\n');
  return { text, fileName: `latchkey-key-${day}${KEY_FILE_EXTENSION}`, mimeType: KEY_FILE_MIME };
}

/**
 * Reads a key file: finds the payload line (tolerating CRLF, indentation and a missing header, since a user may
 * have copied only the payload into a file). Throws NotLatchkeyCodeError('key-file') when there is none.
 */
export function readKeyFile(text: string): { payloadText: string; kit: KitPayload } {
  if (typeof text !== 'string') throw new TypeError('readKeyFile: expected text');
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.toUpperCase().startsWith(KIT_PREFIX));
  if (line === undefined) throw new NotLatchkeyCodeError('key-file');
  return { payloadText: line, kit: parseKit(line, 'key-file') };
}
