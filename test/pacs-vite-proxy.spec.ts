/**
 * The app's own servers reach the PACS same-origin: Vite's dev and preview servers proxy
 * /dicom-web to LIVER_REVIEW_PACS_URL (a real Orthanc here) with the Host kept, so Orthanc's
 * RetrieveURLs point back at the app; the preview server's CSP allows only 'self' plus a
 * directly configured PACS origin.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import dicomParser from 'dicom-parser';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDicomWebClient, DicomWebError } from '../src/datasource/dicomweb';
import {
  findFreePort,
  listFilesRecursively,
  SAMPLE_DIR,
  startOrthanc,
  uploadFiles,
  type OrthancServer,
} from './support/orthanc';

const CONFIG_FILE = resolve(import.meta.dirname, '../vite.config.ts');
let orthanc: OrthancServer;
let files: string[];
let studyUid: string;
let seriesUid: string;
const outDir = mkdtempSync(join(tmpdir(), 'pacs-preview-'));
const saved = {
  pacs: process.env['LIVER_REVIEW_PACS_URL'],
  direct: process.env['LIVER_REVIEW_DICOMWEB_URL'],
};

beforeAll(async () => {
  files = listFilesRecursively(SAMPLE_DIR).filter((f) => f.includes('02_T2_TSE_FS_ax'));
  const header = dicomParser.parseDicom(new Uint8Array(readFileSync(files[0]!)), {
    untilTag: 'x7fe00010',
  });
  studyUid = header.string('x0020000d')!;
  seriesUid = header.string('x0020000e')!;
  orthanc = await startOrthanc();
  await uploadFiles(orthanc.url, files);
  process.env['LIVER_REVIEW_PACS_URL'] = orthanc.url;
  process.env['LIVER_REVIEW_DICOMWEB_URL'] = 'https://pacs.example.org:8443/dicom-web';
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>t</title>');
}, 60_000);

afterAll(async () => {
  await orthanc?.stop();
  rmSync(outDir, { recursive: true, force: true });
  for (const [key, value] of [
    ['LIVER_REVIEW_PACS_URL', saved.pacs],
    ['LIVER_REVIEW_DICOMWEB_URL', saved.direct],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function checkProxy(appUrl: string): Promise<void> {
  const client = createDicomWebClient({ baseUrl: `${appUrl}/dicom-web` });
  const series = await client.searchSeries(studyUid);
  expect(series.map((s) => s.seriesInstanceUid)).toContain(seriesUid);
  const response = await fetch(`${appUrl}/dicom-web/studies?StudyInstanceUID=${studyUid}`, {
    headers: { Accept: 'application/dicom+json' },
  });
  const [study] = (await response.json()) as Array<Record<string, { Value: string[] }>>;
  // changeOrigin: false → Orthanc builds its URLs from the app's Host.
  expect(new URL(study!['00081190']!.Value[0]!).origin).toBe(appUrl);
  const retrieved = await client.retrieveSeries({
    studyInstanceUid: studyUid,
    seriesInstanceUid: seriesUid,
  });
  expect(retrieved.length).toBe(files.length);
}

describe('Vite proxy to the PACS', () => {
  it('the dev server proxies /dicom-web (QIDO and WADO-RS) to LIVER_REVIEW_PACS_URL', async () => {
    const port = await findFreePort();
    const server: ViteDevServer = await createServer({
      configFile: CONFIG_FILE,
      logLevel: 'silent',
      server: { port, strictPort: true, hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    try {
      await checkProxy(`http://127.0.0.1:${port}`);
    } finally {
      await server.close();
    }
  });

  it('a PACS that is down behind the proxy is HTTP_ERROR 502 saying so', async () => {
    const port = await findFreePort();
    process.env['LIVER_REVIEW_PACS_URL'] = `http://127.0.0.1:${await findFreePort()}`;
    const server: ViteDevServer = await createServer({
      configFile: CONFIG_FILE,
      logLevel: 'silent',
      server: { port, strictPort: true, hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    try {
      const client = createDicomWebClient({ baseUrl: `http://127.0.0.1:${port}/dicom-web` });
      const error = await client.searchStudies({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DicomWebError);
      expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502 });
      expect((error as DicomWebError).message).toMatch(/could not reach the PACS/);
    } finally {
      await server.close();
      process.env['LIVER_REVIEW_PACS_URL'] = orthanc.url;
    }
  });

  it("the preview server proxies too, and its CSP allows 'self' and the direct PACS origin only", async () => {
    const port = await findFreePort();
    const server: PreviewServer = await preview({
      configFile: CONFIG_FILE,
      logLevel: 'silent',
      build: { outDir },
      preview: { port, strictPort: true },
    });
    try {
      const appUrl = `http://127.0.0.1:${port}`;
      const page = await fetch(`${appUrl}/`);
      const csp = page.headers.get('content-security-policy') ?? '';
      const connect = csp.split(';').find((d) => d.trim().startsWith('connect-src'));
      expect(connect?.trim()).toBe("connect-src 'self' https://pacs.example.org:8443");
      await checkProxy(appUrl);
    } finally {
      await server.close();
    }
  });
});
