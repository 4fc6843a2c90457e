import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FirefoxPrefs } from './firefox-profile';

/**
 * The web sites the autofill e2e tests visit: one HTTP and one HTTPS server on loopback that serve
 * tests/fixtures/sites/ for ANY Host header, so bank.test, alice.github.io or the аpple.com homograph are all
 * "real" sites to the browser, with their own origins. The browsers are pointed at loopback for those names
 * (`chromiumArgs`, `firefoxPrefs`); the HTTPS certificate is self-signed, made at start with openssl, and the
 * browsers are told to accept it (Chromium --ignore-certificate-errors, Firefox acceptInsecureCerts).
 *
 * Routes: GET /<name>.html and /<name>.js from the fixtures folder; any POST answers signed-in.html (a login
 * form's submit navigates, as on a real site; the body is dropped unread); GET /frame?src=<url>&title=<t> is a
 * page that frames another site (a cross-origin iframe).
 */
export const SITES_DIR = fileURLToPath(new URL('../../fixtures/sites', import.meta.url));

/**
 * Every host name a test may visit. Firefox resolves a fixed list to loopback (network.dns.localDomains has
 * no wildcard); Chromium maps all names. xn--80ak6aa92e.com is "аpple.com" with a Cyrillic а (U+0430): the
 * homograph of apple.com.
 */
export const SITE_HOSTS = [
  'bank.test',
  'evil.test',
  'newsite.test',
  'never.test',
  'steps.test',
  'spa.test',
  'hidden.test',
  'jack.test',
  'noisy.test',
  'alice.github.io',
  'mallory.github.io',
  'shop.example.co.uk',
  'login.example.co.uk',
  'evil.co.uk',
  'apple.com',
  'xn--80ak6aa92e.com',
] as const;
export type SiteHost = (typeof SITE_HOSTS)[number];

export interface AutofillSites {
  /** `https://host:port/page` (or http: with `scheme`), `page` like 'login.html' or 'login.html?x=1'. */
  url(host: SiteHost, page: string, scheme?: 'http' | 'https'): string;
  /** A page on `host` whose body is an iframe of `inner` (any URL), titled `title`. */
  framing(host: SiteHost, inner: string, title?: string): string;
  /** Chromium switches: every name to loopback (the e2e sync server is on 127.0.0.1 already). */
  chromiumArgs: readonly string[];
  /** Firefox prefs: the names to loopback, plain http left alone (no HTTPS-First upgrade). */
  firefoxPrefs: FirefoxPrefs;
  stop(): Promise<void>;
}

const run = promisify(execFile);

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

export async function startAutofillSites(): Promise<AutofillSites> {
  const dir = await mkdtemp(join(tmpdir(), 'latchkey-e2e-sites-'));
  try {
    // A throw-away self-signed certificate for every test name; the browsers are told to accept it anyway.
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=latchkey-fixture-sites',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    const [key, cert] = await Promise.all([readFile(join(dir, 'key.pem')), readFile(join(dir, 'cert.pem'))]);
    const http = createHttpServer(serve);
    const https = createHttpsServer({ key, cert }, serve);
    const httpPort = await listen(http);
    const httpsPort = await listen(https);
    const url = (host: SiteHost, page: string, scheme: 'http' | 'https' = 'https') =>
      `${scheme}://${host}:${scheme === 'https' ? httpsPort : httpPort}/${page}`;
    return {
      url,
      framing: (host, inner, title = 'framing') =>
        url(host, `frame?src=${encodeURIComponent(inner)}&title=${encodeURIComponent(title)}`),
      chromiumArgs: [
        // Every name resolves to loopback; the ports stay as given. Chromium's own net (not a proxy), so the
        // origins stay the named ones.
        '--host-resolver-rules=MAP * 127.0.0.1',
        '--ignore-certificate-errors',
      ],
      firefoxPrefs: {
        'network.dns.localDomains': SITE_HOSTS.join(','),
        // The http page must stay http (the https-credential-on-http-page case).
        'dom.security.https_first': false,
        'dom.security.https_first_schemeless': false,
        'dom.security.https_only_mode': false,
        // No password manager of Firefox's own competing for the same forms.
        'signon.rememberSignons': false,
        'signon.autofillForms': false,
      },
      async stop() {
        await Promise.all([close(http), close(https)]);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://fixture').pathname;
  const query = new URL(request.url ?? '/', 'http://fixture').searchParams;
  request.resume();
  try {
    if (request.method === 'POST') return send(response, 200, 'html', await fixture('signed-in.html'));
    if (path === '/frame') return send(response, 200, 'html', framePage(query));
    const name = /^\/([a-z0-9-]+\.(html|js))$/.exec(path);
    if (name?.[1] && name[2])
      return send(response, 200, name[2], await fixture(name[1]), query.get('csp') === 'strict');
    if (path === '/favicon.ico') return send(response, 204, 'html', '');
    send(response, 404, 'html', '<title>not found</title>');
  } catch {
    send(response, 404, 'html', '<title>not found</title>');
  }
}

function fixture(name: string): Promise<string> {
  return readFile(join(SITES_DIR, name), 'utf8');
}

/** A page whose whole content is an iframe of another site (attribute-escaped). */
function framePage(query: URLSearchParams): string {
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const src = query.get('src') ?? 'about:blank';
  const title = query.get('title') ?? 'framing';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body style="margin:0"><h1 style="font:16px sans-serif;margin:8px">${escape(title)}</h1>
<iframe id="framed" src="${escape(src)}" style="width:640px;height:480px;border:1px solid #888"></iframe>
</body></html>`;
}

/**
 * `?csp=strict`: the page runs under the strictest policy real sites send (no script, no frame, no connection
 * of its own), to show the content script's lazily imported agent and our framed menu do not depend on it.
 */
const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

function send(response: ServerResponse, status: number, type: string, body: string, strict = false): void {
  response.writeHead(status, {
    'content-type': TYPES[type] ?? TYPES.html,
    'cache-control': 'no-store',
    ...(strict ? { 'content-security-policy': STRICT_CSP } : {}),
  });
  response.end(body);
}

function listen(server: ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: ReturnType<typeof createHttpServer>): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
