import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../../tests/e2e/browsers';

/**
 * Makes sure a manifest command has its shortcut in a Chromium profile, as a user would on
 * chrome://extensions/shortcuts, and says how it got it.
 *
 * Why: Chromium assigns a command's `suggested_key` at install only when it does not clash with the browser's
 * own accelerators, and then leaves it unbound without a word (measured here, Chromium 156, Linux: Bitwarden's
 * Ctrl+Shift+L was left unbound, which is why the default is now Alt+Shift+L). Should a future Chromium
 * refuse the default too, the benchmark still needs the command to fire, so it binds the key the way the
 * shortcuts page stores it: the profile's Preferences,
 * `extensions.commands["linux:<shortcut>"] = { command_name, extension, global }` (Chromium
 * chrome/browser/extensions/api/commands/command_service.cc), with the browser closed, then relaunches.
 */
export type Binding = 'manifest suggested_key' | 'set in the profile (suggested_key was not assigned)';

export interface BoundBrowser {
  browser: ChromiumWithExtension;
  binding: Binding;
}

async function shortcutOf(browser: ChromiumWithExtension, command: string): Promise<string> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const commands = (await page.evaluate('chrome.commands.getAll()')) as Array<{
      name?: string;
      shortcut?: string;
    }>;
    return commands.find((c) => c.name === command)?.shortcut ?? '';
  } finally {
    await page.close();
  }
}

export async function launchWithCommandBound(
  extensionDir: string,
  options: { profileDir: string; display: string; command: string; shortcut: string },
): Promise<BoundBrowser> {
  const launch = () =>
    launchChromiumWithExtension(extensionDir, { profileDir: options.profileDir, display: options.display });
  const first = await launch();
  if ((await shortcutOf(first, options.command)) !== '')
    return { browser: first, binding: 'manifest suggested_key' };
  const extensionId = first.extensionId;
  await first.close();
  const prefsFile = join(options.profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(prefsFile, 'utf8')) as {
    extensions?: { commands?: Record<string, unknown> };
  };
  prefs.extensions ??= {};
  prefs.extensions.commands ??= {};
  prefs.extensions.commands[`linux:${options.shortcut}`] = {
    command_name: options.command,
    extension: extensionId,
    global: false,
  };
  await writeFile(prefsFile, JSON.stringify(prefs));
  const browser = await launch();
  const bound = await shortcutOf(browser, options.command);
  if (bound !== options.shortcut) {
    await browser.close();
    throw new Error(
      `could not bind ${options.shortcut} to ${options.command} (the browser shows "${bound}")`,
    );
  }
  return { browser, binding: 'set in the profile (suggested_key was not assigned)' };
}
