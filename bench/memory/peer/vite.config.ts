import { defineConfig } from 'vite';
import { CORNERSTONE_BUILD_OPTIONS } from '../../../vite.config';

/**
 * The peer page of bench/memory.bench.ts: a plain cornerstone3D 5.14 load of the same three CT
 * dates (dicom-image-loader's wadouri loader and streaming volume loader, a derived labelmap
 * per date). Built and served by the bench, which adds the plugin serving the DICOM files.
 */
export default defineConfig({
  root: import.meta.dirname,
  ...CORNERSTONE_BUILD_OPTIONS,
  build: { ...CORNERSTONE_BUILD_OPTIONS.build, emptyOutDir: true },
  logLevel: 'warn',
});
