import { rm } from 'node:fs/promises';
import { builtExtension } from './browsers';
import { SCREENSHOT_ROOT } from './support/screenshots';

/**
 * Once per e2e run: both builds must exist (the tests load what `npm run build` made; scripts/test.sh builds
 * first), and the screenshots of an earlier run go, so the folder shows this run's screens only.
 */
export default async function setup(): Promise<void> {
  builtExtension('chrome');
  builtExtension('firefox');
  await rm(SCREENSHOT_ROOT, { recursive: true, force: true });
}
