import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Where the dev and preview servers proxy `/dicom-web` and `/wado` (a PACS, e.g. the Orthanc
 * of `npm run pacs`). Same-origin for the browser: no CORS, and connect-src 'self' holds.
 */
export const PACS_PROXY_TARGET = process.env['LIVER_REVIEW_PACS_URL'] ?? 'http://127.0.0.1:8042';

/**
 * Origins the browser talks to directly besides 'self': an absolute DICOMweb URL from
 * LIVER_REVIEW_DICOMWEB_URL or public/liver-review.config.json (a PACS with CORS, no proxy).
 */
function directPacsOrigins(): string[] {
  const candidates = [process.env['LIVER_REVIEW_DICOMWEB_URL']];
  const configFile = resolve(import.meta.dirname, 'public/liver-review.config.json');
  if (existsSync(configFile)) {
    try {
      const config = JSON.parse(readFileSync(configFile, 'utf8')) as {
        dicomWeb?: { baseUrl?: unknown };
      };
      const baseUrl = config.dicomWeb?.baseUrl;
      if (typeof baseUrl === 'string') candidates.push(baseUrl);
    } catch {
      // An unreadable config file adds nothing; the app falls back to its defaults too.
    }
  }
  const origins = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate || !/^https?:\/\//i.test(candidate)) continue;
    try {
      origins.add(new URL(candidate).origin);
    } catch {
      // Not a URL: nothing to allow.
    }
  }
  return [...origins];
}

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
  ["connect-src 'self'", ...directPacsOrigins()].join(' '),
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

// changeOrigin false: Orthanc builds RetrieveURL/BulkDataURI from the Host header, so they
// point back at this server (platform notes).
const PACS_PROXY = {
  '/dicom-web': { target: PACS_PROXY_TARGET, changeOrigin: false },
  '/wado': { target: PACS_PROXY_TARGET, changeOrigin: false },
};

export default defineConfig({
  plugins: [react(), serveSamples()],
  ...CORNERSTONE_BUILD_OPTIONS,
  server: {
    host: '127.0.0.1',
    port: Number(process.env['PORT'] ?? 5173),
    proxy: PACS_PROXY,
  },
  preview: {
    host: '127.0.0.1',
    port: Number(process.env['PORT'] ?? 5173),
    proxy: PACS_PROXY,
  },
});
