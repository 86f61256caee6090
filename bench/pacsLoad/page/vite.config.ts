import { defineConfig } from 'vite';
import { CORNERSTONE_BUILD_OPTIONS, PACS_PROXY_TARGET } from '../../../vite.config.ts';

/**
 * The page of bench/pacs-load.bench.ts. Uses the root config's cornerstone options and, like
 * the app's preview server, proxies `/dicom-web` to LIVER_REVIEW_PACS_URL with the Host kept
 * (the bench sets it to its own Orthanc before building). Built and served through Vite's API.
 */
const proxy = { '/dicom-web': { target: PACS_PROXY_TARGET, changeOrigin: false } };

export default defineConfig({
  root: import.meta.dirname,
  ...CORNERSTONE_BUILD_OPTIONS,
  build: { ...CORNERSTONE_BUILD_OPTIONS.build, emptyOutDir: true },
  preview: { proxy },
  logLevel: 'warn',
});
