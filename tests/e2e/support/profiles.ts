import { afterAll, beforeEach } from 'vitest';
import { ChromiumProfile } from './chromium-profile';
import type { BrowserName, BrowserProfile } from './extension-page';
import { FirefoxProfile, type FirefoxPrefs } from './firefox-profile';

/** Both browsers, in the order the suites run them. */
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export interface LaunchOptions {
  /** Chromium command-line switches for this profile. */
  chromiumArgs?: readonly string[];
  /** Firefox prefs for this profile. */
  firefoxPrefs?: FirefoxPrefs;
}

/**
 * The browser profiles of one test file: launched on demand, screenshotted when a test fails
 * (test-results/screenshots/<browser>/NN-failed-<test>.png), and all closed after the file.
 */
export function useProfiles(): {
  launch(browser: BrowserName, options?: LaunchOptions): Promise<BrowserProfile>;
  /** `display`: headed on that X display (support/xvfb.ts), for pressing manifest shortcuts. */
  launchChromium(args?: readonly string[], display?: string): Promise<ChromiumProfile>;
  launchFirefox(prefs?: FirefoxPrefs, display?: string): Promise<FirefoxProfile>;
  close(profile: BrowserProfile): Promise<void>;
} {
  const open = new Set<BrowserProfile>();
  beforeEach((context) => {
    context.onTestFailed(async () => {
      for (const profile of open) await profile.captureFailure(context.task.name).catch(() => undefined);
    });
  });
  afterAll(async () => {
    for (const profile of open) await profile.close().catch(() => undefined);
    open.clear();
  });
  const track = <P extends BrowserProfile>(profile: P): P => {
    open.add(profile);
    return profile;
  };
  const launchChromium = async (args: readonly string[] = [], display?: string) =>
    track(await ChromiumProfile.launch(args, display));
  const launchFirefox = async (prefs: FirefoxPrefs = {}, display?: string) =>
    track(await FirefoxProfile.launch(prefs, display));
  return {
    launchChromium,
    launchFirefox,
    launch: (browser, options = {}) =>
      browser === 'chromium' ? launchChromium(options.chromiumArgs) : launchFirefox(options.firefoxPrefs),
    async close(profile) {
      open.delete(profile);
      await profile.close();
    },
  };
}
