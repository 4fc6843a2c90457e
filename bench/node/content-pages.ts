import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The web pages the content-script benchmarks load (bench/node/content.bench.ts), served over loopback HTTP
 * like any site (file: and data: URLs get no content scripts without extra permissions).
 *
 *   /large     ~20,000 elements and no login form: a news/search-results-like page (header with a search box,
 *              nav links, article text, a big table, link lists). What the always-on script meets most.
 *   /mutating  a page that changes its DOM ~1000 times a second (adds/removes nodes, attributes, text), as
 *              live feeds, tickers and virtual lists do: a MutationObserver or a rescan would pay for each.
 *   /login     a plain login form that records when its fields receive input events (the fill benchmark).
 */
export interface BenchSite {
  origin: string;
  close(): Promise<void>;
}

/** Elements of the large page, counted by the page itself (document.getElementsByTagName('*')). */
export const LARGE_PAGE_ELEMENTS = 20_000;

const ROWS = 1_400; // 1 tr + 6 td + 1 a = 8 elements a row
const LIST_ITEMS = 2_000; // 1 li + 1 a = 2 elements an item
const PARAGRAPHS = 1_580; // 1 p + 1 em + 1 span = 3 elements; with the 56 others: 19,996

function largePage(): string {
  const rows = Array.from(
    { length: ROWS },
    (_, i) =>
      `<tr><td>${i}</td><td><a href="/item/${i}">Item ${i}</a></td><td>${(i * 37) % 1000}</td>` +
      `<td>category ${i % 17}</td><td>${i % 2 ? 'open' : 'closed'}</td><td>note ${i}</td></tr>`,
  ).join('');
  const items = Array.from(
    { length: LIST_ITEMS },
    (_, i) => `<li><a href="/page/${i}">Related link number ${i}</a></li>`,
  ).join('');
  const paragraphs = Array.from(
    { length: PARAGRAPHS },
    (_, i) =>
      `<p>Paragraph ${i}: lorem ipsum dolor sit amet, <em>consectetur</em> adipiscing elit, ` +
      `<span>sed do eiusmod</span> tempor incididunt ut labore et dolore magna aliqua.</p>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>large-page</title></head><body>
<header><form role="search" action="/search"><input type="search" name="q" id="q" placeholder="Search the site"
 aria-label="Search"><button type="submit">Search</button></form>
<nav>${Array.from({ length: 40 }, (_, i) => `<a href="/section/${i}">Section ${i}</a>`).join(' ')}</nav></header>
<main><article>${paragraphs}</article><table><tbody>${rows}</tbody></table><ul>${items}</ul></main>
<footer id="end">End of page</footer></body></html>`;
}

/**
 * 1000 mutations a second: a 4 ms interval does 4 at a time (timers are clamped to ≥ 4 ms after nesting,
 * HTML §timers), rotating through appending a node, removing one, setting an attribute and changing text.
 * `window.__mutations` counts them, so the benchmark can check the rate it got.
 */
function mutatingPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mutating-page</title></head><body>
<input type="search" id="q" aria-label="Search"><ul id="feed"></ul><p id="ticker">0</p>
<script>
(() => {
  const feed = document.getElementById('feed');
  const ticker = document.getElementById('ticker');
  for (let i = 0; i < 200; i++) feed.appendChild(document.createElement('li')).textContent = 'item ' + i;
  let n = 0;
  window.__mutations = 0;
  const start = performance.now();
  setInterval(() => {
    // Catch up to 1 per ms of wall time: intervals run late on a loaded machine.
    const due = Math.floor(performance.now() - start) - window.__mutations;
    for (let k = 0; k < Math.min(due, 50); k++, n++, window.__mutations++) {
      switch (n % 4) {
        case 0: feed.appendChild(document.createElement('li')).textContent = 'item ' + n; break;
        case 1: feed.firstElementChild && feed.firstElementChild.remove(); break;
        case 2: feed.lastElementChild && feed.lastElementChild.setAttribute('data-n', String(n)); break;
        default: ticker.firstChild.data = String(n);
      }
    }
  }, 4);
})();
</script></body></html>`;
}

/**
 * A login form whose fields record their input events: `window.__inputs` gets the wall-clock time of each
 * (performance.timeOrigin + performance.now(), comparable with Node's clock on this machine), and a
 * `console.timeStamp` puts the same moment in a CDP trace. The last Control/Shift keydown is kept (and stamped)
 * too: xdotool presses the modifiers first, and the page sees them (the final L goes to the browser's command).
 */
function loginPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>login-page</title></head><body>
<h1>Sign in to Bench</h1>
<form id="login" action="/signed-in" method="post">
<label>Email <input type="email" name="email" id="email" autocomplete="username"></label>
<label>Password <input type="password" name="password" id="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form>
<script>
(() => {
  window.__inputs = [];
  window.__modifier = 0;
  const now = () => performance.timeOrigin + performance.now();
  for (const id of ['email', 'password']) {
    document.getElementById(id).addEventListener('input', () => {
      window.__inputs.push({ id, at: now() });
      console.timeStamp('bench-input-' + id);
    });
  }
  addEventListener('keydown', (e) => {
    if (e.key !== 'Shift' && e.key !== 'Control') return;
    window.__modifier = now();
    console.timeStamp('bench-modifier');
  }, true);
  document.getElementById('login').addEventListener('submit', (e) => e.preventDefault());
})();
</script></body></html>`;
}

const PAGES: Record<string, () => string> = {
  '/large': largePage,
  '/mutating': mutatingPage,
  '/login': loginPage,
};

/** Serves the pages on a free loopback port (HTML built once; no caching, so every load is a real load). */
export async function startBenchSite(): Promise<BenchSite> {
  const bodies = new Map(Object.entries(PAGES).map(([path, page]) => [path, page()]));
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const body = bodies.get(path);
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
