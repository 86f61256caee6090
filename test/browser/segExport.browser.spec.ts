/**
 * DICOM SEG out of and into the segment editor, in Chromium against the production build:
 * two painted lesions are exported with "Export DICOM SEG", the downloaded file passes
 * `dciodvfy -new` and, read back in Node with src/dicom/seg onto the sample CT's grid, equals
 * the editor's labelmap byte for byte; then the bundled July reference SEG is loaded (after a
 * confirmation, since segments exist) with the voxel counts of sample-dicom/out/truth.json,
 * and Undo brings the painted lesions back.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ingestFiles } from '../../src/dicom/index.ts';
import {
  parseSegmentation,
  segmentationToLabelmap,
  segTargetFromSeries,
} from '../../src/dicom/seg/index.ts';
import { validateDicomFile } from '../support/dciodvfy';
import { RESULTS_DIR, launchChromium, type BrowserSession } from './launchChromium';
import { editorCall, paintLesion, segmentVoxels, waitForEditor } from './editorPage';

type Vec3 = [number, number, number];
const SAMPLE = 'sample-dicom/out';
const truth = JSON.parse(readFileSync(join(SAMPLE, 'truth.json'), 'utf8')) as {
  ct: Array<{
    date: string;
    lesions: Array<{ id: string; centreMm: Vec3; radiiMm: Vec3 }>;
    series: Array<{ role: string; folder: string; seriesInstanceUid: string }>;
    segmentation: {
      sopInstanceUid: string;
      segments: Array<{ segmentNumber: number; label: string; voxelCount: number }>;
    };
  }>;
};
const july = truth.ct[0]!;
const baseUrl = inject('baseUrl');
let session: BrowserSession;
let page: Page;
const probe = <T>(name: string, ...args: unknown[]): Promise<T> =>
  editorCall<T>(page, name, ...args);
let paintedDigest = '';

/** The July CT as ingest sees it in Node, with the grid the editor's labelmap is on. */
function julyCtTarget() {
  const folder = join(SAMPLE, july.series.find((s) => s.role === 'ct-axial')!.folder);
  const files = readdirSync(folder).map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(join(folder, name))),
  }));
  const series = ingestFiles(files).patients[0]!.studies[0]!.series.find(
    (s) => s.kind === 'volume',
  )!;
  return { series, target: segTargetFromSeries(series)! };
}

describe('DICOM SEG export and load in the segment editor (Chromium)', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    await waitForEditor(page);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('exports two painted lesions as a SEG that passes dciodvfy and reads back voxel-identical', async () => {
    await page.getByLabel('3D sphere').check();
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const [l1, l2] = july.lesions;
    await paintLesion(page, l1!.centreMm, 8, 1);
    await paintLesion(page, l2!.centreMm, 6, 2);
    paintedDigest = (await probe<string>('digest'))!;
    const slices1 = Object.keys(await probe<Record<number, number>>('countsAlong', 2, 1));
    const slices2 = Object.keys(await probe<Record<number, number>>('countsAlong', 2, 2));

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export DICOM SEG' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^seg-20240725-.*\.dcm$/);
    const path = join(RESULTS_DIR, 'seg-export-two-lesions.dcm');
    await download.saveAs(path);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved seg-' }).textContent())
      .toContain(`2 segment(s), ${slices1.length + slices2.length} frame(s)`);

    const validation = validateDicomFile(path);
    expect(validation.errors, validation.output).toEqual([]);

    const bytes = new Uint8Array(readFileSync(path));
    const parsed = parseSegmentation({ name: path, bytes });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const seg = parsed.value;
    // Only non-empty frames: one per segment and slice holding its voxels.
    expect(seg.frames).toHaveLength(slices1.length + slices2.length);
    expect(seg.segments.map((s) => [s.label, s.type?.codeValue, s.trackingId])).toEqual([
      ['Lesion 1', '52988006', 'L1'],
      ['Lesion 2', '52988006', 'L2'],
    ]);
    expect(seg.segments.every((s) => /^2\.25\.\d+$/.test(s.trackingUid ?? ''))).toBe(true);
    const { series, target } = julyCtTarget();
    expect(seg.referencedSeries).toEqual([
      {
        seriesInstanceUid: series.seriesInstanceUid,
        sopInstanceUids: expect.arrayContaining(target.slices.map((s) => s.sopInstanceUid)),
      },
    ]);
    const mapped = segmentationToLabelmap(seg, target);
    if (!mapped.ok) throw new Error(mapped.error.message);
    // Every frame found its slice by the instance it references, at the position it states.
    expect(mapped.value.framesByReference).toBe(seg.frames.length);
    const digest = createHash('sha256').update(mapped.value.labels).digest('hex');
    expect(digest).toBe(paintedDigest);
  });

  it('loads the July reference SEG in place of the painted segments, undoably', async () => {
    const segs = page.getByRole('list', { name: 'DICOM SEG of this series' });
    await segs.getByRole('button', { name: 'Load SEG reference (REFERENCE)' }).click();
    // Segments exist: the editor asks before replacing them.
    const confirm = page.getByRole('group', { name: 'Confirm loading' });
    await expect.poll(() => confirm.textContent()).toContain('Replace the 2 current segment(s)');
    await confirm.getByRole('button', { name: 'Replace segments' }).click();
    const expected = july.segmentation.segments;
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Loaded' }).textContent())
      .toContain(`Loaded ${expected.length} segment(s)`);
    for (const s of expected) {
      await expect.poll(() => segmentVoxels(page, s.segmentNumber)).toBe(s.voxelCount);
      await expect.poll(() => page.getByLabel(`Name of ${s.label}`).count()).toBe(1);
    }
    await page.screenshot({ path: join(RESULTS_DIR, 'seg-load-reference.png') });

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => probe<string>('digest')).toBe(paintedDigest);
    await expect.poll(() => page.getByLabel('Name of Lesion 2').count()).toBe(1);
  });

  it('logged no errors', () => {
    expect(session.problems).toEqual([]);
  });
});
