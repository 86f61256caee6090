import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { ingestFiles } from '../../src/dicom';
import {
  encapsulate,
  encodeHtj2k,
  ensureEncoders,
  HTJ2K_LOSSLESS,
  tempDir,
  transcode,
} from '../support/compressedDicom';
import {
  canvasStats,
  launchChromium,
  type BrowserSession,
  type CanvasStats,
} from './launchChromium';

const baseUrl = inject('baseUrl');
const SAMPLE = path.join(process.cwd(), 'sample-dicom/out/LLR-SAMPLE-004');
let session: BrowserSession;
let page: Page;
let dir = '';
let mixedDir = '';
let corruptDir = '';
let mrDir = '';

const dicomIn = (folder: string): string[] =>
  fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.dcm'))
    .sort()
    .map((f) => path.join(folder, f));

/**
 * October's 5 mm CT (50 slices), each quarter in another codec: JPEG-LS (dcmtk), JPEG 2000
 * (GDCM), JPEG Lossless SV1 (dcmtk) and HTJ2K (OpenJPH): one series, four lazily loaded codecs.
 */
function writeMixedCodecSeries(): void {
  const slices = dicomIn(path.join(SAMPLE, '20241007_CT/02_Abdomen_PV_5mm'));
  slices.forEach((file, i) => {
    const quarter = Math.floor((i * 4) / slices.length);
    let bytes: Uint8Array;
    if (quarter === 0) bytes = transcode('dcmcjpls', ['+el'], file, dir);
    else if (quarter === 1) bytes = transcode('gdcmconv', ['--j2k'], file, dir);
    else if (quarter === 2) bytes = transcode('dcmcjpeg', ['+e1'], file, dir);
    else {
      const original = new Uint8Array(fs.readFileSync(file));
      const instance = ingestFiles([{ name: 'x', bytes: original }]).patients[0]?.studies[0]
        ?.series[0]?.instances[0];
      const ref = instance?.pixelData;
      if (!instance || !ref || ref.encapsulated) throw new Error('native slice expected');
      const stored = new Uint16Array(
        original.slice(ref.byteOffset, ref.byteOffset + ref.byteLength).buffer,
      );
      const size = { rows: instance.rows, columns: instance.columns, bitsStored: 12 };
      bytes = encapsulate(original, HTJ2K_LOSSLESS, [encodeHtj2k(stored, size, dir, true)]);
    }
    fs.writeFileSync(path.join(mixedDir, path.basename(file)), bytes);
  });
}

/** August's 2.5 mm CT in JPEG-LS with the codestream header of one slice overwritten. */
function writeCorruptSeries(): string {
  const slices = dicomIn(path.join(SAMPLE, '20240812_CT/02_Abdomen_PV_2.5mm'));
  let corrupted = '';
  slices.forEach((file, i) => {
    const bytes = transcode('dcmcjpls', ['+el'], file, dir);
    if (i === 40) {
      const ref = ingestFiles([{ name: 'x', bytes }]).patients[0]?.studies[0]?.series[0]
        ?.instances[0]?.pixelData;
      const fragment = ref?.encapsulated ? ref.fragments[0] : undefined;
      if (!fragment) throw new Error('encapsulated slice expected');
      for (let k = 0; k < 256; k++) bytes[fragment.byteOffset + k] = (k * 151 + 7) & 0xff;
      corrupted = path.basename(file);
    }
    fs.writeFileSync(path.join(corruptDir, path.basename(file)), bytes);
  });
  return corrupted;
}

async function expectRendered(): Promise<void> {
  await expect
    .poll(async () => canvasStats(page, 'viewport-stack'), { timeout: 60_000, interval: 250 })
    .toSatisfy((s: CanvasStats) => s.litFraction > 0.05 && s.lumaStd > 20);
}

const seriesButton = (date: string): ReturnType<Page['locator']> =>
  page.locator(`section[aria-label="Study ${date}"] button.series`).first();

async function ingestWorkers(): Promise<Worker[]> {
  return page.workers().filter((w) => w.url().includes('ingest.worker'));
}

describe('ingest robustness in Chromium: codecs, a corrupt frame, a crashed worker', () => {
  let corruptedFile = '';
  beforeAll(async () => {
    ensureEncoders();
    dir = tempDir();
    mixedDir = path.join(dir, 'mixed');
    corruptDir = path.join(dir, 'corrupt');
    mrDir = path.join(SAMPLE, '20240726_MR/02_T2_TSE_FS_ax');
    fs.mkdirSync(mixedDir);
    fs.mkdirSync(corruptDir);
    writeMixedCodecSeries();
    corruptedFile = writeCorruptSeries();
    session = await launchChromium();
    page = session.page;
    await page.goto(`${baseUrl}/?autoload=0`);
  });
  afterAll(async () => {
    await session?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports the corrupt series, naming its codec, then opens the four-codec series', async () => {
    await page
      .locator('[data-testid="open-files-input"]')
      .setInputFiles([...dicomIn(corruptDir), ...dicomIn(mixedDir), ...dicomIn(mrDir)]);
    // August is the earliest CT: the viewer tries it first, and one frame fails.
    await expect
      .poll(async () => page.getByRole('log', { name: 'Notifications' }).textContent(), {
        timeout: 120_000,
      })
      .toMatch(/Could not open Abdomen PV 2\.5mm: JPEG-LS \(CharLS\)/);
    await seriesButton('2024-10-07').click();
    await page
      .locator('section[aria-label="Study 2024-10-07"] button.series[aria-current="true"]')
      .waitFor({ timeout: 120_000 });
    const info = (await page.getByTestId('slice-info-stack').textContent()) ?? '';
    expect(info).toMatch(/Slice \d+\/50/);
    await expectRendered();
    // Scroll through every quarter: each codec's slices render.
    for (let i = 0; i < 50; i += 12) {
      await page.getByTestId('viewport-stack').focus();
      await page.keyboard.press('PageDown');
    }
    await expectRendered();
    expect(corruptedFile).toMatch(/\.dcm$/);
    expect(session.problems.filter((p) => /CSP violation/.test(p))).toEqual([]);
  });

  it('replaces a crashed ingest worker: the next request reads the files again and succeeds', async () => {
    const [before] = await ingestWorkers();
    if (!before) throw new Error('no ingest worker');
    // A real uncaught error inside the worker: the page receives its `error` event.
    await before.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated ingest worker crash');
      }, 0);
    });
    await expect.poll(async () => (await ingestWorkers()).includes(before)).toBe(false);
    // The MR has not been opened yet: assembling it needs the worker, which is started again
    // and handed every file opened so far (File objects, read again from disk).
    await seriesButton('2024-07-26').click();
    await page
      .locator('section[aria-label="Study 2024-07-26"] button.series[aria-current="true"]')
      .waitFor({ timeout: 120_000 });
    await expectRendered();
    const after = await ingestWorkers();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    // The new worker holds every earlier file too: August still fails on its corrupt frame
    // (the same typed error, not "not loaded"), October opens.
    await seriesButton('2024-08-12').click();
    await expect
      .poll(async () => page.getByRole('log', { name: 'Notifications' }).textContent())
      .toMatch(/(Could not open Abdomen PV 2\.5mm: JPEG-LS \(CharLS\).*){2}/s);
    await seriesButton('2024-10-07').click();
    await page
      .locator('section[aria-label="Study 2024-10-07"] button.series[aria-current="true"]')
      .waitFor({ timeout: 120_000 });
    await expectRendered();
  });
});
