import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Deterministic property tests: one fast-check seed for every run (CONVENTIONS §5).
    setupFiles: ['test/setup.ts'],
  },
});
