import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { waitFor } from './extension-page';

/**
 * A private X server (Xvfb) for the tests that need real key events: manifest `commands` shortcuts are handled
 * by the browser's own key handling, which Playwright's and puppeteer's synthetic events never reach, while
 * `xdotool key` does (TOOLCHAIN.md). scripts/test.sh installs xvfb and xdotool.
 */
export interface Xvfb {
  display: string;
  /** Presses keys with xdotool in the window that has the focus, e.g. `alt+shift+y`. */
  key(combo: string): void;
  /** Gives the keyboard focus to the newest window whose name contains `name`. */
  focusWindow(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startXvfb(): Promise<Xvfb> {
  // A display number nobody else uses: try from 90 up, skipping ones with a lock file.
  let number = 90;
  while (existsSync(`/tmp/.X${number}-lock`)) number++;
  const display = `:${number}`;
  const child: ChildProcess = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const env = { ...process.env, DISPLAY: display };
  await waitFor('Xvfb to accept clients', async () => {
    if (exited) throw new Error('Xvfb exited at start-up');
    try {
      execFileSync('xdotool', ['getmouselocation'], { env, stdio: 'ignore' });
      return true;
    } catch {
      return undefined;
    }
  });
  return {
    display,
    key(combo) {
      execFileSync('xdotool', ['key', '--clearmodifiers', combo], { env });
    },
    async focusWindow(name) {
      const id = await waitFor(`an X window named like "${name}"`, async () => {
        try {
          const ids = execFileSync('xdotool', ['search', '--name', name], { env, encoding: 'utf8' })
            .trim()
            .split('\n')
            .filter(Boolean);
          return ids.at(-1);
        } catch {
          return undefined;
        }
      });
      // No window manager runs on this display, so windowactivate (which asks one) fails: focus directly.
      execFileSync('xdotool', ['windowfocus', '--sync', id], { env });
    },
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await done;
    },
  };
}
