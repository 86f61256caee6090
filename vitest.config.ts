import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/__tests__/**/*.spec.ts',
      'plugins/**/__tests__/**/*.spec.ts',
      'test/**/*.spec.ts',
    ],
    // Browser tests have their own config (vitest.browser.config.ts) with a served build.
    exclude: ['test/browser/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['test/generateSamples.globalSetup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
