/**
 * Builds the bench page into a temp folder with Vite's build() API and serves it with
 * preview() on an ephemeral loopback port (as bench/editor/servers.ts does), keeping the
 * folder's path so a process exit can still remove it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, preview } from 'vite';

export interface ServedPage {
  readonly url: string;
  readonly buildMs: number;
  readonly outDir: string;
  close(): Promise<void>;
}

export async function buildAndServePage(configFile: string): Promise<ServedPage> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llr-pacs-load-build-'));
  try {
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
    if (!url) {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      throw new Error(`${configFile}: preview server has no URL`);
    }
    return {
      url,
      buildMs,
      outDir,
      async close() {
        await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
        fs.rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
