import { spawn, execFileSync } from 'node:child_process';
import type { Readable } from 'node:stream';
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
  // The X server picks a free display number itself (-displayfd): checking lock files first races when two
  // test files start at once (the second server exits, and its readiness probe then reaches the first one,
  // so both files' browsers and key presses end up on one display).
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  let written = '';
  (child.stdio[3] as Readable).on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const number = await waitFor('Xvfb to tell its display number', async () => {
    if (exited) throw new Error('Xvfb exited at start-up');
    return /^(\d+)\n/.exec(written)?.[1];
  });
  const display = `:${number}`;
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
