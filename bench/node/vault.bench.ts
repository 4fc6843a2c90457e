import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import {
  builtExtension,
  launchChromiumWithExtension,
  type ChromiumWithExtension,
} from '../../tests/e2e/browsers';
import { newUser } from '../../tests/e2e/support/accounts';
import { sampleLogin, signUpNodeDevice } from '../../tests/e2e/support/node-device';
import { Databases, startServer, type TestServer } from '../../tests/server/http/harness';
import { median, type Benchmark, type Figure } from '../harness/types';

/**
 * The vault's budgets (issue 5, DESIGN §7), measured in the BUILT Chrome extension in real Chromium against the
 * real server on loopback, with a vault of 10,000 logins (~0.5 KB sealed each) that another device of the
 * account (tests/e2e/support/node-device.ts, in this process) pushed to the server first.
 *
 *   vault.sync.first.10k.ms    a fresh device's first sync: from the sign-in's answer (the sync starts as the
 *                              device unlocks, a few ms before) until the status reports it done
 *   vault.sync.nochange.ms     `sync.now` with nothing new, as the popup's button sends it (message included)
 *   vault.unlock.10k.ms        locked → `unlock` (Argon2id, keys, the server check, vault opened: every
 *                              overview decrypted) → the first screenful of `vault.list` answered, as the popup
 *                              asks it after an unlock: password to list ready to paint
 *   vault.unlock.whole-list.10k.ms  the same, until the whole listing (10k items) has arrived too
 *   vault.popup.paint.10k.ms   popup.html opened while unlocked → the first row of the list painted (the frame
 *                              after it entered the DOM), from the page's time origin
 *   vault.list.message.10k.ms  one `vault.list` round trip from an extension page (part of the paint)
 *   vault.search.10k.ms        one keystroke in "Search vault" → results rendered and laid out
 *   vault.background.heap.mb   the service worker's JS heap after a forced GC, after 100 popup opens (each
 *                              painting the 10k list), with the figure after 10 opens beside it: it must not grow
 *
 * Needs `npm run build` first (the bench loads .output/chrome-mv3). Timings are medians; the spread is beside.
 */
const RECORDS = 10_000;
const POPUP_OPENS = 100;

export const benchmarks: Benchmark[] = [
  {
    name: 'vault',
    async run() {
      const extension = builtExtension('chrome');
      const databases = new Databases();
      const server = await startServer({ backend: 'sqlite', databases });
      const profileDir = await mkdtemp(join(tmpdir(), 'latchkey-bench-vault-'));
      let browser: ChromiumWithExtension | undefined;
      try {
        const user = newUser('bench');
        const node = await signUpNodeDevice(server.baseUrl, user);
        const records = Array.from({ length: RECORDS }, (_, n) => sampleLogin(n));
        await node.pushNew(records);
        browser = await launchChromiumWithExtension(extension, { profileDir });
        return await measure(browser, server, user, node.kitText);
      } finally {
        await browser?.close();
        await server.stop();
        await databases.stop();
        await rm(profileDir, { recursive: true, force: true });
      }
    },
  },
];

/**
 * Sends protocol messages from an extension page, in the page, timed there. A vault listing is summarised
 * (its item count) before it comes back: page.evaluate carries answers to Node over CDP, and 10,000 items
 * would cost that transfer (seconds), not the extension.
 */
const PAGE_SENDER = `globalThis.__bench = async (steps) => {
  const start = performance.now();
  const answers = [];
  for (const [type, request] of steps) {
    const answer = await chrome.runtime.sendMessage({ type, request });
    if (!answer || !answer.ok) return { ms: performance.now() - start, failed: type, error: answer && answer.error };
    const value = answer.value;
    answers.push(value && Array.isArray(value.items) ? { items: value.items.length, total: value.total, damaged: value.damaged.length } : value);
  }
  return { ms: performance.now() - start, answers };
};
// Authenticates (the device unlocks and starts its first sync before answering) and polls the status every
// 20 ms from the answer until the sync is done (more often would load the worker it measures).
globalThis.__firstSync = async (kitText) => {
  const signedIn = await chrome.runtime.sendMessage({ type: 'signIn.authenticate', request: { kitText, source: 'key-file' } });
  if (!signedIn.ok) return { error: JSON.stringify(signedIn.error) };
  const start = performance.now();
  for (;;) {
    const status = await chrome.runtime.sendMessage({ type: 'sync.status', request: {} });
    if (!status.ok) return { error: JSON.stringify(status.error) };
    if (status.value.lastSuccessAt !== null && !status.value.syncing) return { ms: performance.now() - start };
    if (status.value.lastError) return { error: JSON.stringify(status.value.lastError) };
    if (performance.now() - start > 60000) return { error: 'over 60 s' };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};`;

type Step = [type: string, request: unknown];
type Send = (...steps: Step[]) => Promise<{ ms: number; answers: unknown[] }>;

async function sender(page: Page): Promise<Send> {
  await page.evaluate(PAGE_SENDER);
  return async (...steps) => {
    const result = (await page.evaluate(
      (s) => (globalThis as unknown as { __bench(s: unknown): Promise<unknown> }).__bench(s),
      steps,
    )) as { ms: number; answers?: unknown[]; failed?: string; error?: unknown };
    if (result.failed) throw new Error(`${result.failed} failed: ${JSON.stringify(result.error)}`);
    return { ms: result.ms, answers: result.answers ?? [] };
  };
}

/** One message's answer (failures throw). */
async function expectOk(send: Send, type: string, request: unknown = {}): Promise<unknown> {
  return (await send([type, request])).answers[0];
}

function spread(name: string, values: number[], unit = 'ms'): Figure {
  return {
    name,
    value: Math.round(median(values) * 10) / 10,
    unit,
    runs: values.length,
    min: Math.round(Math.min(...values) * 10) / 10,
    max: Math.round(Math.max(...values) * 10) / 10,
  };
}

async function measure(
  browser: ChromiumWithExtension,
  server: TestServer,
  user: { email: string; password: string },
  kitText: string,
): Promise<Figure[]> {
  const origin = `chrome-extension://${browser.extensionId}`;
  // A page of the extension to send protocol messages from (any of our pages is a trusted sender).
  // The popup's document with the app kept from starting (no #app to render into): a quiet page whose own
  // rendering does not share the main thread with the measured messages.
  const control = await browser.context.newPage();
  await control.addInitScript(QUIET_PAGE);
  await control.goto(`${origin}/popup.html`);
  const send = await sender(control);

  // ---- first sync (three fresh devices in turn: sign in, sync, sign out deletes the vault) ----
  const sw = await serviceWorkerSession(control);
  const profileDir = process.env.LATCHKEY_BENCH_SW_PROFILE;
  const first: number[] = [];
  for (let run = 0; run < 3; run++) {
    if (profileDir && run === 2) await sw.startProfile();
    await expectOk(send, 'signIn.begin', {
      serverUrl: server.baseUrl,
      email: user.email,
      password: user.password,
    });
    const firstSync = (await control.evaluate(
      (kit) => (globalThis as unknown as { __firstSync(k: string): Promise<unknown> }).__firstSync(kit),
      kitText,
    )) as { ms: number } | { error: string };
    if ('error' in firstSync) throw new Error(`first sync failed: ${firstSync.error}`);
    first.push(firstSync.ms);
    const listing = (await expectOk(send, 'vault.list')) as { items: number };
    if (listing.items !== RECORDS) throw new Error(`expected ${RECORDS} items, got ${listing.items}`);
    if (run < 2) await expectOk(send, 'account.signOut', { discardUnsynced: false });
  }

  // ---- a sync with nothing new ----
  const nochange: number[] = [];
  for (let run = 0; run < 21; run++) {
    const { ms } = await send(['sync.now', {}]);
    if (run > 0) nochange.push(ms);
  }

  if (profileDir) await sw.stopProfile(join(profileDir, `vault-first-sync-${Date.now()}.cpuprofile`));

  // ---- unlock: password → list ready ----
  if (profileDir) await sw.startProfile();
  const unlock: number[] = [];
  const unlockWhole: number[] = [];
  for (let run = 0; run < 6; run++) {
    await expectOk(send, 'lock');
    // As the popup does after an unlock: the first screenful (home-model.ts FIRST_SCREEN_ROWS), then the rest.
    const { ms, answers } = await send(
      ['unlock', { password: user.password }],
      ['vault.list', { first: 50 }],
    );
    const rest = await send(['vault.list', {}]);
    if (run > 0) {
      unlock.push(ms);
      unlockWhole.push(ms + rest.ms);
    }
    const firstScreen = answers[1] as { total: number };
    if (firstScreen.total !== RECORDS || (rest.answers[0] as { items: number }).items !== RECORDS)
      throw new Error('the unlocked list is incomplete');
  }
  if (profileDir) await sw.stopProfile(join(profileDir, `vault-unlock-${Date.now()}.cpuprofile`));
  // Let the sync that every unlock starts finish before the paint figures.
  await expectOk(send, 'sync.now');

  // ---- what the paint is made of: the list message alone (10k items through runtime messaging) ----
  const listMessage: number[] = [];
  for (let run = 0; run < 11; run++) {
    const { ms } = await send(['vault.list', {}]);
    if (run > 0) listMessage.push(ms);
  }

  // ---- popup paint, and the background's heap over 100 opens ----
  const paint: number[] = [];
  const search: number[] = [];
  let heapAt10 = 0;
  for (let open = 1; open <= POPUP_OPENS; open++) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    await page.addInitScript(PAINT_PROBE);
    // With LATCHKEY_BENCH_SW_PROFILE, the third popup's page is profiled too (its paint is still counted).
    const cdp = profileDir && open === 3 ? await browser.context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${origin}/popup.html`);
    const painted = await page.waitForFunction(
      () => (globalThis as unknown as { __painted?: number }).__painted,
      null,
      {
        timeout: 30_000,
        polling: 20,
      },
    );
    const ms = (await painted.jsonValue()) as number;
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(join(profileDir, `vault-popup-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      await cdp.detach();
    }
    if (open > 1 && open <= 21) paint.push(ms);
    // The search figure: typed in one of the opened popups, after its paint was measured.
    if (open === 2) search.push(...(await searchKeystrokes(page)));
    await page.close();
    if (open === 10) heapAt10 = await sw.heapMb();
  }
  const heapAt100 = await sw.heapMb();
  await sw.close();
  await control.close();

  return [
    spread('vault.sync.first.10k.ms', first),
    spread('vault.sync.nochange.ms', nochange),
    spread('vault.unlock.10k.ms', unlock),
    spread('vault.unlock.whole-list.10k.ms', unlockWhole),
    spread('vault.popup.paint.10k.ms', paint),
    spread('vault.list.message.10k.ms', listMessage),
    { ...spread('vault.search.10k.ms', search), p95: percentile(search, 0.95) },
    {
      name: 'vault.background.heap.mb',
      value: Math.round(heapAt100 * 10) / 10,
      unit: 'MB',
      after10Opens: Math.round(heapAt10 * 10) / 10,
      opens: POPUP_OPENS,
    },
  ];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
}

const QUIET_PAGE = `new MutationObserver((_, observer) => {
  const app = document.getElementById('app');
  if (app) { app.id = 'app-not-started'; observer.disconnect(); }
}).observe(document, { childList: true, subtree: true });`;

/**
 * Runs before the popup's scripts: records when the first row of the vault list is in the DOM, then the next
 * frame (requestAnimationFrame + a task: the frame that shows it has been produced), as ms from time origin.
 */
const PAINT_PROBE = `(() => {
  const seen = () => document.querySelector('[role="listbox"][aria-label="Vault items"] [role="option"]');
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { globalThis.__painted = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/**
 * Types a query one key at a time; each figure is from the input event until the results are rendered and laid
 * out (the frame that shows them follows at the display's next tick).
 * A string, not a function: tsx would wrap a function's inner helpers in `__name`, which the page lacks.
 */
const SEARCH_KEYSTROKES = `(async () => {
  const input = document.querySelector('input[aria-label="Search vault"]');
  if (!input) throw new Error('no search field');
  const times = [];
  // The results rendered (Preact renders after a task at the latest) and laid out: the keystroke's own work.
  // Waiting for the next frame instead would measure the display's 16.7 ms cadence, not the work.
  const rendered = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.body.getBoundingClientRect();
  };
  for (const query of ['site 1', 'mail', 'user42', 'bank 9', 'example.com']) {
    for (let i = 1; i <= query.length; i++) {
      const start = performance.now();
      input.value = query.slice(0, i);
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await rendered();
      times.push(performance.now() - start);
    }
    input.value = '';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  return times;
})()`;

async function searchKeystrokes(page: Page): Promise<number[]> {
  return (await page.evaluate(SEARCH_KEYSTROKES)) as number[];
}

/**
 * The service worker over CDP: Playwright gives CDP sessions for pages only, so a page's session attaches to the
 * worker's target and talks to it through Target.sendMessageToTarget.
 */
interface WorkerSession {
  heapMb(): Promise<number>;
  /** LATCHKEY_BENCH_SW_PROFILE=<dir>: a V8 CPU profile of the worker over the unlocks (Chrome DevTools opens it). */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  close(): Promise<void>;
}

async function serviceWorkerSession(page: Page): Promise<WorkerSession> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const target = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
  );
  if (!target) throw new Error('no extension service worker target');
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })) as {
    sessionId: string;
  };
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  return {
    async heapMb() {
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize / (1024 * 1024);
    },
    async startProfile() {
      await call('Profiler.enable');
      await call('Profiler.setSamplingInterval', { interval: 200 });
      await call('Profiler.start');
    },
    async stopProfile(file) {
      const { profile } = (await call('Profiler.stop')) as { profile: unknown };
      await writeFile(file, JSON.stringify(profile));
      console.error(`bench: service-worker profile written to ${file}`);
    },
    async close() {
      await cdp.detach();
    },
  };
}
