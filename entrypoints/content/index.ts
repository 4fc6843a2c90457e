import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createContentSend } from '../../lib/autofill/content/content-channel';
import type { RuntimeLike } from '../../lib/autofill/content/background-messages';
import { scriptLifetime } from '../../lib/autofill/content/script-lifetime';
import { startAutofill } from '../../lib/autofill/content/start-autofill';

// The always-on autofill agent (lib/autofill/DESIGN.md): every frame, at document_idle. It must stay tiny
// (DESIGN §7: ≤ 30 KB minified, ≤ 1 ms on a page with no login form): at start it only adds listeners.
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // ctx.signal, minus the abort a page can forge (script-lifetime.ts).
    const lifetime = scriptLifetime(ctx.signal, () => browser.runtime?.id !== undefined);
    startAutofill({
      signal: lifetime.signal,
      send: createContentSend((envelope) =>
        lifetime.alive() ? browser.runtime.sendMessage(envelope) : undefined,
      ),
      // The browser's own runtime (the polyfill is aliased away for this build, wxt.config.ts): its onMessage
      // typings differ between @types/chrome and the polyfill's, the part we use (add/removeListener) does not.
      runtime: browser.runtime as unknown as RuntimeLike,
      extensionUrl: (path) => browser.runtime.getURL(path as Parameters<typeof browser.runtime.getURL>[0]),
      isTopFrame: window === window.top,
    });
  },
});
