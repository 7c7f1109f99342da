import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Stylesheets a test reads as text (`?raw`); any other is an empty module in a test.
    css: { include: [/tokens\.css/, /row-icons\.generated\.css/] },
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Network tests are loopback-only and bounded; a hung one must fail, not stall CI.
    teardownTimeout: 10_000,
  },
});
