/**
 * The manifest `commands` entry that fills the best login in the focused frame (DESIGN §1, §5), or opens the
 * inline menu when several match. Ctrl+Shift+L is Bitwarden's binding and free in Chrome and Firefox on Linux
 * and Windows (Firefox on Linux takes Ctrl+Shift+Y and Ctrl+Shift+K, ../shared/TOOLCHAIN.md); macOS uses the
 * Control key, as the sync shortcut does (lib/sync/sync-command.ts). The user can rebind it in the browser.
 */
export const AUTOFILL_COMMAND = 'autofill-login';
export const AUTOFILL_SHORTCUT = { default: 'Ctrl+Shift+L', mac: 'MacCtrl+Shift+L' } as const;
