import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  AGENT_GLOBAL,
  AGENT_PATH,
  type ContentRuntime,
  type StartAgent,
} from '../../lib/autofill/content/agent-handoff';
import { startLoader } from '../../lib/autofill/content/autofill-loader';
import { scriptLifetime } from '../../lib/autofill/content/script-lifetime';

// The always-on autofill loader (lib/autofill/DESIGN.md): every frame, at document_idle. It must stay tiny
// (DESIGN §5 and §7: ≤ 1 ms on a page with no login form): at start it only adds a focusin listener and
// runtime.onMessage, and imports the agent (entrypoints/autofill-agent, built to autofill-agent.js) when a
// login field may need it. Built as an unlisted script (an IIFE) and declared in the manifest by
// wxt.config.ts: WXT's content-script wrapper would add its context object, location watcher and a
// window.postMessage carrying our extension id to every page, for features this script does not use.

export default defineUnlistedScript(() => {
  // The browser's own namespace, picked at build time: no polyfill, no probing of globals at run time.
  const api = globalThis as unknown as {
    browser: { runtime?: ContentRuntime };
    chrome: { runtime?: ContentRuntime };
  };
  const runtime = (): ContentRuntime | undefined =>
    (import.meta.env.FIREFOX ? api.browser : api.chrome).runtime;
  const lifetime = scriptLifetime(() => {
    try {
      return runtime()?.id !== undefined;
    } catch {
      return false; // Firefox: the context of a removed add-on is a dead object
    }
  });
  const live = runtime();
  if (!live || !lifetime.alive()) return;
  startLoader({
    runtime: live,
    signal: lifetime.signal,
    alive: lifetime.alive,
    // A module import from a content script runs in the script's isolated world (Chrome; Firefox ≥ 89); the
    // agent's script publishes its start function on that world's global.
    load: () =>
      import(/* @vite-ignore */ live.getURL(AGENT_PATH)).then(
        () => (globalThis as unknown as Record<string, StartAgent | undefined>)[AGENT_GLOBAL],
      ),
  });
});
