import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newUser } from '../../tests/e2e/support/accounts';
import { AUTOFILL_COMMAND, AUTOFILL_SHORTCUT } from '../../lib/autofill/autofill-command';
import type { ChromiumWithExtension } from '../../tests/e2e/browsers';
import { ChromiumPage } from '../../tests/e2e/support/chromium-page';
import { startE2eServer } from '../../tests/e2e/support/e2e-server';
import { POPUP_VIEWPORT } from '../../tests/e2e/support/extension-page';
import { sampleLogin, signUpNodeDevice } from '../../tests/e2e/support/node-device';
import { signInWith } from '../../tests/e2e/support/popup-flows';
import { expectRow, expectSettled } from '../../tests/e2e/support/vault-flows';
import { startXvfb, type Xvfb } from '../../tests/e2e/support/xvfb';
import { median, type Figure } from '../harness/types';
import { launchWithCommandBound } from './command-binding';
import { benchExtension, contentScripts } from './content-load';
import { startBenchSite } from './content-pages';
import { startTrace, type TraceEvent } from './content-trace';

/**
 * content.fill.ms: the autofill shortcut really pressed → the login page's password field filled.
 *
 * Manifest commands fire only from real key events (TOOLCHAIN.md), so Chromium runs headed on a private Xvfb
 * and xdotool presses the fill shortcut (lib/autofill/autofill-command.ts) as in tests/e2e/sync-shortcut.e2e.ts;
 * where Chromium left the command unbound, command-binding.ts binds it as the shortcuts page would.
 * The extension is signed in through the popup with a key file of an account that another device
 * (node-device.ts) gave exactly one login for the bench page's origin, so the shortcut fills it directly.
 *
 * Clocks: Node takes performance.timeOrigin + performance.now() just before it runs xdotool; the page records
 * the same wall-clock expression when its fields' input events fire (content-pages.ts). Both read the system
 * clock, so the difference is the shortcut's latency, including xdotool's ~2–5 ms start-up and the X server.
 * `fromModifierMs` starts at the page's Shift/Control keydown instead (xdotool presses the modifiers first).
 *
 * The in-page part comes from traced presses (tracing slows everything a little, so they are separate
 * runs): from the first event of the content script after the modifiers' keydown (the fill message's
 * dispatch) to the page's `console.timeStamp` in the password field's input listener, both in trace time.
 */
const PRESSES = 10;
const TRACED_PRESSES = 5;
/** The default binding as xdotool names the keys (alt+shift+l). */
const XDOTOOL_KEYS = AUTOFILL_SHORTCUT.default.toLowerCase();
const FILL_TIMEOUT_MS = 5_000;

const PASSWORD_FILLED = `(() => (window.__inputs || []).some((i) => i.id === 'password'))()`;

/** Empties the fields with the native setter (no events: nothing for the content script to react to). */
const CLEAR = `(() => {
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  for (const id of ['email', 'password']) set.call(document.getElementById(id), '');
  window.__inputs = [];
  window.__modifier = 0;
  document.activeElement && document.activeElement !== document.body && document.activeElement.blur();
  return true;
})()`;

interface Press {
  totalMs: number;
  fromModifierMs: number;
}

async function press(page: Page, xvfb: Xvfb, logged: readonly string[]): Promise<Press> {
  await page.evaluate(CLEAR);
  await page.waitForTimeout(300);
  const sent = performance.timeOrigin + performance.now();
  xvfb.key(XDOTOOL_KEYS);
  const filled = await page
    .waitForFunction(PASSWORD_FILLED, null, { timeout: FILL_TIMEOUT_MS, polling: 50 })
    .then(() => true)
    .catch(() => false);
  if (!filled) {
    const focus = await page.evaluate('[document.hasFocus(), document.visibilityState]');
    throw new Error(
      `The fill shortcut filled nothing within ${FILL_TIMEOUT_MS} ms (is the autofill built? npm run build); ` +
        `page focus and visibility ${JSON.stringify(focus)}; the extension logged:\n` +
        (logged.join('\n') || '(nothing)'),
    );
  }
  await page.waitForTimeout(100); // a username input event may follow the password's
  const { inputs, modifier } = (await page.evaluate(
    '({ inputs: window.__inputs, modifier: window.__modifier })',
  )) as {
    inputs: Array<{ id: string; at: number }>;
    modifier: number;
  };
  const last = Math.max(...inputs.map((input) => input.at));
  return { totalMs: last - sent, fromModifierMs: modifier > 0 ? last - modifier : Number.NaN };
}

/**
 * Trace time (µs) from the content script's first event after the modifiers' keydowns (the loader's or the
 * agent's: content-load.ts contentScripts) to the last input.
 */
function inPageMs(events: readonly TraceEvent[], scriptUrl: string): number {
  const ours = contentScripts(scriptUrl);
  const stamps = (prefix: string) =>
    events
      .filter((e) => e.name === 'TimeStamp')
      .filter((e) =>
        String((e.args?.data as { message?: unknown } | undefined)?.message ?? '').startsWith(prefix),
      )
      .map((e) => e.ts);
  const modifier = Math.max(...stamps('bench-modifier'));
  const lastInput = Math.max(...stamps('bench-input-'));
  // The keydown dispatch that holds the modifier's stamp: the content script's own keydown listener runs in it.
  const dispatchEnd = Math.max(
    modifier,
    ...events
      .filter(
        (e) =>
          e.name === 'EventDispatch' && e.ph === 'X' && e.ts <= modifier && e.ts + (e.dur ?? 0) >= modifier,
      )
      .map((e) => e.ts + (e.dur ?? 0)),
  );
  const scriptStarts = events
    .filter((e) => {
      const data = (e.args?.data ?? {}) as { url?: unknown };
      return typeof data.url === 'string' && ours(data.url) && e.ts > dispatchEnd;
    })
    .map((e) => e.ts);
  const arrival = Math.min(...scriptStarts);
  if (!Number.isFinite(arrival) || !Number.isFinite(lastInput) || lastInput < arrival) return Number.NaN;
  return (lastInput - arrival) / 1000;
}

export async function measureFill(): Promise<Figure[]> {
  const [xvfb, server, site, dir] = await Promise.all([
    startXvfb(),
    startE2eServer(),
    startBenchSite(),
    mkdtemp(join(tmpdir(), 'latchkey-bench-fill-')),
  ]);
  let browser: ChromiumWithExtension | undefined;
  try {
    const user = newUser('bench-fill');
    const node = await signUpNodeDevice(server.url, user);
    const login = sampleLogin(1);
    if (login.type !== 'login') throw new Error('sampleLogin made no login');
    login.fields.urls = [{ url: `${site.origin}/login`, match: 'base-domain' }];
    await node.pushNew([login]);
    const keyFile = join(dir, 'bench.lkkey');
    await writeFile(keyFile, node.kitText);

    const bound = await launchWithCommandBound(benchExtension(), {
      profileDir: join(dir, 'profile'),
      display: xvfb.display,
      command: AUTOFILL_COMMAND,
      shortcut: AUTOFILL_SHORTCUT.default,
    });
    browser = bound.browser;
    const origin = `chrome-extension://${browser.extensionId}`;
    // What the worker and the pages log (warnings and errors): shown when a press fills nothing.
    const logged: string[] = [];
    browser.context.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        logged.push(`${message.page()?.url() ?? 'service worker'} ${message.type()}: ${message.text()}`);
    });
    const popupPage = await browser.context.newPage();
    await popupPage.setViewportSize(POPUP_VIEWPORT);
    await popupPage.goto(`${origin}/popup.html`);
    const popup = new ChromiumPage(popupPage);
    await signInWith(popup, server.url, user, 'Key file', keyFile);
    await expectSettled(popup);
    await expectRow(popup, login.fields.title);

    const page = await browser.context.newPage();
    await page.goto(`${site.origin}/login`);
    await page.bringToFront();
    await xvfb.focusWindow('login-page');
    await press(page, xvfb, logged); // warm-up: the first fill may wake the worker and compile code
    const presses: Press[] = [];
    for (let run = 0; run < PRESSES; run++) presses.push(await press(page, xvfb, logged));

    const scriptUrl = `${origin}/content.js`;
    const cdp = await page.context().newCDPSession(page);
    const inPage: number[] = [];
    for (let run = 0; run < TRACED_PRESSES; run++) {
      const stop = await startTrace(cdp);
      await press(page, xvfb, logged);
      inPage.push(inPageMs(await stop(), scriptUrl));
    }
    await cdp.detach();

    const totals = presses.map((p) => p.totalMs);
    const round = (value: number) => Math.round(value * 10) / 10;
    const measuredInPage = inPage.filter((ms) => Number.isFinite(ms));
    const figures: Figure[] = [
      {
        name: 'content.fill.ms',
        value: round(median(totals)),
        unit: 'ms',
        runs: totals.length,
        min: round(Math.min(...totals)),
        max: round(Math.max(...totals)),
        fromModifierMs: round(median(presses.map((p) => p.fromModifierMs))),
        budget: 50,
        binding: bound.binding,
      },
    ];
    if (measuredInPage.length > 0) {
      figures.push({
        name: 'content.fill.in-page.ms',
        value: round(median(measuredInPage)),
        unit: 'ms',
        runs: measuredInPage.length,
        min: round(Math.min(...measuredInPage)),
        max: round(Math.max(...measuredInPage)),
      });
    } else {
      console.error('bench: content.fill.in-page.ms: no traced press showed the fill message and the input');
    }
    return figures;
  } finally {
    await browser?.close();
    await site.close();
    await server.stop();
    await xvfb.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
