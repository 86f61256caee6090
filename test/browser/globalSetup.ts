import { execFileSync } from 'node:child_process';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { ensureDebianPackage } from '../support/ensureDebianPackage';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;

/** Installs Chromium if needed, generates the samples, builds the app and serves it. */
export async function setup(project: TestProject): Promise<void> {
  ensureDebianPackage('chromium', ['chromium', 'fonts-dejavu-core']);
  execFileSync('npx', ['tsx', 'sample-dicom/generate.ts'], { stdio: 'inherit' });
  // Parallel local runs (several worktrees or sessions) can each build into their own folder.
  const outDir = process.env.BROWSER_TEST_OUT_DIR ?? 'dist';
  await build({ logLevel: 'warn', build: { outDir } });
  server = await preview({
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  project.provide('baseUrl', url.replace(/\/$/, ''));
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.httpServer.close(() => resolve());
  });
}
