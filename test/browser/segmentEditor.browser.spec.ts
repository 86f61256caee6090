import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, launchChromium, type BrowserSession } from './launchChromium';

type Vec3 = [number, number, number];
interface Probe {
  ready(): boolean;
  digest(): Promise<string | null>;
  countsAlong(axis: 0 | 1 | 2, segment?: number): Record<number, number>;
  intensityRange(segment: number): { min: number; max: number } | null;
  canvasToIndex(viewportId: string, x: number, y: number): Vec3 | null;
  worldToCanvas(viewportId: string, world: Vec3): [number, number] | null;
  jumpToWorld(world: Vec3): void;
  spacing(): Vec3 | null;
}

const baseUrl = inject('baseUrl');
const truth = JSON.parse(readFileSync('sample-dicom/out/truth.json', 'utf8')) as {
  ct: Array<{
    date: string;
    lesions: Array<{ id: string; centreMm: Vec3; radiiMm: Vec3; value: number }>;
  }>;
};
let session: BrowserSession;
let page: Page;

/** Calls one probe function in the page (window.__llr.editor). */
function probe<K extends keyof Probe>(
  name: K,
  ...args: Parameters<Probe[K]>
): Promise<Awaited<ReturnType<Probe[K]>>> {
  return page.evaluate(
    ([fn, fnArgs]) => {
      const editor = (
        window as unknown as { __llr: { editor: Record<string, (...a: unknown[]) => unknown> } }
      ).__llr.editor;
      return editor[fn as string]!(...(fnArgs as unknown[]));
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<Probe[K]>>>;
}

const total = (counts: Record<number, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * The viewport's box once the layout has settled: panels around the viewport grow when a
 * segment is added, and a stroke begun before that lands elsewhere in the image than the
 * test's later strokes (tool switches render nothing, so nothing else waits for it).
 */
async function viewportBox(
  view: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const read = () => page.getByTestId(`viewport-${view}`).boundingBox();
  let box = await read();
  for (let stable = 0, tries = 0; stable < 4 && tries < 100; tries++) {
    await page.waitForTimeout(100);
    const next = await read();
    stable = JSON.stringify(next) === JSON.stringify(box) ? stable + 1 : 0;
    box = next;
  }
  if (!box) throw new Error(`no ${view} viewport`);
  return box;
}

/** A real mouse drag through canvas points of a viewport. */
async function drag(view: string, points: ReadonlyArray<[number, number]>): Promise<void> {
  const box = await viewportBox(view);
  const [first, ...rest] = points;
  if (!first) return;
  await page.mouse.move(box.x + first[0], box.y + first[1]);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(box.x + p[0], box.y + p[1], { steps: 8 });
  await page.mouse.up();
}

async function addSegment(): Promise<void> {
  await page.getByRole('button', { name: 'Add segment' }).click();
}

async function setRadius(mm: number): Promise<void> {
  await page.getByLabel('Radius (mm)', { exact: true }).fill(String(mm));
}

function shoelaceArea(points: ReadonlyArray<readonly [number, number]>): number {
  let sum = 0;
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length]!;
    sum += p[0] * q[1] - q[0] * p[1];
  });
  return Math.abs(sum) / 2;
}

describe('segment editor in Chromium', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => (window as unknown as { __llr: { editor: { ready(): boolean } } }).__llr.editor.ready(),
      undefined,
      { timeout: 30_000 },
    );
  });
  afterAll(async () => {
    await session?.close();
  });

  it('paints a stroke on the current slice only, with the brush radius in mm', async () => {
    await addSegment();
    await expect(page.getByLabel('Name of Lesion 1').count()).resolves.toBe(1);
    await setRadius(5);
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const box = await viewportBox('stack');
    const start: [number, number] = [box.width * 0.3, box.height * 0.3];
    const end: [number, number] = [box.width * 0.3 + 120, box.height * 0.3];
    await drag('stack', [start, end]);
    const counts = await probe('countsAlong', 2, 1);
    const a = await probe('canvasToIndex', 'stack', ...start);
    const b = await probe('canvasToIndex', 'stack', ...end);
    const spacing = await probe('spacing');
    if (!a || !b || !spacing) throw new Error('probe failed');
    // A 2D brush paints one slice: the one under the cursor.
    expect(Object.keys(counts).map(Number)).toEqual([Math.round(a[2])]);
    // The swept area of a 5 mm disc along the stroke: 2r·L + πr² (mm²), in voxels.
    const lengthMm = Math.hypot((b[0] - a[0]) * spacing[0], (b[1] - a[1]) * spacing[1]);
    const expected = (2 * 5 * lengthMm + Math.PI * 25) / (spacing[0] * spacing[1]);
    expect(total(counts)).toBeGreaterThan(expected * 0.9);
    expect(total(counts)).toBeLessThan(expected * 1.1);
    await expect(page.getByTestId('voxels-1').textContent()).resolves.toBe(String(total(counts)));
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-01-paint.png') });
  });

  it('undoes and redoes a stroke byte-exactly (Ctrl+Z, Ctrl+Shift+Z)', async () => {
    const before = await probe('digest');
    const box = await viewportBox('stack');
    await drag('stack', [
      [box.width * 0.3, box.height * 0.6],
      [box.width * 0.3 + 80, box.height * 0.6 + 40],
    ]);
    const after = await probe('digest');
    expect(after).not.toBe(before);
    await page.keyboard.press('Control+z');
    await expect.poll(() => probe('digest')).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => probe('digest')).toBe(after);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => probe('digest')).toBe(before);
  });

  it('erases part of a segment', async () => {
    const before = total(await probe('countsAlong', 2, 1));
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    const box = await viewportBox('stack');
    await drag('stack', [
      [box.width * 0.3 + 60, box.height * 0.3 - 30],
      [box.width * 0.3 + 60, box.height * 0.3 + 30],
    ]);
    const after = total(await probe('countsAlong', 2, 1));
    expect(after).toBeLessThan(before);
    expect(after).toBeGreaterThan(0);
  });

  it('fills a drawn polygon with its area within 2 %', async () => {
    await addSegment();
    await page.getByRole('button', { name: 'Draw', exact: true }).click();
    const box = await viewportBox('stack');
    const cx = box.width * 0.55;
    const cy = box.height * 0.55;
    // An irregular pentagon about 200 px across, drawn by dragging along its edges.
    const vertices: Array<[number, number]> = [
      [cx - 100, cy - 40],
      [cx + 10, cy - 110],
      [cx + 110, cy - 20],
      [cx + 60, cy + 90],
      [cx - 80, cy + 70],
    ];
    await drag('stack', [...vertices, vertices[0]!]);
    const indices = await Promise.all(vertices.map((v) => probe('canvasToIndex', 'stack', ...v)));
    const spacing = await probe('spacing');
    if (!spacing || indices.some((i) => !i)) throw new Error('probe failed');
    const expectedMm2 = shoelaceArea(
      indices.map((i) => [i![0] * spacing[0], i![1] * spacing[1]] as const),
    );
    const filledMm2 = total(await probe('countsAlong', 2, 2)) * spacing[0] * spacing[1];
    expect(Math.abs(filledMm2 - expectedMm2) / expectedMm2).toBeLessThan(0.02);
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-02-draw.png') });
  });

  it('keeps paint inside the threshold range (masking)', async () => {
    await addSegment();
    const lesion = truth.ct[0]?.lesions.find((l) => l.id === 'L1');
    if (!lesion) throw new Error('truth has no July L1');
    await probe('jumpToWorld', lesion.centreMm);
    await page.getByLabel('Editable intensity range').check();
    await page.getByLabel('Min', { exact: true }).fill('0');
    await page.getByLabel('Max', { exact: true }).fill('90');
    await setRadius(20);
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const centre = await probe('worldToCanvas', 'stack', lesion.centreMm);
    if (!centre) throw new Error('no canvas point');
    await drag('stack', [centre, [centre[0] + 2, centre[1]]]);
    const range = await probe('intensityRange', 3);
    expect(range).not.toBeNull();
    expect(range!.min).toBeGreaterThanOrEqual(0);
    expect(range!.max).toBeLessThanOrEqual(90);
    // Most of the lesion's cross-section (radius 13–14 mm) is inside the 20 mm brush and range.
    const spacing = (await probe('spacing'))!;
    const crossSection =
      (Math.PI * lesion.radiiMm[0] * lesion.radiiMm[1]) / (spacing[0] * spacing[1]);
    expect(total(await probe('countsAlong', 2, 3))).toBeGreaterThan(crossSection * 0.7);
    await page.getByLabel('Editable intensity range').uncheck();
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-03-threshold.png') });
  });

  it('restores the segmentation voxel-exactly after a reload', async () => {
    const before = await probe('digest');
    // Autosave runs within 2 s of an edit.
    await page.waitForTimeout(2_500);
    await page.reload();
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    await expect.poll(() => probe('ready'), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => probe('digest'), { timeout: 10_000 }).toBe(before);
    await expect(page.getByLabel('Name of Lesion 2').count()).resolves.toBe(1);
  });

  it('paints in a coronal MPR view', async () => {
    await page.getByRole('button', { name: 'MPR', exact: true }).click();
    await page.getByTestId('slice-info-coronal').waitFor({ timeout: 30_000 });
    await expect.poll(() => probe('ready')).toBe(true);
    await page.getByLabel('Edit Lesion 1').check();
    await setRadius(4);
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const before = await probe('countsAlong', 1, 1);
    const box = await viewportBox('coronal');
    await drag('coronal', [
      [box.width * 0.4, box.height * 0.35],
      [box.width * 0.4, box.height * 0.45],
    ]);
    const after = await probe('countsAlong', 1, 1);
    const changedRows = Object.keys(after).filter((j) => after[Number(j)] !== before[Number(j)]);
    // A coronal stroke changes one row plane (fixed j) and spans several axial slices.
    expect(changedRows).toHaveLength(1);
    const slices = await probe('countsAlong', 2, 1);
    expect(Object.keys(slices).length).toBeGreaterThan(3);
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-04-coronal.png') });
  });

  it('logged no errors', () => {
    expect(session.problems).toEqual([]);
  });
});
