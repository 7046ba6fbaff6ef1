import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Deterministic property tests: one fast-check seed for every run (CONVENTIONS §5).
    setupFiles: ['test/setup.ts'],
    // Fails the whole run with one install hint when Chromium is missing (browser tests are part of npm test).
    globalSetup: ['test/global-setup.ts'],
  },
});
