import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtExtension, launchChromiumWithExtension, type ChromiumWithExtension } from './browsers';

/**
 * What the manifest may ask for, per build (SECURITY.md justifies each); a new permission must change this
 * test. Only Chrome has the offscreen API (the clipboard clear after the popup closes; lib/clipboard).
 */
const PERMISSIONS = {
  chrome: ['storage', 'alarms', 'activeTab', 'clipboardWrite', 'offscreen'],
  firefox: ['storage', 'alarms', 'activeTab', 'clipboardWrite'],
};

/** The manifest fields these tests read, as `chrome.runtime.getManifest()` returns them. */
interface LoadedManifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_security_policy?: { extension_pages?: string };
  content_scripts?: unknown[];
  web_accessible_resources?: unknown[];
}

/**
 * The always-on autofill loader (entrypoints/content), declared by wxt.config.ts rather than by WXT's
 * content-script wrapper: one script, every frame, once the page has loaded.
 */
const CONTENT_SCRIPTS = [
  { matches: ['<all_urls>'], js: ['content.js'], all_frames: true, run_at: 'document_idle' },
];

/**
 * What web pages may load from us: the two framed pages, and the agent the loader imports (a content script's
 * import() is fetched as a web-accessible resource; Chrome only through its per-session dynamic URL).
 */
const WEB_ACCESSIBLE = {
  chrome: [
    { resources: ['inline-menu.html', 'save-prompt.html'], matches: ['<all_urls>'] },
    { resources: ['autofill-agent.js'], matches: ['<all_urls>'], use_dynamic_url: true },
  ],
  firefox: [
    { resources: ['inline-menu.html', 'save-prompt.html'], matches: ['<all_urls>'] },
    { resources: ['autofill-agent.js'], matches: ['<all_urls>'] },
  ],
};

/** The loader is small and holds none of the agent (detection, fill, menu: the messages the agent sends). */
async function expectLoaderAndAgent(dir: string): Promise<void> {
  const loader = await readFile(join(dir, 'content.js'), 'utf8');
  expect(loader.length).toBeGreaterThan(0);
  expect(loader.length).toBeLessThan(4 * 1024);
  expect(loader).not.toContain('autofill.candidates');
  const agent = await readFile(join(dir, 'autofill-agent.js'), 'utf8');
  expect(agent).toContain('autofill.candidates');
}

// The extension's own `chrome` global, reached inside its service worker through `evaluate`.
declare const chrome: { runtime: { getManifest(): LoadedManifest } };

/** The smallest valid WebAssembly module: magic "\0asm" and version 1 (WebAssembly core spec §5.5.16). */
const EMPTY_WASM_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

describe('the Chrome build loaded in Chromium', () => {
  let chromium: ChromiumWithExtension;

  beforeAll(async () => {
    chromium = await launchChromiumWithExtension(builtExtension('chrome'));
  });
  afterAll(async () => {
    await chromium?.close();
  });

  test('runs its background as a service worker', () => {
    expect(chromium.extensionId).toMatch(/^[a-p]{32}$/);
    expect(chromium.serviceWorker.url()).toBe(`chrome-extension://${chromium.extensionId}/background.js`);
  });

  test('renders the popup with the Latchkey heading and no errors', async () => {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`chrome-extension://${chromium.extensionId}/popup.html`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Latchkey');
    expect(await page.title()).toBe('Latchkey');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('has exactly the expected permissions, as Chromium loaded them', async () => {
    const manifest = await chromium.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions ?? []).toEqual(PERMISSIONS.chrome);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  test('declares the autofill loader and its agent, and ships them', async () => {
    const manifest = await chromium.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.content_scripts).toMatchObject(CONTENT_SCRIPTS);
    expect(manifest.web_accessible_resources).toEqual(WEB_ACCESSIBLE.chrome);
    await expectLoaderAndAgent(builtExtension('chrome'));
  });

  test("allows WebAssembly ('wasm-unsafe-eval') in extension pages, and still no eval", async () => {
    const manifest = await chromium.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    const csp = manifest.content_security_policy?.extension_pages;
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'|https?:/);

    // The policy as enforced, not just as written: the popup can compile WebAssembly but not eval strings.
    const page = await chromium.context.newPage();
    await page.goto(`chrome-extension://${chromium.extensionId}/popup.html`);
    const enforced = await page.evaluate(async (bytes) => {
      const wasm = await WebAssembly.compile(new Uint8Array(bytes)).then(
        () => 'compiled',
        (error: unknown) => String(error),
      );
      let evalResult: string;
      try {
        evalResult = String((0, eval)('1 + 1'));
      } catch (error) {
        evalResult = (error as Error).name;
      }
      return { wasm, evalResult };
    }, EMPTY_WASM_MODULE);
    expect(enforced).toEqual({ wasm: 'compiled', evalResult: 'EvalError' });
    await page.close();
  });
});

describe('the Firefox build', () => {
  test('is MV3 with a gecko id, its permissions and the same CSP', async () => {
    const manifest = JSON.parse(await readFile(join(builtExtension('firefox'), 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(manifest.permissions ?? []).toEqual(PERMISSIONS.firefox);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_security_policy?.extension_pages).toContain("'wasm-unsafe-eval'");
    expect(manifest.content_scripts).toEqual(CONTENT_SCRIPTS);
    expect(manifest.web_accessible_resources).toEqual(WEB_ACCESSIBLE.firefox);
    await expectLoaderAndAgent(builtExtension('firefox'));
  });
});
