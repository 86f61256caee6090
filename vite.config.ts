import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The served app's Content-Security-Policy: no inline or eval'd script (wasm codecs need
 * 'wasm-unsafe-eval'). Sent by the preview server (what `npm start` runs); the dev server
 * omits it because React Fast Refresh injects an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * What cornerstone3D needs from Vite (platform notes): the CommonJS codecs and metadata
 * pre-bundled once for the dev server, the image loader left alone, ES module workers.
 * Shared with the benchmark's peer page.
 */
export const CORNERSTONE_BUILD_OPTIONS = {
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
  worker: { format: 'es' as const },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
};

const SAMPLE_ROOT = resolve(import.meta.dirname, 'sample-dicom/out');

/**
 * Serves the generated sample patient at /samples/ in dev and preview. The samples are
 * generated on demand (npm run samples) and never bundled, so the build stays small.
 */
function serveSamples(): Plugin {
  const handler = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? '';
    if (!url.startsWith('/samples/')) return next();
    const relative = decodeURIComponent(url.slice('/samples/'.length).split('?')[0] ?? '');
    const file = normalize(resolve(SAMPLE_ROOT, relative));
    if (!file.startsWith(SAMPLE_ROOT + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader(
      'Content-Type',
      file.endsWith('.json') ? 'application/json' : 'application/dicom',
    );
    res.setHeader('Content-Length', String(statSync(file).size));
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(file).pipe(res);
  };
  return {
    name: 'liver-review-samples',
    configureServer(server) {
      server.middlewares.use(handler);
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        next();
      });
      server.middlewares.use(handler);
    },
  };
}

export default defineConfig({
  plugins: [react(), serveSamples()],
  ...CORNERSTONE_BUILD_OPTIONS,
  server: { host: '127.0.0.1', port: Number(process.env['PORT'] ?? 5173) },
  preview: { host: '127.0.0.1', port: Number(process.env['PORT'] ?? 5173) },
});
