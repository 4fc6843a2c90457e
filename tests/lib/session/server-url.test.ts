import { describe, expect, test } from 'vitest';
import { BadServerUrlError, parseServerUrl } from '../../../lib/session/server-url';

describe('server URL', () => {
  test.each([
    ['https://sync.example.com', 'https://sync.example.com'],
    ['https://sync.example.com/', 'https://sync.example.com'],
    ['  https://Sync.Example.com:8443  ', 'https://sync.example.com:8443'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('%s is accepted as %s', (input, origin) => {
    expect(parseServerUrl(input)).toBe(origin);
  });

  test.each([
    'http://sync.example.com',
    'http://192.168.1.10:8787',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'ftp://sync.example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:secret@sync.example.com',
    'https://sync.example.com/v1',
    'https://sync.example.com/?token=1',
    'https://sync.example.com/#x',
    'sync.example.com',
    '',
  ])('%s is refused with bad-server-url', (input) => {
    expect(() => parseServerUrl(input)).toThrow(BadServerUrlError);
    try {
      parseServerUrl(input);
    } catch (error) {
      expect((error as BadServerUrlError).code).toBe('bad-server-url');
      // Never echo the address back: it may carry credentials.
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
