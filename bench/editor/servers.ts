/**
 * Builds the app and the peer page into temp folders with Vite's build() API and serves them
 * with preview() on ephemeral ports (the app's own dist/ is left alone: other engineers build
 * it too). The peer server also serves the bench CT at /peer-data/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build, preview, type Plugin, type PreviewServer } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

export interface Served {
  readonly url: string;
  readonly buildMs: number;
  close(): Promise<void>;
}

function servePeerData(dataDir: string): Plugin {
  const handler = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    const name = url.startsWith('/peer-data/') ? url.slice('/peer-data/'.length) : null;
    if (name !== 'ct.json' && name !== 'ct.raw') return next();
    const file = path.join(dataDir, name);
    res.setHeader(
      'Content-Type',
      name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    );
    res.setHeader('Content-Length', String(fs.statSync(file).size));
    res.setHeader('Cache-Control', 'no-store');
    fs.createReadStream(file).pipe(res);
  };
  return {
    name: 'editor-bench-peer-data',
    configurePreviewServer(server) {
      server.middlewares.use(handler);
    },
  };
}

/** Builds a Vite config into a temp folder and serves it on an ephemeral loopback port. */
export async function buildAndServe(
  configFile: string,
  extraPlugins: Plugin[] = [],
): Promise<Served> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llr-bench-build-'));
  const started = performance.now();
  await build({
    configFile,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const buildMs = performance.now() - started;
  const server: PreviewServer = await preview({
    configFile,
    logLevel: 'warn',
    plugins: extraPlugins,
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error(`${configFile}: preview server has no URL`);
  return {
    url,
    buildMs,
    async close() {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** The app, built from the root vite.config.ts exactly as `npm start` builds it. */
export function serveApp(): Promise<Served> {
  return buildAndServe(path.join(repoRoot, 'vite.config.ts'), []);
}

/** The peer page (bench/editor/peer), with the CT served from `peerDataDir`. */
export function servePeer(peerDataDir: string): Promise<Served> {
  return buildAndServe(path.join(here, 'peer/vite.config.ts'), [servePeerData(peerDataDir)]);
}
