import { describe, expect, test } from 'vitest';
import { loginsForFrame, type FrameLocation } from '../../../../lib/autofill/background/frame-logins';
import type { LoginUrl, UrlMatch } from '../../../../lib/vault/record-types';

function login(id: string, url: string, match: UrlMatch = 'base-domain') {
  return { id, type: 'login' as const, urls: [{ url, match }] as LoginUrl[] };
}

const top = (url: string): FrameLocation => ({ url, frameId: 0, tabUrl: url });
const framed = (url: string, tabUrl?: string): FrameLocation => ({
  url,
  frameId: 7,
  ...(tabUrl === undefined ? {} : { tabUrl }),
});
const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id);

describe('loginsForFrame: the top frame and same-origin frames follow url-match.ts', () => {
  const vault = [
    login('example', 'https://example.com'),
    login('accounts', 'https://accounts.example.com', 'host'),
    login('uk', 'https://shop.example.co.uk'),
    login('alice', 'https://alice.github.io'),
    login('idn', 'https://bücher.example'),
    login('router', 'http://192.168.1.1'),
    login('dev', 'http://localhost:3000'),
    login('never', 'https://example.com', 'never'),
    { id: 'note', type: 'note' as const, urls: [] as LoginUrl[] },
  ];

  test.each<[string, FrameLocation, string[]]>([
    ['the registrable domain', top('https://www.example.com/login'), ['example']],
    ['a host login on its host', top('https://accounts.example.com/'), ['example', 'accounts']],
    ['lookalike: a suffix added', top('https://example.com.evil.net/'), []],
    ['lookalike: a prefix added', top('https://myexample.com/'), []],
    ['co.uk: the same registrable domain', top('https://www.example.co.uk/'), ['uk']],
    ['co.uk: another owner under co.uk', top('https://other.co.uk/'), []],
    ['github.io: the same user site', top('https://alice.github.io/repo/'), ['alice']],
    ['github.io: another user site', top('https://mallory.github.io/'), []],
    ['IDN: the punycode spelling of the saved host', top('https://xn--bcher-kva.example/'), ['idn']],
    // A Cyrillic "е" homograph is a different host in punycode: no match.
    ['IDN homograph of example.com', top('https://\u0435xample.com/'), []],
    ['IP: same address', top('http://192.168.1.1/admin'), ['router']],
    ['IP: another port of the same address', top('http://192.168.1.1:8080/'), []],
    ['localhost: same port', top('http://localhost:3000/login'), ['dev']],
    ['localhost: another port', top('http://localhost:8080/login'), []],
    ['https credentials on an http page', top('http://www.example.com/'), []],
    ['not a web page', top('about:blank'), []],
    [
      'a same-origin sub-frame',
      framed('https://www.example.com/frame', 'https://www.example.com/'),
      ['example'],
    ],
  ])('%s', (_name, frame, expected) => {
    expect(ids(loginsForFrame(vault, frame))).toEqual(expected);
  });
});

describe('loginsForFrame: a cross-origin frame only gets logins saved for its own origin', () => {
  test('a frame of another site never gets the top page’s logins', () => {
    const vault = [login('top', 'https://bank.example'), login('widget', 'https://widget.example')];
    const frame = framed('https://evil.example/steal', 'https://bank.example/');
    expect(ids(loginsForFrame(vault, frame))).toEqual([]);
  });

  test('a same-site but cross-origin frame needs a login saved for exactly its origin', () => {
    const vault = [
      login('site', 'https://example.com'),
      login('auth', 'https://auth.example.com/signin'),
      login('auth-port', 'https://auth.example.com:8443'),
      login('auth-http', 'http://auth.example.com'),
    ];
    const frame = framed('https://auth.example.com/embedded', 'https://www.example.com/');
    // "site" matches by registrable domain but was saved for another origin; the http one is another origin.
    expect(ids(loginsForFrame(vault, frame))).toEqual(['auth']);
  });

  test('a saved URL without a scheme counts as https', () => {
    const vault = [login('bare', 'auth.example.com')];
    expect(ids(loginsForFrame(vault, framed('https://auth.example.com/', 'https://example.com/')))).toEqual([
      'bare',
    ]);
  });

  test('a sub-frame whose top page the browser did not tell is treated as cross-origin', () => {
    const vault = [login('site', 'https://example.com'), login('exact', 'https://www.example.com')];
    expect(ids(loginsForFrame(vault, framed('https://www.example.com/x')))).toEqual(['exact']);
  });

  test('the saved origin must still match by the record’s mode (never stays never)', () => {
    const vault = [login('never', 'https://widget.example', 'never')];
    expect(loginsForFrame(vault, framed('https://widget.example/', 'https://shop.example/'))).toEqual([]);
  });

  test('https credentials never go to an http frame, even of the same host', () => {
    const vault = [login('secure', 'https://widget.example')];
    expect(loginsForFrame(vault, framed('http://widget.example/', 'http://shop.example/'))).toEqual([]);
  });
});
