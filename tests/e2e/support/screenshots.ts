import { closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserName } from './extension-page';

/**
 * Where screenshots go: test-results/screenshots/<browser>/<NN>-<screen>.png (gitignored). NN counts on from
 * the files already there, so the screens of the whole run sort in the order they were taken
 * (tests/e2e/global-setup.ts empties the folder first). Two test files may run at once, so a number is claimed
 * by creating `.NN.claim` exclusively before it is used.
 */
export const SCREENSHOT_ROOT = fileURLToPath(new URL('../../../test-results/screenshots', import.meta.url));

export function screenshotPath(browser: BrowserName, screen: string): string {
  const dir = join(SCREENSHOT_ROOT, browser);
  mkdirSync(dir, { recursive: true });
  const slug = screen
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  for (let next = readdirSync(dir).filter((name) => name.endsWith('.claim')).length + 1; ; next++) {
    const number = String(next).padStart(2, '0');
    try {
      closeSync(openSync(join(dir, `.${number}.claim`), 'wx'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    return join(dir, `${number}-${slug}.png`);
  }
}
