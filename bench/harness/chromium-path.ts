import { execFileSync } from 'node:child_process';

/**
 * Debian's Chromium (TOOLCHAIN.md), resolved from PATH and never downloaded; CHROMIUM_PATH overrides it.
 * The same lookup as vitest.config.ts and tests/e2e.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error(
    'Chromium not found on PATH: run `apt-get install -y chromium` (scripts/test.sh does this).',
  );
}
