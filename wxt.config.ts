import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { SYNC_COMMAND, SYNC_SHORTCUT } from './lib/sync/sync-command';

// Extension build configuration. Permissions are kept minimal and each one is justified in SECURITY.md.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser }) => ({
    name: 'Latchkey',
    description: 'Zero-knowledge password manager with its own sync server.',
    // storage: the device state, settings and (in storage.session) the unlocked keys; alarms: the inactivity
    // lock and the periodic sync, which must fire while the service worker sleeps; activeTab: the URL of the
    // tab the popup opens over, for "matches for this site" (granted only by that user action, no warning).
    permissions: ['storage', 'alarms', 'activeTab'],
    commands: {
      [SYNC_COMMAND]: {
        suggested_key: { ...SYNC_SHORTCUT },
        description: 'Sync the vault now',
      },
    },
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
