import { execFileSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

/** Debian's Chromium (TOOLCHAIN.md): resolved from PATH, never downloaded. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error(
    'Chromium not found on PATH: run `apt-get install -y chromium` (the test script does this).',
  );
}

// Two projects: every test in Node, and the tests of code that runs in the extension (crypto, account, QR)
// again in real Chromium, where WebCrypto, WebAssembly and typed arrays are the browser's own.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          // *.browser.test.ts need a DOM, canvas or pdf.js: Chromium only.
          exclude: ['tests/e2e/**', 'tests/**/*.browser.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // Pre-bundle the CommonJS dependencies the browser tests import, so Vite does not discover them
        // mid-run and reload the test page.
        optimizeDeps: {
          include: [
            'qrcode',
            'jsqr',
            'jpeg-js',
            'fast-check',
            'pdfjs-dist/legacy/build/pdf.mjs',
            '@zxcvbn-ts/core',
            'valibot',
            'idb',
            // The real frameworks the autofill tests fill into (tests/lib/autofill/fill-*.browser.test.ts).
            'react',
            'react-dom/client',
            'vue',
            '@angular/compiler',
            '@angular/core',
            '@angular/forms',
            '@angular/platform-browser',
          ],
        },
        // Vue's esm-bundler build asks for its compile-time feature flags (silences its warning).
        define: {
          __VUE_OPTIONS_API__: 'true',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
        },
        test: {
          name: 'chromium',
          include: ['tests/lib/**/*.test.ts'],
          exclude: ['tests/**/*.node.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromiumPath(),
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--no-first-run',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                  '--disable-quic',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
