/**
 * The manifest `commands` entry that fills the best login in the focused frame (DESIGN §1, §5), or opens the
 * inline menu when several match. Alt+Shift+L, next to the sync shortcut's Alt+Shift+Y: Bitwarden's
 * Ctrl+Shift+L is refused as a suggested key by Chromium 156 (commands.getAll() reports it unbound; measured
 * here, Alt+Shift+L binds), and Firefox on Linux takes Ctrl+Shift+Y and Ctrl+Shift+K (../shared/TOOLCHAIN.md).
 * macOS uses the Control key, as the sync shortcut does (lib/sync/sync-command.ts): Option+Shift+<letter> types
 * characters there. The user can rebind it in the browser; the popup shows the binding in force.
 */
export const AUTOFILL_COMMAND = 'autofill-login';
export const AUTOFILL_SHORTCUT = { default: 'Alt+Shift+L', mac: 'MacCtrl+Shift+L' } as const;
