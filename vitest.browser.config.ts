import { defineConfig } from 'vitest/config';

/** Browser tests: real Chromium (WebGL via SwiftShader) against the production build. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.spec.ts'],
    environment: 'node',
    globalSetup: ['test/browser/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
