/**
 * The manifest `commands` entry that syncs (DESIGN §1). Default keys, chosen to be free in Chrome and Firefox
 * on Linux, Windows and macOS (Firefox on Linux takes Ctrl+Shift+Y and Ctrl+Shift+K; Ctrl+Shift+<letter> is
 * mostly taken by one browser or the other, and Option+Shift+<letter> types characters on macOS, so macOS
 * uses the Control key). The user can rebind it in the browser; the popup shows the live binding.
 */
export const SYNC_COMMAND = 'sync-now';
export const SYNC_SHORTCUT = { default: 'Alt+Shift+Y', mac: 'MacCtrl+Shift+Y' } as const;
