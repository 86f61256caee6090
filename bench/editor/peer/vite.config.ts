import { defineConfig } from 'vite';
import { CORNERSTONE_BUILD_OPTIONS } from '../../../vite.config';

/**
 * The peer page of bench/editor.bench.ts: cornerstone3D's own segmentation brush on the same
 * 512×512×300 CT. Uses the root config's cornerstone options (optimizeDeps, ES workers,
 * es2022); built and served by the bench through Vite's API, which
 * also adds the plugin serving the CT volume (/peer-data/ct.json, /peer-data/ct.raw).
 */
export default defineConfig({
  root: import.meta.dirname,
  ...CORNERSTONE_BUILD_OPTIONS,
  build: { ...CORNERSTONE_BUILD_OPTIONS.build, emptyOutDir: true },
  logLevel: 'warn',
});
