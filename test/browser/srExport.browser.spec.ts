/**
 * "Export SEG + SR" of the segment editor, in Chromium against the production build: two painted
 * lesions (with their Couinaud segments) and five findings recorded for the July date are
 * exported as a SEG and a TID 1500 SR;
 * both pass `dciodvfy -new`, and the SR read back in Node references the SEG's SOP Instance UID
 * and segment numbers, with volumes equal to the editor's voxel counts × voxel volume. Loaded
 * back, the SR opens in the review: the findings cleared from the panel come back with the same
 * values, its lesions are shown against the painted ones, and Undo restore clears them again. With
 * "De-identify" on, neither file holds the sample's patient name or ID anywhere in its bytes,
 * and the SR still references the de-identified SEG.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { ingestFiles } from '../../src/dicom/index.ts';
import { parseSegmentation } from '../../src/dicom/seg/index.ts';
import {
  checkTid1500,
  readMeasurementReport,
  readSrContentTree,
} from '../../src/dicom/sr/index.ts';
import { validateDicomFile } from '../support/dciodvfy';
import { RESULTS_DIR, launchChromium, type BrowserSession } from './launchChromium';
import { paintLesion, segmentVoxels, waitForEditor } from './editorPage';

type Vec3 = [number, number, number];
const SAMPLE = 'sample-dicom/out';
const truth = JSON.parse(readFileSync(join(SAMPLE, 'truth.json'), 'utf8')) as {
  patient: { name: string; id: string };
  ct: Array<{
    date: string;
    lesions: Array<{ id: string; centreMm: Vec3 }>;
    series: Array<{ role: string; folder: string; seriesInstanceUid: string }>;
  }>;
};
const july = truth.ct[0]!;
const julyCt = july.series.find((s) => s.role === 'ct-axial')!;
const baseUrl = inject('baseUrl');
let session: BrowserSession;
let page: Page;
const downloads: Download[] = [];
let plainExport: { segPath: string; srPath: string } | null = null;
let plainVolumesMl: number[] = [];

// Findings the reader recorded for July, as the findings panel records them (the plugin keeps
// them per patient in localStorage). L/S: liver 58.25 HU ÷ spleen 50 HU = 1.165.
const onJulyCt = { seriesInstanceUid: julyCt.seriesInstanceUid };
const roiOf = (voxelCount: number, mean: number) => ({
  statistics: {
    voxelCount,
    mean,
    sd: 9.5,
    min: mean - 30,
    max: mean + 30,
    areaMm2: voxelCount * 0.6,
  },
  imageReference: onJulyCt,
  roi: null,
});
const JULY_FINDINGS = [
  {
    id: `pattern-${july.date}`,
    date: july.date,
    imageReferences: [onJulyCt],
    kind: 'pattern',
    pattern: 'nodular',
    support: null,
  },
  {
    id: `biliary-interruption-${july.date}`,
    date: july.date,
    imageReferences: [onJulyCt],
    kind: 'biliary-interruption',
    pointMm: [12.5, -40.25, 30],
    imageReference: onJulyCt,
    level: { scheme: 'bismuth-corlette', type: 'II' },
    upstreamDilatation: true,
    ductRigidityRarefaction: null,
  },
  {
    id: `liver-spleen-${july.date}`,
    date: july.date,
    imageReferences: [onJulyCt],
    kind: 'liver-spleen',
    liverRois: [roiOf(120, 58.25)],
    spleenRois: [roiOf(100, 50)],
    contrastEnhanced: false,
  },
  {
    id: `hepatomegaly-${july.date}`,
    date: july.date,
    imageReferences: [onJulyCt],
    kind: 'hepatomegaly',
    present: true,
    liverSpanMm: 176.5,
  },
  {
    id: `ascites-${july.date}`,
    date: july.date,
    imageReferences: [onJulyCt],
    kind: 'ascites',
    present: true,
  },
];
let srFindingCount = 0;

/** Voxel volume (mL) of the July CT, from ingest in Node. */
function julyVoxelVolumeMl(): number {
  const folder = join(SAMPLE, julyCt.folder);
  const files = readdirSync(folder).map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(join(folder, name))),
  }));
  const series = ingestFiles(files).patients[0]!.studies[0]!.series.find(
    (s) => s.kind === 'volume',
  )!;
  const [sx, sy, sz] = series.geometry!.spacing;
  return (sx * sy * sz) / 1000;
}

/** Clicks "Export SEG + SR" and saves the two downloads (SEG first, then SR). */
async function exportSegAndSr(
  tag: string,
): Promise<{ segPath: string; srPath: string; names: string[] }> {
  downloads.length = 0;
  await page.getByRole('button', { name: 'Export SEG + SR' }).click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
  const seg = downloads.find((d) => d.suggestedFilename().startsWith('seg-'))!;
  const sr = downloads.find((d) => d.suggestedFilename().startsWith('sr-'))!;
  const segPath = join(RESULTS_DIR, `sr-export-${tag}-seg.dcm`);
  const srPath = join(RESULTS_DIR, `sr-export-${tag}-sr.dcm`);
  await seg.saveAs(segPath);
  await sr.saveAs(srPath);
  return { segPath, srPath, names: [seg.suggestedFilename(), sr.suggestedFilename()] };
}

function readBoth(paths: { segPath: string; srPath: string }) {
  for (const path of [paths.segPath, paths.srPath]) {
    const validation = validateDicomFile(path);
    expect(validation.errors, validation.output).toEqual([]);
  }
  const segBytes = new Uint8Array(readFileSync(paths.segPath));
  const srBytes = new Uint8Array(readFileSync(paths.srPath));
  const seg = parseSegmentation({ name: paths.segPath, bytes: segBytes });
  if (!seg.ok) throw new Error(seg.error.message);
  const report = readMeasurementReport(srBytes);
  if (!report.ok) throw new Error(report.error.message);
  const tree = readSrContentTree(srBytes);
  if (!tree.ok) throw new Error(tree.error.message);
  expect(checkTid1500(tree.value, { profile: true })).toEqual([]);
  return { segBytes, srBytes, seg: seg.value, report: report.value };
}

describe('SEG + SR export of the segment editor (Chromium)', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    // Seeded once per tab, so a reload keeps what the test changed.
    await page.addInitScript(
      ([key, findings]) => {
        if (sessionStorage.getItem('llr-test-seeded')) return;
        localStorage.setItem(key as string, JSON.stringify({ findings }));
        sessionStorage.setItem('llr-test-seeded', '1');
      },
      [`llr.findings.${truth.patient.id}`, JULY_FINDINGS] as const,
    );
    page.on('download', (d) => downloads.push(d));
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    await waitForEditor(page);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('writes a SEG and an SR whose lesion groups reference its segments, with the editor volumes', async () => {
    await page.getByLabel('3D sphere').check();
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const [l1, l2] = july.lesions;
    await paintLesion(page, l1!.centreMm, 8, 1);
    await paintLesion(page, l2!.centreMm, 6, 2);
    const counts = [await segmentVoxels(page, 1), await segmentVoxels(page, 2)];
    // The reader places the lesions in the lesion review: written as their Finding Site.
    await page.getByLabel('Couinaud segment of L1').selectOption('VIII', { timeout: 30_000 });
    await page.getByLabel('Couinaud segment of L2').selectOption('IVa');

    const paths = await exportSegAndSr('plain');
    plainExport = paths;
    const { seg, report } = readBoth(paths);
    srFindingCount = report.findings.length;
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved seg-' }).textContent())
      .toContain(`2 lesion(s), ${srFindingCount} finding(s)`);

    expect(report.segmentations.map((s) => s.sopInstanceUid)).toEqual([seg.sopInstanceUid]);
    const voxelMl = julyVoxelVolumeMl();
    expect(report.lesions).toHaveLength(2);
    report.lesions.forEach((lesion, i) => {
      const segment = seg.segments[i]!;
      expect(lesion.segment).toEqual({
        segmentationSopInstanceUid: seg.sopInstanceUid,
        segmentNumber: segment.segmentNumber,
      });
      expect(lesion.trackingId).toBe(segment.trackingId);
      expect(lesion.trackingUid).toBe(segment.trackingUid);
      expect(lesion.volumeMl).toBeCloseTo(counts[i]! * voxelMl, 9);
      expect(lesion.longAxisMm).toBeGreaterThan(lesion.shortAxisMm!);
      expect(lesion.meanIntensity).not.toBeNull();
      expect(lesion.intensitySd).not.toBeNull();
      expect(lesion.sourceSeriesInstanceUid).toBe(julyCt.seriesInstanceUid);
    });
    expect(report.lesions.map((l) => l.couinaudSegment)).toEqual(['VIII', 'IVa']);
    // The five recorded findings, and the date's response when the lesion review computed it.
    expect(report.findings.filter((f) => f.kind !== 'response')).toEqual([
      expect.objectContaining({ kind: 'pattern', pattern: 'nodular' }),
      expect.objectContaining({
        kind: 'biliary-interruption',
        level: { scheme: 'bismuth-corlette', type: 'II' },
        upstreamDilatation: true,
        point: expect.objectContaining({ kind: 'patient' }),
      }),
      expect.objectContaining({ kind: 'liver-spleen', ratio: 58.25 / 50 }),
      expect.objectContaining({ kind: 'hepatomegaly', present: true, liverSpanMm: 176.5 }),
      expect.objectContaining({ kind: 'ascites', present: true }),
    ]);
    expect(report.patient.id).toBe(truth.patient.id);
    plainVolumesMl = report.lesions.map((l) => l.volumeMl!);
  });

  it('reads a loaded SR back and shows its measurements and findings', async () => {
    const files = [plainExport!.segPath, plainExport!.srPath].map((path, i) => ({
      name: i === 0 ? 'exported-seg.dcm' : 'exported-sr.dcm',
      mimeType: 'application/dicom',
      buffer: readFileSync(path),
    }));
    await page.getByTestId('open-files-input').setInputFiles(files);
    const list = page.getByRole('list', { name: 'DICOM SR of this series' });
    await list.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => list.textContent())
      .toContain(`2 lesion(s), ${srFindingCount} finding(s)`);
    await list.getByRole('button', { name: `Show Measurement report ${july.date}` }).click();
    const table = page.getByRole('table', { name: 'SR measurements' });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    for (const [i, volume] of plainVolumesMl.entries()) {
      const cells = await rows.nth(i).locator('th, td').allTextContents();
      expect(cells.slice(0, 3)).toEqual([`L${i + 1}`, String(i + 1), volume.toFixed(2)]);
    }
    const findings = await page.getByRole('list', { name: 'SR findings' }).textContent();
    expect(findings).toContain('Liver pattern: nodular');
    expect(findings).toContain(
      'Biliary interruption (Bismuth–Corlette II) at (12.5, -40.3, 30.0) mm',
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'sr-export-read-back.png') });
  });

  it('opens the loaded SR in the review: cleared findings come back with the same values', async () => {
    await page.getByText('Findings, labs and rules', { exact: true }).click();
    const panel = page.locator('.findings');
    const pattern = panel.getByLabel('Liver lesion pattern');
    await pattern.waitFor({ timeout: 10_000 });
    const shown = async () => ({
      pattern: await pattern.inputValue(),
      biliary: (await panel.getByTestId('biliary-finding').count())
        ? await panel.getByTestId('biliary-finding').locator('p').first().textContent()
        : null,
      ratio: (await panel.getByTestId('ls-ratio').count())
        ? await panel.getByTestId('ls-ratio').textContent()
        : null,
      span: (await panel.getByTestId('liver-span').count())
        ? await panel.getByTestId('liver-span').textContent()
        : null,
      hepatomegaly: await panel.getByLabel('Hepatomegaly', { exact: true }).isChecked(),
      ascites: await panel.getByLabel('Ascites', { exact: true }).isChecked(),
    });
    const recorded = await shown();
    expect(recorded).toEqual({
      pattern: 'nodular',
      biliary: 'Marked at (12.5, -40.3, 30.0) mm',
      ratio: '1.165',
      span: 'Liver span 176.5 mm',
      hepatomegaly: true,
      ascites: true,
    });

    // Clear every finding of the date from the panel.
    await pattern.selectOption('');
    await panel.getByRole('button', { name: 'Remove marker' }).click();
    await panel.getByRole('button', { name: 'Remove liver ROI 1' }).click();
    await panel.getByRole('button', { name: 'Remove spleen ROI 1' }).click();
    await panel.getByLabel('Hepatomegaly', { exact: true }).uncheck();
    await panel.getByLabel('Ascites', { exact: true }).uncheck();
    const cleared = {
      pattern: '',
      biliary: null,
      ratio: null,
      span: null,
      hepatomegaly: false,
      ascites: false,
    };
    await expect.poll(shown).toEqual(cleared);

    // Open the SR loaded in the previous test, confirm, and read the panel again.
    const list = page.getByRole('list', { name: 'DICOM SR of this series' });
    await list
      .getByRole('button', { name: `Open Measurement report ${july.date} in the review` })
      .click();
    const confirm = page.getByRole('group', { name: 'Confirm opening the report' });
    await confirm.getByRole('button', { name: 'Open and replace findings' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /^Restored/ })
          .first()
          .textContent(),
      )
      .toContain(`Restored 5 finding(s) of ${july.date}`);
    await expect.poll(shown, { timeout: 10_000 }).toEqual(recorded);

    // Its lesions shown against the painted lesions (same TrackingUIDs as the SEG segments).
    const table = panel.getByRole('table', { name: 'Report lesions against the loaded lesions' });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    for (const [i, volume] of plainVolumesMl.entries()) {
      const cells = await rows.nth(i).locator('th, td').allTextContents();
      expect(cells[0]).toBe(`L${i + 1}`);
      expect(cells[1]).toMatch(new RegExp(`^#${i + 1}`));
      expect(cells[2]).toBe(['VIII', 'IVa'][i]);
      expect(cells[3]).toBe(volume.toFixed(2));
      expect(cells[5]).not.toBe('not loaded');
    }
    await page.screenshot({ path: join(RESULTS_DIR, 'sr-export-opened-in-review.png') });

    // Undo restore brings back what the panel held before: the cleared date.
    await panel.getByRole('button', { name: 'Undo restore' }).click();
    await expect.poll(shown).toEqual(cleared);
    await page.getByText('Findings, labs and rules', { exact: true }).click();
  });

  it('de-identifies both files with one session salt, so the SR still references the SEG', async () => {
    await page.getByLabel('De-identify (PS3.15 basic profile, modified dates)').check();
    const paths = await exportSegAndSr('deid');
    // File names carry no date either.
    expect(paths.names).toEqual(['seg-deidentified.dcm', 'sr-deidentified.dcm']);
    const { segBytes, srBytes, seg, report } = readBoth(paths);
    for (const bytes of [segBytes, srBytes]) {
      const text = Buffer.from(bytes).toString('latin1');
      expect(text).not.toContain(truth.patient.name);
      expect(text).not.toContain(truth.patient.id);
      expect(text).not.toContain(julyCt.seriesInstanceUid);
    }
    expect(report.segmentations.map((s) => s.sopInstanceUid)).toEqual([seg.sopInstanceUid]);
    expect(report.lesions.map((l) => l.segment?.segmentationSopInstanceUid)).toEqual([
      seg.sopInstanceUid,
      seg.sopInstanceUid,
    ]);
    // The SEG's and SR's references to the source series were remapped alike.
    expect(report.lesions[0]!.sourceSeriesInstanceUid).toBe(
      seg.referencedSeries[0]!.seriesInstanceUid,
    );
    expect(report.patient.id).toMatch(/^ANON-/);
    expect(seg.sopInstanceUid).toMatch(/^2\.25\./);
  });

  it('logged no errors', () => {
    expect(session.problems).toEqual([]);
  });
});
