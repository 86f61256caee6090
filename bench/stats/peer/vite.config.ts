import { defineConfig } from 'vite';
import { CORNERSTONE_BUILD_OPTIONS } from '../../../vite.config';

/**
 * The page of bench/stats.bench.ts: our lesion statistics and cornerstone3D's own segmentation
 * statistics on the same phantom, in one Chromium page. Uses the root config's cornerstone
 * options (optimizeDeps, ES workers, es2022); built and served by the bench through Vite's API.
 */
export default defineConfig({
  root: import.meta.dirname,
  ...CORNERSTONE_BUILD_OPTIONS,
  build: { ...CORNERSTONE_BUILD_OPTIONS.build, emptyOutDir: true },
  logLevel: 'warn',
});
