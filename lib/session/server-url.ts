/**
 * The sync server's address as the user typed it. Tokens, OPAQUE messages and kit payloads travel to it, so it
 * must be https; plain http is allowed only to this machine (a local server for development, tests and
 * self-hosting behind a local proxy), where nothing crosses a network.
 */

/** The hosts http may go to: loopback by name and by address (RFC 6761 §6.3, RFC 1122, RFC 4291). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const BAD_SERVER_URL_MESSAGE =
  'The server address must start with https:// (http:// is only for a server on this computer).';

export class BadServerUrlError extends Error {
  override readonly name = 'BadServerUrlError';
  readonly code = 'bad-server-url';
  constructor(message: string = BAD_SERVER_URL_MESSAGE) {
    super(message);
  }
}

/**
 * The server's origin ("https://sync.example.com", "http://127.0.0.1:8787"). The API's paths are absolute
 * (/v1/…), so a path, query or fragment would be ignored: refused rather than silently dropped, as are
 * credentials in the URL (they would end up in storage and logs).
 */
export function parseServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new BadServerUrlError('The server address is not a valid URL.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new BadServerUrlError('The server address must not contain a user name or password.');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new BadServerUrlError(
      'The server address must be just the scheme and host, like https://sync.example.com',
    );
  }
  const secure = url.protocol === 'https:';
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (!secure && !loopbackHttp) throw new BadServerUrlError();
  return url.origin;
}
