/**
 * Memory with three 512×512×300 CT dates open together, each with a labelmap painted on, in
 * headless Chromium (production build, SwiftShader WebGL), against the raw voxel bytes those
 * dates need: 3 × (512·512·300 × 2 bytes of Int16 CT + 512·512·300 × 1 byte of labelmap).
 *
 * Memory is the PSS summed over every Chromium process (browser, renderer with the ingest
 * worker, GPU process holding SwiftShader's textures in RAM, utilities), sampled every 100 ms
 * from /proc (bench/memory/processMemory.ts). Reported: the peak over the whole run above the
 * app's own footprint before any file is opened (the blank viewer), and the steady state after
 * the last date is painted and the three dates are shown side by side.
 *
 *   npx tsx bench/run.ts memory   (env: BENCH_MEMORY_SLICES=300 to use fewer slices)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ctSeriesFiles } from '../sample-dicom/lib/ctSeries.ts';
import { launchChromium } from '../test/browser/launchChromium.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { buildAndServe, serveApp } from './editor/servers.ts';
import { findBrowserPid, startMemorySampler } from './memory/processMemory.ts';
import { machineInfo } from './measure.ts';

export const name = 'memory';

const SLICES = Number(process.env['BENCH_MEMORY_SLICES'] ?? 300);
const SIZE = { rows: 512, columns: 512, slices: SLICES } as const;
/** The sample patient's three CT dates (each date brings its own lesions into the phantom). */
const DATES = ['2024-07-25', '2024-08-12', '2024-10-07'] as const;
const MiB = 1024 * 1024;

interface Dates {
  readonly dir: string;
  readonly paths: string[];
  readonly fileBytes: number;
}

/** Serves the dates' files to the peer page at /peer-dicom/<date index>/<file name>. */
function servePeerDicom(dates: Dates): Plugin {
  const handler = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const match = /^\/peer-dicom\/(\d)\/([\w.]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
    const date = match ? DATES[Number(match[1])] : undefined;
    if (!match || !date) return next();
    const file = path.join(dates.dir, date, match[2] ?? '');
    if (!fs.existsSync(file)) return next();
    res.setHeader('Content-Type', 'application/dicom');
    res.setHeader('Content-Length', String(fs.statSync(file).size));
    fs.createReadStream(file).pipe(res);
  };
  return {
    name: 'memory-bench-peer-dicom',
    configurePreviewServer(server) {
      server.middlewares.use(handler);
    },
  };
}

interface PeerResult {
  baselineBytes: number;
  baselineByType: Record<string, number>;
  peakBytes: number;
  peakByType: Record<string, number>;
  steadyBytes: number;
  steadyByType: Record<string, number>;
  phases: Record<string, Record<string, number>>;
  failure: string | null;
}

/** The same three dates in a plain cornerstone3D page (bench/memory/peer). */
async function measurePeer(dates: Dates): Promise<PeerResult> {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const served = await buildAndServe(path.join(here, 'memory/peer/vite.config.ts'), [
    servePeerDicom(dates),
  ]);
  const browser = await launchChromium({ extraArgs: ['--js-flags=--expose-gc'] });
  try {
    const { page } = browser;
    const sampler = startMemorySampler(findBrowserPid(browser.userDataDir), 100);
    await page.goto(`${served.url}/`);
    const ok = await page.evaluate(() =>
      (window as unknown as { __peer: { ready(): Promise<boolean> } }).__peer.ready(),
    );
    if (!ok) throw new Error('peer page failed to initialise');
    await page.waitForTimeout(2000);
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
        for (const worker of page.workers())
          await worker.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
        await page.waitForTimeout(500);
      }
    };
    await settle();
    const baseline = sampler.now();
    sampler.resetPeak();
    const phases: Record<string, Record<string, number>> = {};
    let failure: string | null = null;
    for (let i = 0; i < DATES.length; i++) {
      const files = fs.readdirSync(path.join(dates.dir, DATES[i] ?? '')).sort();
      const opened = await page.evaluate(
        ([index, names]) =>
          (
            window as unknown as {
              __peer: { openDate(i: number, f: string[]): Promise<boolean> };
            }
          ).__peer.openDate(index as number, names as string[]),
        [i, files] as const,
      );
      if (!opened) {
        failure = await page.evaluate(() =>
          (window as unknown as { __peer: { failure(): string | null } }).__peer.failure(),
        );
        break;
      }
      await settle();
      const now = sampler.now();
      phases[`after ${DATES[i]}`] = { total: now.totalBytes, ...now.byType };
    }
    await settle();
    const steady = sampler.now();
    const peak = sampler.peak();
    sampler.stop();
    return {
      baselineBytes: baseline.totalBytes,
      baselineByType: baseline.byType,
      peakBytes: peak.totalBytes,
      peakByType: peak.byType,
      steadyBytes: steady.totalBytes,
      steadyByType: steady.byType,
      phases,
      failure,
    };
  } finally {
    await browser.close();
    await served.close();
  }
}

function writeDates(): Dates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llr-memory-bench-'));
  const paths: string[] = [];
  let fileBytes = 0;
  DATES.forEach((date, i) => {
    const folder = path.join(dir, date);
    fs.mkdirSync(folder);
    const files = ctSeriesFiles({
      ...SIZE,
      pixelSpacingMm: 0.75,
      sliceSpacingMm: 1,
      date,
      storage: 'signed',
      key: { patient: 9, study: i + 1, series: 1 },
    });
    for (let step = files.next(); !step.done; step = files.next()) {
      const target = path.join(folder, step.value.name);
      fs.writeFileSync(target, step.value.bytes);
      paths.push(target);
      fileBytes += step.value.bytes.length;
    }
  });
  return { dir, paths, fileBytes };
}

const editorReady = (page: Page): Promise<unknown> =>
  page.waitForFunction(
    () => (window as unknown as { __llr: { editor: { ready(): boolean } } }).__llr.editor.ready(),
    undefined,
    { timeout: 120_000 },
  );

/** Opens one date's CT from the series browser, adds a lesion and paints three 2D discs. */
async function openAndPaint(page: Page, date: string): Promise<void> {
  const button = page.locator(`section[aria-label="Study ${date}"] button.series`).first();
  await button.click();
  await page
    .locator(`section[aria-label="Study ${date}"] button.series[aria-current="true"]`)
    .waitFor({ timeout: 120_000 });
  await page.getByTestId('slice-info-stack').waitFor({ timeout: 120_000 });
  await editorReady(page);
  await page.getByRole('button', { name: 'Add segment' }).click();
  const paint = page.getByRole('button', { name: 'Paint', exact: true });
  if ((await paint.getAttribute('aria-pressed')) !== 'true') await paint.click();
  const box = await page.getByTestId('viewport-stack').boundingBox();
  if (!box) throw new Error('memory bench: no stack viewport');
  for (const dx of [-40, 0, 40]) {
    await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2);
  }
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="voxels-1"]')?.textContent ?? 0) > 0,
    undefined,
    { timeout: 60_000 },
  );
}

export async function run(): Promise<object> {
  const voxels = SIZE.rows * SIZE.columns * SIZE.slices;
  const rawCtBytes = DATES.length * voxels * 2;
  const rawLabelmapBytes = DATES.length * voxels;
  const rawBytes = rawCtBytes + rawLabelmapBytes;
  console.log(`memory: writing ${DATES.length} CT dates of 512×512×${SLICES}…`);
  const dates = writeDates();
  const app = await serveApp();
  // gc() in the page and its workers: the steady state is measured after a full collection,
  // so it counts what is kept, not garbage V8 has not collected yet.
  const browser = await launchChromium({ extraArgs: ['--js-flags=--expose-gc'] });
  const notes: string[] = [];
  try {
    const { page } = browser;
    const sampler = startMemorySampler(findBrowserPid(browser.userDataDir), 100);
    await page.goto(`${app.url}/?autoload=0`);
    await page.locator('[data-testid="open-files-input"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(2000);
    const baseline = sampler.now();
    sampler.resetPeak();

    const started = performance.now();
    await page.locator('[data-testid="open-files-input"]').setInputFiles(dates.paths);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 300_000 });
    const firstShownMs = performance.now() - started;
    const phases: Record<string, Record<string, number>> = {};
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
        for (const worker of page.workers())
          await worker.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
        await page.waitForTimeout(500);
      }
    };
    const record = async (label: string): Promise<void> => {
      await settle();
      const now = sampler.now();
      phases[label] = { total: now.totalBytes, ...now.byType };
    };
    for (const date of DATES) {
      await openAndPaint(page, date);
      await record(`after ${date}`);
    }
    const usage = page.getByTestId('history-usage');
    const history = (await usage.count()) > 0 ? ((await usage.textContent()) ?? '') : '';
    const compare = page.getByRole('button', { name: 'Compare dates' });
    if ((await compare.count()) > 0 && (await compare.isEnabled())) {
      await compare.click();
      try {
        await page.getByTestId('slice-info-compare-2').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(3000);
        await record('compare view');
      } catch {
        const shown = await page.locator('[data-testid^="slice-info-compare"]').count();
        notes.push(`the compare view did not show three dates (${shown} compare views)`);
        await page.screenshot({ path: path.join(os.tmpdir(), 'llr-memory-bench-compare.png') });
      }
    } else {
      notes.push('the Compare dates button was not available: steady state is the single view');
    }
    await settle();
    const steady = sampler.now();
    const peak = sampler.peak();

    // Beyond the scenario: the last date in MPR, the one view that builds a 3D texture of a
    // series (its CT and its labelmap), then back to the stack view, which frees them.
    sampler.resetPeak();
    let mprPeak: ReturnType<typeof sampler.peak> | null = null;
    try {
      const last = DATES[DATES.length - 1]!;
      await page.locator(`section[aria-label="Study ${last}"] button.series`).first().click();
      await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'MPR', exact: true }).click();
      await page.getByTestId('slice-info-sagittal').waitFor({ timeout: 120_000 });
      await page.waitForTimeout(3000);
      await record(`${last} in MPR`);
      mprPeak = sampler.peak();
      await page.getByRole('button', { name: 'Stack', exact: true }).click();
      await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1000);
      await record(`${last} back in the stack view`);
    } catch (error) {
      notes.push(`the MPR phase failed: ${String(error)}`);
    }
    sampler.stop();
    const cpuFallback = await page.evaluate(
      () => (window as unknown as { __llr: { cpuFallback: boolean } }).__llr.cpuFallback,
    );
    if (cpuFallback) notes.push('cornerstone fell back to CPU rendering: figures are not valid');

    const above = (bytes: number): number => bytes - baseline.totalBytes;
    const result = {
      machine: machineInfo(),
      slices: SLICES,
      rawBytes,
      rawCtBytes,
      rawLabelmapBytes,
      dicomFileBytes: dates.fileBytes,
      baselineBytes: baseline.totalBytes,
      baselineByType: baseline.byType,
      peakBytes: peak.totalBytes,
      peakByType: peak.byType,
      steadyBytes: steady.totalBytes,
      steadyByType: steady.byType,
      phases,
      peakAboveBaselineOverRaw: above(peak.totalBytes) / rawBytes,
      steadyAboveBaselineOverRaw: above(steady.totalBytes) / rawBytes,
      peakOverRaw: peak.totalBytes / rawBytes,
      mprPeakBytes: mprPeak?.totalBytes ?? null,
      mprPeakByType: mprPeak?.byType ?? null,
      mprPeakAboveBaselineOverRaw: mprPeak ? above(mprPeak.totalBytes) / rawBytes : null,
      firstShownMs,
      undoHistory: history,
      notes,
    };
    const mib = (b: number): string => `${(b / MiB).toFixed(0)} MiB`;
    console.log(
      [
        `raw voxel bytes ${mib(rawBytes)} (CT ${mib(rawCtBytes)} + labelmaps ${mib(rawLabelmapBytes)}), DICOM files ${mib(dates.fileBytes)}`,
        `blank viewer ${mib(baseline.totalBytes)} ${JSON.stringify(baseline.byType, (_, v: unknown) => (typeof v === 'number' ? Math.round(v / MiB) : v))}`,
        `peak ${mib(peak.totalBytes)} → above the blank viewer ${mib(above(peak.totalBytes))} = ${result.peakAboveBaselineOverRaw.toFixed(2)}× raw`,
        `  by process type (MiB) ${JSON.stringify(peak.byType, (_, v: unknown) => (typeof v === 'number' ? Math.round(v / MiB) : v))}`,
        `steady ${mib(steady.totalBytes)} → above the blank viewer ${mib(above(steady.totalBytes))} = ${result.steadyAboveBaselineOverRaw.toFixed(2)}× raw`,
        `  by process type (MiB) ${JSON.stringify(steady.byType, (_, v: unknown) => (typeof v === 'number' ? Math.round(v / MiB) : v))}`,
        mprPeak
          ? `one date in MPR (beyond the scenario): peak ${mib(mprPeak.totalBytes)} → above the blank viewer ${mib(above(mprPeak.totalBytes))} = ${(above(mprPeak.totalBytes) / rawBytes).toFixed(2)}× raw`
          : 'one date in MPR: not measured',
        ...Object.entries(phases).map(
          ([k, v]) =>
            `  ${k}: ${Object.entries(v)
              .map(([t, b]) => `${t} ${mib(b)}`)
              .join(', ')}`,
        ),
        history,
        ...notes,
      ].join('\n'),
    );
    await browser.close();
    let peer:
      | (PeerResult & { peakAboveBaselineOverRaw: number; steadyAboveBaselineOverRaw: number })
      | null = null;
    if (process.env['BENCH_MEMORY_PEER'] !== '0') {
      const measured = await measurePeer(dates);
      peer = {
        ...measured,
        peakAboveBaselineOverRaw: (measured.peakBytes - measured.baselineBytes) / rawBytes,
        steadyAboveBaselineOverRaw: (measured.steadyBytes - measured.baselineBytes) / rawBytes,
      };
      const typed = (v: Record<string, number>): string =>
        Object.entries(v)
          .map(([t, b]) => `${t} ${mib(b)}`)
          .join(', ');
      console.log(
        [
          `peer (plain cornerstone3D): blank page ${mib(measured.baselineBytes)} (${typed(measured.baselineByType)})`,
          `  peak ${mib(measured.peakBytes)} = ${peer.peakAboveBaselineOverRaw.toFixed(2)}× raw above the blank page (${typed(measured.peakByType)})`,
          `  steady ${mib(measured.steadyBytes)} = ${peer.steadyAboveBaselineOverRaw.toFixed(2)}× raw (${typed(measured.steadyByType)})`,
          ...Object.entries(measured.phases).map(([k, v]) => `  ${k}: ${typed(v)}`),
          measured.failure ? `  failed: ${measured.failure}` : '',
        ].join('\n'),
      );
    }
    return { ...result, peer };
  } finally {
    await browser.close().catch(() => undefined);
    await app.close();
    fs.rmSync(dates.dir, { recursive: true, force: true });
  }
}
