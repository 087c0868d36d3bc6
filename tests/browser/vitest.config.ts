import { defineConfig } from 'vitest/config';

/** Browser tests: the built extension (.output/chrome-mv3) in Debian's Chromium, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
