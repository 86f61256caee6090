/**
 * Builds the statistics peer page with Vite's build() into a temp folder and serves it with
 * preview() on an ephemeral port (as bench/editor/servers.ts does for the editor pages).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ServedPage {
  readonly url: string;
  readonly buildMs: number;
  close(): Promise<void>;
}

export async function serveStatsPage(): Promise<ServedPage> {
  const configFile = path.join(here, 'peer/vite.config.ts');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llr-stats-bench-build-'));
  const started = performance.now();
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const buildMs = performance.now() - started;
  const server = await preview({
    configFile,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('stats bench: preview server has no URL');
  return {
    url,
    buildMs,
    async close() {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}
