import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createContentSend } from '../../lib/autofill/content/content-channel';
import type { RuntimeLike } from '../../lib/autofill/content/background-messages';
import { scriptLifetime } from '../../lib/autofill/content/script-lifetime';
import { startAutofill } from '../../lib/autofill/content/start-autofill';

// The always-on autofill agent (lib/autofill/DESIGN.md): every frame, at document_idle. It must stay tiny
// (DESIGN §7: ≤ 30 KB minified, ≤ 1 ms on a page with no login form): at start it only adds listeners.
// Built as an unlisted script (an IIFE) and declared in the manifest by wxt.config.ts: WXT's content-script
// wrapper would add its context object, location watcher and a window.postMessage carrying our extension id
// to every page, for features this script does not use.

/** The part of the extension API the agent uses: Chrome MV3's chrome.runtime and Firefox's both return promises. */
interface Runtime extends RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
}

export default defineUnlistedScript(() => {
  // The browser's own namespace, picked at build time: no polyfill, no probing of globals at run time.
  const api = globalThis as unknown as { browser: { runtime?: Runtime }; chrome: { runtime?: Runtime } };
  const runtime = (): Runtime | undefined => (import.meta.env.FIREFOX ? api.browser : api.chrome).runtime;
  const lifetime = scriptLifetime(() => {
    try {
      return runtime()?.id !== undefined;
    } catch {
      return false; // Firefox: the context of a removed add-on is a dead object
    }
  });
  const live = runtime();
  if (!live || !lifetime.alive()) return;
  startAutofill({
    signal: lifetime.signal,
    alive: lifetime.alive,
    send: createContentSend((envelope) => (lifetime.alive() ? live.sendMessage(envelope) : undefined)),
    runtime: live,
    extensionUrl: (path) => live.getURL(path),
    isTopFrame: window === window.top,
  });
});
