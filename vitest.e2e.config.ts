import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (`npm run build` first) loaded in real browsers. Kept apart from
// vitest.config.ts because they need the build and launch whole browsers; scripts/test.sh runs both.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time: two cores, and each test file launches its own.
    fileParallelism: false,
  },
});
