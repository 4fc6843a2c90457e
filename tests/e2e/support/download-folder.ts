import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor, type DownloadedFile } from './extension-page';

/**
 * Firefox's downloads, caught as a user's would be: the profile saves every download into this folder
 * without asking (prefs in firefox-profile.ts), and a download is done when a new file without Firefox's
 * `.part` suffix is there and its size stopped changing. WebDriver BiDi has download events in newer Firefox
 * versions only; a folder works in every version.
 */
export class DownloadFolder {
  constructor(readonly dir: string) {}

  async next(action: () => Promise<void>): Promise<DownloadedFile> {
    const before = new Set(readdirSync(this.dir));
    await action();
    let lastSize = -1;
    const name = await waitFor('a download to finish', async () => {
      const fresh = readdirSync(this.dir).filter((file) => !before.has(file) && !file.endsWith('.part'));
      const [file] = fresh;
      if (file === undefined) return undefined;
      if (fresh.length > 1) throw new Error(`one action downloaded several files: ${fresh.join(', ')}`);
      // Firefox renames the .part file when done; a stable size guards against reading a file mid-write.
      const size = statSync(join(this.dir, file)).size;
      const stable = size > 0 && size === lastSize;
      lastSize = size;
      return stable ? file : undefined;
    });
    const path = join(this.dir, name);
    return { name, path, bytes: await readFile(path) };
  }
}
