import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { builtExtension, launchChromiumWithExtension } from '../../tests/e2e/browsers';
import { chromiumPath } from '../harness/chromium-path';
import { attribute, rendererMainMs, startTrace, type Attribution, type TraceEvent } from './content-trace';

/**
 * Loads a page in headless Chromium, traced (content-trace.ts), with the built extension or without it, and
 * answers what each load cost: the content script's attributed time and the renderers' total busy time.
 */
export interface LoadCost extends Attribution {
  rendererMainMs: number;
  /** Seconds the trace covered after the load (mutation cost is per second of it). */
  tracedSeconds: number;
  /** What the page reported at the end (element count, mutation count). */
  page: Record<string, number>;
}

/** One traced visit: what to do on the page, and what to read from it at the end. */
export interface Visit {
  path: string;
  /** Start tracing only after the load (+ `settleMs`), for steady-state figures such as the mutation cost. */
  traceAfterLoad: boolean;
  settleMs: number;
  act(page: Page): Promise<void>;
  probe: string;
  /** Trace with the V8 sampling profiler too (content-trace.ts SAMPLING_CATEGORY: it slows what it sees). */
  sampling: boolean;
}

/** The switches the e2e browsers get besides the extension's (tests/e2e/browsers.ts, TOOLCHAIN.md). */
const QUIET = [
  '--no-first-run',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * The Chrome build to measure: .output/chrome-mv3, or LATCHKEY_BENCH_EXTENSION_DIR (a copy of a build, to
 * measure one snapshot while the working tree is rebuilt).
 */
export function benchExtension(): string {
  return process.env.LATCHKEY_BENCH_EXTENSION_DIR ?? builtExtension('chrome');
}

/**
 * The content side's scripts: the always-on loader (content.js) and the agent it imports on demand
 * (autofill-agent.js; in Chrome through a use_dynamic_url web-accessible URL, whose host is a per-session id
 * rather than the extension id). Only our extension is loaded in the bench browser.
 */
export function contentScripts(loaderUrl: string): (url: string) => boolean {
  return (url) => url.startsWith(loaderUrl) || /^chrome-extension:\/\/[^/]+\/autofill-agent\.js/.test(url);
}

export interface TracedBrowser {
  /** '' without the extension: nothing is attributed then. */
  scriptUrl: string;
  visit(origin: string, visit: Visit): Promise<LoadCost>;
  close(): Promise<void>;
}

export async function launchTraced(withExtension: boolean): Promise<TracedBrowser> {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let scriptUrl = '';
  if (withExtension) {
    const browser = await launchChromiumWithExtension(benchExtension());
    context = browser.context;
    close = browser.close;
    scriptUrl = `chrome-extension://${browser.extensionId}/content.js`;
  } else {
    // Launched as the extension's browser is (a persistent profile, the same switches), minus the extension.
    const profile = await mkdtemp(join(tmpdir(), 'latchkey-bench-content-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: ['--headless=new', ...QUIET],
    });
    close = async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    };
  }
  return {
    scriptUrl,
    close,
    async visit(origin, visit) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      try {
        let stop = visit.traceAfterLoad ? undefined : await startTrace(cdp, visit.sampling);
        await page.goto(`${origin}${visit.path}`, { waitUntil: 'load' });
        await page.waitForTimeout(visit.settleMs);
        stop ??= await startTrace(cdp, visit.sampling);
        const started = performance.now();
        await visit.act(page);
        const tracedSeconds = (performance.now() - started) / 1000;
        const pageFigures = (await page.evaluate(visit.probe)) as Record<string, number>;
        const events = await stop();
        await keepTrace(events, visit.path, scriptUrl !== '');
        const attribution = scriptUrl
          ? attribute(events, contentScripts(scriptUrl))
          : { eventsMs: 0, samplesMs: 0, byEvent: {} };
        return {
          ...attribution,
          rendererMainMs: rendererMainMs(events, `${origin}${visit.path}`),
          tracedSeconds,
          page: pageFigures,
        };
      } finally {
        await cdp.detach().catch(() => undefined);
        await page.close();
      }
    },
  };
}

/**
 * LATCHKEY_BENCH_TRACE_DIR=<dir> keeps every trace as <dir>/content-<page>-<with|without>-<time>.json, which
 * Chrome DevTools' Performance panel (or https://ui.perfetto.dev) opens: to see what the figure is made of.
 */
async function keepTrace(events: readonly TraceEvent[], path: string, withExtension: boolean): Promise<void> {
  const dir = process.env.LATCHKEY_BENCH_TRACE_DIR;
  if (!dir) return;
  const file = join(
    dir,
    `content${path.replace(/\W+/g, '-')}-${withExtension ? 'with' : 'without'}-${Date.now()}.json`,
  );
  await writeFile(file, JSON.stringify({ traceEvents: events }));
  console.error(`bench: trace written to ${file}`);
}

/**
 * What a reader does on a long page: idles, scrolls down in a few wheel steps, clicks text, focuses the search
 * box and types a query, idles again. Every input is trusted (CDP Input events), as the content script's
 * listeners (focusin, click, keydown, input in the capture phase) would see from a user.
 */
export async function readAndSearch(page: Page): Promise<void> {
  await page.waitForTimeout(1_000);
  for (let step = 0; step < 5; step++) {
    await page.mouse.wheel(0, 1_500);
    await page.waitForTimeout(150);
  }
  await page.click('article p:nth-of-type(20)');
  await page.click('#q');
  await page.keyboard.type('latchkey bench', { delay: 30 });
  await page.click('footer');
  await page.waitForTimeout(1_000);
}

/** Counts the page reports: its elements, and the mutating page's mutation counter. */
export const PAGE_PROBE = `({
  elements: document.getElementsByTagName('*').length,
  mutations: window.__mutations ?? 0,
  uptimeMs: Math.round(performance.now()),
})`;
