import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { AGENT_GLOBAL, type StartAgent } from '../../lib/autofill/content/agent-handoff';
import { createContentSend } from '../../lib/autofill/content/content-channel';
import { startAutofill } from '../../lib/autofill/content/start-autofill';

// The autofill agent (lib/autofill/DESIGN.md): detection, fill, the inline menu and the save bar. Not a
// content script of its own: the always-on loader (entrypoints/content) imports autofill-agent.js (a web
// accessible resource) when a login field gets the focus or our background pushes a message, into the
// loader's isolated world. Its top level only publishes the start function on that world's global (the page
// cannot reach it); the loader calls it with the runtime, its lifetime and the focus to replay.

export default defineUnlistedScript(() => {
  if (typeof document === 'undefined') return; // WXT imports entrypoints in Node at build time
  const start: StartAgent = ({ runtime, signal, alive, focused }) =>
    startAutofill({
      signal,
      alive,
      send: createContentSend((envelope) => (alive() ? runtime.sendMessage(envelope) : undefined)),
      extensionUrl: (path) => runtime.getURL(path),
      isTopFrame: window === window.top,
      focused,
    });
  (globalThis as unknown as Record<string, StartAgent>)[AGENT_GLOBAL] = start;
});
