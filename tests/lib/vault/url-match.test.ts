import { describe, expect, test } from 'vitest';
import type { UrlMatch } from '../../../lib/vault/record-types';
import { loginsForPage } from '../../../lib/vault/site-matches';
import { matchesPage, matchingUrls } from '../../../lib/vault/url-match';

/** [saved URL, match mode, page URL, expected]. */
const TABLE: Array<[string, UrlMatch, string, boolean]> = [
  // base-domain: the registrable domain by the PSL.
  ['https://example.com', 'base-domain', 'https://example.com/login', true],
  ['https://example.com', 'base-domain', 'https://www.example.com/', true],
  ['https://accounts.example.com', 'base-domain', 'https://mail.example.com/inbox?x=1', true],
  ['https://example.com', 'base-domain', 'https://example.com.evil.net/', false],
  ['https://example.com', 'base-domain', 'https://notexample.com/', false],
  ['https://example.com', 'base-domain', 'https://example.org/', false],
  ['https://example.com', 'base-domain', 'https://example.com:8443/', true],
  ['https://shop.example.co.uk', 'base-domain', 'https://www.example.co.uk/', true],
  ['https://example.co.uk', 'base-domain', 'https://other.co.uk/', false],
  ['https://co.uk', 'base-domain', 'https://example.co.uk/', false],
  // The PSL's private section: github.io users are separate sites.
  ['https://alice.github.io', 'base-domain', 'https://bob.github.io/', false],
  ['https://alice.github.io', 'base-domain', 'https://alice.github.io/project/', true],
  ['https://github.io', 'base-domain', 'https://alice.github.io/', false],
  ['https://github.com', 'base-domain', 'https://gist.github.com/', true],
  // Hosts without a registrable domain (IPs, localhost, intranet names): same host AND port only.
  ['http://192.168.1.1', 'base-domain', 'http://192.168.1.1/admin', true],
  ['http://192.168.1.1', 'base-domain', 'http://192.168.1.2/', false],
  ['http://192.168.1.1', 'base-domain', 'http://192.168.1.1:80/', true],
  ['http://192.168.1.1', 'base-domain', 'https://192.168.1.1/', true],
  ['http://10.0.0.1:8080', 'base-domain', 'http://10.0.0.1:9090/', false],
  ['http://10.0.0.1:8080', 'base-domain', 'http://10.0.0.1:8080/x', true],
  ['http://10.0.0.1', 'base-domain', 'http://10.0.0.1.evil.example/', false],
  ['http://2130706433', 'base-domain', 'http://127.0.0.1/', true],
  ['http://[::1]:3000', 'base-domain', 'http://[::1]:3000/', true],
  ['http://[::1]:3000', 'base-domain', 'http://[::1]:3001/', false],
  ['http://[0:0::1]', 'base-domain', 'http://[::1]/', true],
  ['http://[::1]', 'base-domain', 'http://[::2]/', false],
  ['http://localhost:3000', 'base-domain', 'http://localhost:8080/', false],
  ['http://localhost:3000', 'base-domain', 'http://localhost:3000/login', true],
  ['http://localhost', 'base-domain', 'http://localhost:80/', true],
  ['http://localhost', 'base-domain', 'http://localhost:8080/', false],
  ['http://localhost', 'base-domain', 'http://app.localhost/', false],
  ['https://intranet', 'base-domain', 'https://intranet/wiki', true],
  ['https://intranet:8443', 'base-domain', 'https://intranet/', false],
  ['https://co.uk', 'base-domain', 'https://co.uk:444/', false],
  // IDN: the URL parser makes punycode of both sides.
  ['https://bücher.example', 'base-domain', 'https://www.xn--bcher-kva.example/', true],
  ['https://xn--bcher-kva.example', 'host', 'https://BÜCHER.example/', true],
  ['https://bucher.example', 'base-domain', 'https://bücher.example/', false],
  // A saved URL without a scheme is taken as https.
  ['example.com', 'base-domain', 'https://login.example.com/', true],
  ['example.com', 'base-domain', 'http://login.example.com/', false],
  // host: the exact host and port, as Bitwarden's "Host" (default ports normalised).
  ['https://example.com', 'host', 'https://example.com/a', true],
  ['https://example.com', 'host', 'https://www.example.com/', false],
  ['https://example.com:8443', 'host', 'https://example.com/', false],
  ['https://example.com:8443', 'host', 'https://example.com:8443/a', true],
  ['https://example.com:443', 'host', 'https://example.com/', true],
  ['https://localhost:3000', 'host', 'https://localhost:3001/', false],
  ['https://EXAMPLE.com', 'host', 'https://example.com./', false],
  // exact: same origin and path; query and fragment ignored.
  ['https://example.com/login', 'exact', 'https://example.com/login?next=/home#top', true],
  ['https://example.com/login', 'exact', 'https://example.com/login/', false],
  ['https://example.com/login', 'exact', 'https://example.com/signup', false],
  ['https://example.com/login', 'exact', 'https://example.com:444/login', false],
  ['https://example.com/login', 'exact', 'https://www.example.com/login', false],
  ['https://example.com', 'exact', 'https://example.com/', true],
  // never.
  ['https://example.com', 'never', 'https://example.com/', false],
  // https credentials never go to http pages; the other way round is fine (not for exact: another origin).
  ['https://example.com', 'base-domain', 'http://example.com/', false],
  ['https://example.com', 'host', 'http://example.com/', false],
  ['https://example.com/a', 'exact', 'http://example.com/a', false],
  ['http://example.com', 'base-domain', 'https://example.com/', true],
  ['http://example.com', 'host', 'https://example.com/', true],
  ['http://example.com/a', 'exact', 'https://example.com/a', false],
  // Pages that are not web pages, and malformed input, never match.
  ['https://example.com', 'base-domain', 'ftp://example.com/', false],
  ['https://example.com', 'base-domain', 'file:///home/example.com', false],
  ['https://example.com', 'base-domain', 'chrome-extension://abcdefghijklmnop/popup.html', false],
  ['https://example.com', 'base-domain', 'about:blank', false],
  ['https://example.com', 'base-domain', 'example.com', false],
  ['https://example.com', 'base-domain', '', false],
  ['https://example.com', 'base-domain', 'https://', false],
  ['', 'base-domain', 'https://example.com/', false],
  ['javascript:alert(1)', 'base-domain', 'https://example.com/', false],
  ['https://user:pass@example.com', 'base-domain', 'https://example.com/', false],
];

describe('matchesPage', () => {
  test.each(TABLE)('%s (%s) on %s → %s', (url, match, page, expected) => {
    expect(matchesPage({ url, match }, page)).toBe(expected);
  });
});

describe('matchingUrls', () => {
  test('keeps only the matching entries, in order', () => {
    const entries = [
      { url: 'https://a.example.com', match: 'host' as const },
      { url: 'https://example.com', match: 'base-domain' as const },
      { url: 'https://example.com', match: 'never' as const },
      { url: 'https://example.org', match: 'base-domain' as const },
    ];
    expect(matchingUrls(entries, 'https://b.example.com/')).toEqual([entries[1]]);
    expect(matchingUrls(entries, 'https://a.example.com/')).toEqual([entries[0], entries[1]]);
    expect(matchingUrls(entries, 'http://a.example.com/')).toEqual([]);
  });
});

describe('loginsForPage (site-matches.ts) keeps its cheap pre-filter exact', () => {
  // The pre-filter skips the full check for URLs that cannot match: it must never skip one that does.
  test.each(TABLE)('%s (%s) on %s → %s', (url, match, page, expected) => {
    const item = { id: 'x', type: 'login' as const, urls: [{ url, match }] };
    expect(loginsForPage([item], page)).toEqual(expected ? [item] : []);
  });
});
