import { defineConfig } from 'vite';

/**
 * The peer page of bench/editor.bench.ts: cornerstone3D's own segmentation brush on the same
 * 512×512×300 CT. Mirrors the parts of the root vite.config.ts that matter for cornerstone
 * (optimizeDeps, ES workers, es2022); built and served by the bench through Vite's API, which
 * also adds the plugin serving the CT volume (/peer-data/ct.json, /peer-data/ct.raw).
 */
export default defineConfig({
  root: import.meta.dirname,
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: [
      'dicom-parser',
      '@cornerstonejs/metadata',
      '@cornerstonejs/utils',
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000, emptyOutDir: true },
  logLevel: 'warn',
});
