import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bundleBrowserBenches, entryName, entryPath, type PageBench } from './browser-bundle';
import { chromiumPath } from './chromium-path';
import { BenchmarkFailure, describeError, parseFigures } from './figures';
import { emptyOutcome, type RunOptions, type RunOutcome } from './run-options';
import { serveDirectory } from './static-server';
import { withTimeLimit } from './time-limit';
import type { Figure } from './types';

/** The flags from the brief / TOOLCHAIN.md: no sandbox (root), nothing that talks to the network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

declare global {
  var __latchkeyBench: PageBench | undefined;
}

type PageResult = { ok: true; figures: unknown } | { ok: false; error: string };

/** One bench file loaded into a fresh page of its own browser context. */
class BenchPage {
  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {}

  static async open(
    browser: Browser,
    origin: string,
    entry: string,
    label: string,
    log: (m: string) => void,
  ) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (message) => log(`[chromium ${label}] ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => log(`[chromium ${label}] uncaught: ${describeError(error)}`));
    const bench = new BenchPage(context, page);
    try {
      await page.goto(origin + '/');
      return { bench, names: await page.evaluate(loadInPage, entry) };
    } catch (error) {
      await bench.close();
      throw error;
    }
  }

  async run(name: string): Promise<Figure[]> {
    const result = await this.page.evaluate(runInPage, name);
    if (!result.ok) throw new BenchmarkFailure(result.error);
    try {
      return parseFigures(name, result.figures);
    } catch (error) {
      throw new BenchmarkFailure(String(error));
    }
  }

  /** Closing the context kills its renderer, even one stuck in a loop; gives up after 10 s. */
  async close(): Promise<void> {
    await withTimeLimit(this.context.close(), 10_000, 'closing the page').catch(() => undefined);
  }
}

// These two run in the page (Playwright serializes them): no closures over runner code. Each first waits
// for a task of its own: code that runs inside DevTools' evaluate is exempt from the page's CSP
// (Runtime.evaluate's allowUnsafeEvalBlockedByCSP), and bench code must run under it, as in the extension.
async function loadInPage(entry: string): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await import(entry);
  if (!globalThis.__latchkeyBench) throw new Error(`${entry} did not set globalThis.__latchkeyBench`);
  return globalThis.__latchkeyBench.names;
}

async function runInPage(name: string): Promise<PageResult> {
  try {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { ok: true, figures: await globalThis.__latchkeyBench!.run(name) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.stack ?? String(error)) : String(error) };
  }
}

/**
 * Runs the selected benchmarks of each browser bench file in real Chromium: bundles every file with Vite,
 * serves the bundles from loopback, and gives each file a fresh page.
 */
export async function runBrowserFiles(
  files: readonly string[],
  root: string,
  options: RunOptions,
): Promise<RunOutcome> {
  const outcome = emptyOutcome();
  if (files.length === 0) return outcome;
  const outDir = await mkdtemp(join(tmpdir(), 'latchkey-bench-'));
  try {
    const bases = await bundle(files, root, outDir, options, outcome);
    if (bases.size === 0) return outcome;
    const server = await serveDirectory(outDir);
    let browser = await launch(options);
    try {
      for (const [file, base] of bases) {
        browser = await runFile(browser, server.origin, file, base, root, options, outcome);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  return outcome;
}

/**
 * One build for all files; when it fails, one build per file, so that a file that does not compile fails
 * alone. Returns each bundled file's URL base.
 */
async function bundle(
  files: readonly string[],
  root: string,
  outDir: string,
  options: RunOptions,
  outcome: RunOutcome,
): Promise<Map<string, string>> {
  const started = performance.now();
  options.log(`bench: bundling ${files.length} browser bench file(s) with Vite …`);
  try {
    await bundleBrowserBenches(files, root, outDir);
    options.log(`bench: bundled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return new Map(files.map((file) => [file, '/']));
  } catch {
    options.log('bench: the bundle failed; bundling each file alone to find the culprit');
  }
  const bases = new Map<string, string>();
  for (const file of files) {
    const base = `/${entryName(file)}/`;
    try {
      await bundleBrowserBenches([file], root, join(outDir, entryName(file)), base);
      bases.set(file, base);
    } catch (error) {
      options.log(`bench: ${file.slice(root.length + 1)} does not bundle: ${describeError(error)}`);
      outcome.failures.push(file.slice(root.length + 1));
    }
  }
  return bases;
}

async function launch(options: RunOptions): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  options.log(`bench: Chromium ${browser.version()}`);
  return browser;
}

/** Runs one file's selected benchmarks; returns the browser to go on with (a new one if it had to be replaced). */
async function runFile(
  browser: Browser,
  origin: string,
  file: string,
  base: string,
  root: string,
  options: RunOptions,
  outcome: RunOutcome,
): Promise<Browser> {
  const relative = file.slice(root.length + 1);
  const entry = entryPath(file, base);
  const open = () =>
    withTimeLimit(
      BenchPage.open(browser, origin, entry, relative, options.log),
      options.timeoutMs,
      `loading ${relative}`,
    );
  let bench: BenchPage | undefined;
  let names: string[];
  try {
    ({ bench, names } = await open());
  } catch (error) {
    options.log(`bench: ${relative} failed to load in Chromium: ${describeError(error)}`);
    outcome.failures.push(relative);
    return browser.isConnected() ? browser : launch(options);
  }
  outcome.names.push(...names);
  const selected = names.filter((name) => name.includes(options.filter));
  outcome.selected.push(...selected);
  if (options.listOnly) selected.forEach((name) => options.log(`${name}  (chromium, ${relative})`));
  for (const name of options.listOnly ? [] : selected) {
    options.log(`bench: ${name} (chromium) …`);
    const started = performance.now();
    try {
      if (!bench) {
        // The previous benchmark hung or crashed the page: a fresh one runs the rest of the file.
        if (!browser.isConnected()) browser = await launch(options);
        ({ bench } = await open());
      }
      const figures = await withTimeLimit(bench.run(name), options.timeoutMs, name);
      figures.forEach((figure) => options.report(figure, 'chromium'));
      options.log(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      outcome.failures.push(name);
      options.log(`bench: ${name} FAILED (chromium): ${describeError(error)}`);
      // A benchmark that threw leaves its page usable (runInPage caught it); a time-out or crash does not.
      if (!(error instanceof BenchmarkFailure)) {
        await bench?.close();
        bench = undefined;
      }
    }
  }
  await bench?.close();
  return browser;
}
