import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { AUTOFILL_COMMAND, AUTOFILL_SHORTCUT } from './lib/autofill/autofill-command';
import { SYNC_COMMAND, SYNC_SHORTCUT } from './lib/sync/sync-command';

// Extension build configuration. Permissions are kept minimal and each one is justified in SECURITY.md.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  hooks: {
    // The always-on content script (entrypoints/content, the autofill loader) is built as an unlisted script, a
    // plain IIFE, and declared in the manifest below: WXT's content-script wrapper (its context, logger,
    // location watcher and a window.postMessage carrying our extension id to every page) is start-up time this
    // script does not need (DESIGN §7: ≤ 1 ms on a page with no login form). WXT types entrypoints/content/ by
    // its name, hence this. The agent it imports (entrypoints/autofill-agent) is an unlisted script already.
    'entrypoints:found'(_wxt, entrypoints) {
      for (const entry of entrypoints) if (entry.name === 'content') entry.type = 'unlisted-script';
    },
    // The always-on content script must stay ≤ 30 KB minified (DESIGN §7), and webextension-polyfill alone is
    // ~10 KB of it. The content script uses only runtime.sendMessage/onMessage/getURL/id, which Chrome MV3
    // (promise-returning chrome.*) and Firefox (browser.*) both provide natively: it reads them from the
    // browser's own global, and should anything in its build import `wxt/browser`, that resolves to WXT's
    // polyfill-free `@wxt-dev/browser`. The same for the agent it imports (autofill-agent), which gets the
    // runtime from the loader. Every other entrypoint keeps the polyfill.
    'vite:build:extendConfig'(entrypoints, config) {
      const nativeBuilds = ['content', 'autofill-agent'];
      if (!entrypoints.every((entry) => nativeBuilds.includes(entry.name))) return;
      const native = '@wxt-dev/browser';
      config.resolve ??= {};
      const alias = config.resolve.alias;
      if (Array.isArray(alias)) alias.unshift({ find: /^wxt\/browser$/, replacement: native });
      else config.resolve.alias = { ...alias, 'wxt/browser': native };
    },
  },
  manifest: ({ browser }) => ({
    name: 'Latchkey',
    description: 'Zero-knowledge password manager with its own sync server.',
    // storage: the device state, settings and (in storage.session) the unlocked keys; alarms: the inactivity
    // lock, the periodic sync and the clipboard clear, which must fire while the service worker sleeps;
    // activeTab: the URL of the tab the popup opens over, for "matches for this site" (granted only by that
    // user action, no warning); clipboardWrite: the background clears a copied secret after the popup has
    // closed, without focus or a user gesture (lib/clipboard; Chrome warns "Modify data you copy and paste",
    // Firefox "Input data to the clipboard"); offscreen (Chrome only, no warning): a Chrome service worker has
    // no DOM, so that clear runs in an offscreen document. Firefox's event page has a DOM and no offscreen API.
    permissions: [
      'storage',
      'alarms',
      'activeTab',
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen' as const]),
    ],
    commands: {
      [SYNC_COMMAND]: {
        suggested_key: { ...SYNC_SHORTCUT },
        description: 'Sync the vault now',
      },
      [AUTOFILL_COMMAND]: {
        suggested_key: { ...AUTOFILL_SHORTCUT },
        description: 'Fill the login for this page',
      },
    },
    // The autofill loader (entrypoints/content, built to content.js), in every frame once the page is loaded;
    // it imports the agent (autofill-agent.js) on demand.
    content_scripts: [
      { matches: ['<all_urls>'], js: ['content.js'], all_frames: true, run_at: 'document_idle' as const },
    ],
    // The inline menu and the save bar are our pages framed into web pages by the content script (an
    // extension-origin iframe in a closed shadow root: the page can neither read nor script them). Only the two
    // HTML documents are reachable from the web (their scripts load from inside the extension's own origin),
    // and the agent's script, which the content script's import() loads as a web-accessible resource; in
    // Chrome only through the per-session dynamic URL that runtime.getURL returns for it.
    web_accessible_resources: [
      { resources: ['inline-menu.html', 'save-prompt.html'], matches: ['<all_urls>'] },
      {
        resources: ['autofill-agent.js'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // 'wasm-unsafe-eval' lets extension pages and the background run the WebAssembly Argon2id
    // (hash-wasm) and QR decoder; nothing else is relaxed: no remote code, no eval.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'latchkey@latchkey.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
