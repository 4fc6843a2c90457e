import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/**
 * The built extensions (`npm run build`), which the e2e tests load as a user would. LATCHKEY_E2E_OUTPUT names
 * another folder holding chrome-mv3/ and firefox-mv3/: a copy of a build, safe from a rebuild running meanwhile.
 */
const OUTPUT = process.env.LATCHKEY_E2E_OUTPUT;
export const BUILD = {
  chrome: OUTPUT
    ? join(OUTPUT, 'chrome-mv3')
    : fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url)),
  firefox: OUTPUT
    ? join(OUTPUT, 'firefox-mv3')
    : fileURLToPath(new URL('../../.output/firefox-mv3', import.meta.url)),
};

/** Fails with the fix when a build is missing, instead of a browser error about an empty extension. */
export function builtExtension(browser: keyof typeof BUILD): string {
  const dir = BUILD[browser];
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`${dir} is missing: run \`npm run build\` first`);
  return dir;
}

/** An executable on PATH, resolved with `which` (TOOLCHAIN.md: never hard-code browser paths). */
export function executable(envOverride: string, names: readonly string[]): string {
  const override = process.env[envOverride];
  if (override) return override;
  for (const name of names) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error(`none of ${names.join(', ')} is on PATH (scripts/test.sh installs them)`);
}

export interface ChromiumWithExtension {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Closes the browser; a profile this call created is deleted, one passed in is kept (for a restart). */
  close(): Promise<void>;
}

export interface ChromiumLaunchOptions {
  /** A profile to reuse (a browser restart); else a throw-away one. */
  profileDir?: string;
  /** More command-line switches, e.g. the fake camera's. */
  args?: readonly string[];
  /**
   * Run headed on this X display (an Xvfb, tests/e2e/support/xvfb.ts) instead of headless: manifest
   * `commands` shortcuts fire only from real key events, which xdotool sends to a headed window.
   */
  display?: string;
}

/** The switches every e2e Chromium gets (TOOLCHAIN.md), besides the extension's. */
const QUIET_CHROMIUM = [
  '--headless=new',
  '--no-first-run',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Debian's Chromium with the built extension loaded unpacked, in a throw-away profile (TOOLCHAIN.md's
 * recipe: Playwright passes --disable-extensions by default, which --disable-extensions-except overrides).
 */
export async function launchChromiumWithExtension(
  extensionDir: string,
  options: ChromiumLaunchOptions = {},
): Promise<ChromiumWithExtension> {
  const ownProfile = options.profileDir === undefined;
  const profile = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'latchkey-e2e-chromium-')));
  const removeProfile = () =>
    ownProfile ? rm(profile, { recursive: true, force: true }) : Promise.resolve();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable('CHROMIUM_PATH', ['chromium', 'chromium-browser', 'google-chrome']),
    headless: options.display === undefined,
    ...(options.display === undefined ? {} : { env: { ...process.env, DISPLAY: options.display } }),
    args: [
      ...(options.display === undefined
        ? QUIET_CHROMIUM
        : QUIET_CHROMIUM.filter((arg) => !arg.startsWith('--headless'))),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.args ?? []),
    ],
  });
  try {
    const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return {
      context,
      serviceWorker,
      extensionId: new URL(serviceWorker.url()).host,
      async close() {
        await context.close();
        await removeProfile();
      },
    };
  } catch (error) {
    await context.close();
    await removeProfile();
    throw error;
  }
}
