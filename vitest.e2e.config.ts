import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (`npm run build` first) loaded in real Chromium and Firefox against
// the real server on loopback. Kept apart from vitest.config.ts because they need the build and launch whole
// browsers; scripts/test.sh runs both.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // A test walks several popup screens with Argon2id and the QR KDF in the browser; the lock-timeout test
    // waits a real minute. Each step inside has its own, shorter deadline that names what it waited for.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Two files at a time: each has its own server and browser profiles, and much of an e2e test is waiting
    // (for a browser round trip, for the lock-timeout minute), so two overlap well on two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
