import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  RESULTS_DIR,
  canvasStats,
  launchChromium,
  type BrowserSession,
  type CanvasStats,
} from './launchChromium';

type Vec3 = [number, number, number];
const require = createRequire(import.meta.url);
const baseUrl = inject('baseUrl');
const truth = JSON.parse(readFileSync('sample-dicom/out/truth.json', 'utf8')) as {
  ct: Array<{ lesions: Array<{ id: string; centreMm: Vec3; radiiMm: Vec3 }> }>;
};
let session: BrowserSession;
let page: Page;
const consoleMessages: string[] = [];

/** What the 3D canvas shows: read back through a 2D canvas, as a user's screenshot would. */
interface View3dStats {
  readonly width: number;
  readonly height: number;
  /** Mean luma of the four corner patches (10 % × 10 % each). */
  readonly cornerLuma: number;
  /** Fraction of lit pixels (luma > 10) and the luma spread in the middle 40 % × 40 %. */
  readonly centreLit: number;
  readonly centreStd: number;
  /** Fraction of lit pixels over the whole canvas (1 = an opaque block). */
  readonly litFraction: number;
  /** Fraction of pixels brighter than 200 (white MIP structures). */
  readonly whiteFraction: number;
  /** Pixels whose green clearly dominates red and blue (the test segment's colour). */
  readonly greenPixels: number;
  /** Mean luma on a 16 × 16 grid: compares two renderings. */
  readonly signature: number[];
}

async function view3dStats(): Promise<View3dStats> {
  return page.evaluate(() => {
    const source = document.querySelector<HTMLCanvasElement>('[data-testid="viewport-3d"] canvas');
    if (!source || source.width === 0) throw new Error('no 3D canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx) throw new Error('no 2D context');
    ctx.drawImage(source, 0, 0);
    const { width, height } = copy;
    const { data } = ctx.getImageData(0, 0, width, height);
    const lumaAt = (x: number, y: number): number => {
      const o = (y * width + x) * 4;
      return 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
    };
    const patch = (x0: number, y0: number, w: number, h: number) => {
      let sum = 0;
      let sumSq = 0;
      let lit = 0;
      for (let y = y0; y < y0 + h; y++) {
        for (let x = x0; x < x0 + w; x++) {
          const l = lumaAt(x, y);
          sum += l;
          sumSq += l * l;
          if (l > 10) lit++;
        }
      }
      const n = Math.max(1, w * h);
      const mean = sum / n;
      return { mean, std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), lit: lit / n };
    };
    const cw = Math.max(1, Math.floor(width / 10));
    const ch = Math.max(1, Math.floor(height / 10));
    const corners = [
      patch(0, 0, cw, ch),
      patch(width - cw, 0, cw, ch),
      patch(0, height - ch, cw, ch),
      patch(width - cw, height - ch, cw, ch),
    ];
    const centre = patch(
      Math.floor(width * 0.3),
      Math.floor(height * 0.3),
      Math.floor(width * 0.4),
      Math.floor(height * 0.4),
    );
    let greenPixels = 0;
    let white = 0;
    for (let o = 0; o < data.length; o += 4) {
      const [r, g, b] = [data[o]!, data[o + 1]!, data[o + 2]!];
      if (g > r + 40 && g > b + 40) greenPixels++;
      if (0.299 * r + 0.587 * g + 0.114 * b > 200) white++;
    }
    const signature: number[] = [];
    for (let gy = 0; gy < 16; gy++) {
      for (let gx = 0; gx < 16; gx++) {
        signature.push(
          patch(
            Math.floor((gx * width) / 16),
            Math.floor((gy * height) / 16),
            Math.max(1, Math.floor(width / 16)),
            Math.max(1, Math.floor(height / 16)),
          ).mean,
        );
      }
    }
    return {
      width,
      height,
      cornerLuma: corners.reduce((a, c) => a + c.mean, 0) / 4,
      centreLit: centre.lit,
      centreStd: centre.std,
      litFraction: patch(0, 0, width, height).lit,
      whiteFraction: white / (width * height),
      greenPixels,
      signature,
    };
  });
}

/** Full-quality frames the 3D view has finished (the GPU fence signalled). */
async function fullFrames(): Promise<number> {
  return page.evaluate(() => {
    const view = document.querySelector<HTMLElement>('[data-testid="viewport-3d"]');
    return view?.dataset.quality === 'full' ? Number(view.dataset.fullFrames ?? 0) : -1;
  });
}

/** Waits for a full-quality frame newer than `after` and reads it back. */
async function nextFullFrame(after: number): Promise<View3dStats> {
  await expect.poll(fullFrames, { timeout: 120_000, interval: 200 }).toBeGreaterThan(after);
  return view3dStats();
}

const meanAbsDiff = (a: readonly number[], b: readonly number[]): number =>
  a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

async function drag(view: string, points: ReadonlyArray<[number, number]>): Promise<void> {
  const box = await page.getByTestId(`viewport-${view}`).boundingBox();
  if (!box) throw new Error(`no ${view} viewport`);
  const [first, ...rest] = points;
  if (!first) return;
  await page.mouse.move(box.x + first[0], box.y + first[1]);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(box.x + p[0], box.y + p[1], { steps: 8 });
  await page.mouse.up();
}

function probe<T>(name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, fnArgs]) => {
      const editor = (
        window as unknown as { __llr: { editor: Record<string, (...a: unknown[]) => unknown> } }
      ).__llr.editor;
      return editor[fn as string]!(...(fnArgs as unknown[]));
    },
    [name, args] as const,
  ) as Promise<T>;
}

/** A 2D slice view shows a real image (cornerstone still owns a working context). */
async function expectSliceRendered(minStd: number): Promise<void> {
  await expect
    .poll(async () => canvasStats(page, 'viewport-stack'), { timeout: 30_000, interval: 250 })
    .toSatisfy((s: CanvasStats) => s.lumaStd > minStd);
}

describe('Show 3D in Chromium', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
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

  it('opens beside the slice view with V and volume-renders the CT (CT abdomen preset)', async () => {
    await page.keyboard.press('v');
    await expect(
      page.getByRole('button', { name: '3D', exact: true }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(page.getByLabel('3D preset').inputValue()).resolves.toBe('ctAbdomen');
    const stats = await nextFullFrame(0);
    // Air round the body is transparent: dark corners, not an opaque block.
    expect(stats.cornerLuma).toBeLessThan(5);
    expect(stats.litFraction).toBeGreaterThan(0.15);
    expect(stats.litFraction).toBeLessThan(0.9);
    // The body in the middle, with structure (organs, ribs, vessels), not a flat fill.
    expect(stats.centreLit).toBeGreaterThan(0.9);
    expect(stats.centreStd).toBeGreaterThan(15);
    // The slice view stays, beside it.
    const slice = await page.getByTestId('viewport-stack').boundingBox();
    const volume = await page.getByTestId('viewport-3d').boundingBox();
    expect(volume!.x).toBeGreaterThan(slice!.x + slice!.width - 1);
    await expectSliceRendered(20);
    await page.screenshot({ path: join(RESULTS_DIR, 'show3d-01-ct.png') });
  });

  it('rotates with the arrow keys when focused (slices stay put), by dragging, and resets', async () => {
    // Every finished frame's GPU time (fence), kept in test-results for the README figures.
    await page.evaluate(() => {
      const view = document.querySelector<HTMLElement>('[data-testid="viewport-3d"]')!;
      const log: unknown[] = [];
      Object.assign(window, { frames3d: log });
      new MutationObserver(() =>
        log.push({
          quality: view.dataset.quality,
          gpuMs: Number(view.dataset.gpuMs),
          size: view.dataset.size,
        }),
      ).observe(view, { attributes: true, attributeFilter: ['data-gpu-ms'] });
    });
    const initial = await view3dStats();
    const sliceBefore = await page.getByTestId('slice-info-stack').textContent();
    await page.getByTestId('viewport-3d').focus();
    let frames = await fullFrames();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const turned = await nextFullFrame(frames);
    expect(meanAbsDiff(turned.signature, initial.signature)).toBeGreaterThan(3);
    expect(turned.cornerLuma).toBeLessThan(5);
    await expect(page.getByTestId('slice-info-stack').textContent()).resolves.toBe(sliceBefore);
    await page.screenshot({ path: join(RESULTS_DIR, 'show3d-02-ct-rotated.png') });

    frames = await fullFrames();
    const box = await page.getByTestId('viewport-3d').boundingBox();
    await drag('3d', [
      [box!.width / 2, box!.height / 2],
      [box!.width / 2, box!.height / 2 - 120],
    ]);
    const tipped = await nextFullFrame(frames);
    expect(meanAbsDiff(tipped.signature, turned.signature)).toBeGreaterThan(3);

    frames = await fullFrames();
    await page.getByRole('button', { name: 'Reset 3D' }).click();
    const reset = await nextFullFrame(frames);
    expect(meanAbsDiff(reset.signature, initial.signature)).toBeLessThan(0.5);
    const frameTimes = await page.evaluate(
      () => (window as unknown as { frames3d: unknown[] }).frames3d,
    );
    writeFileSync(
      join(RESULTS_DIR, 'show3d-frame-times.json'),
      JSON.stringify({ series: 'July CT 512×512×200', frames: frameTimes }, null, 1),
    );
  });

  it('shows a painted lesion in its segment colour, and follows undo and hiding', async () => {
    await page.getByRole('button', { name: 'Add segment' }).click();
    await page.getByLabel('Colour of Lesion 1').fill('#00ff00');
    // An empty segment changes no voxel, so the 3D view need not draw again: read the last
    // full frame (there is one from the previous test).
    await expect.poll(fullFrames, { timeout: 120_000, interval: 200 }).toBeGreaterThan(0);
    const before = await view3dStats();
    expect(before.greenPixels).toBe(0);
    let frames: number;

    const lesion = truth.ct[0]?.lesions.find((l) => l.id === 'L2');
    if (!lesion) throw new Error('truth has no July L2');
    await probe('jumpToWorld', lesion.centreMm);
    await page.getByLabel('3D sphere').check();
    await page.getByLabel('Radius (mm)', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Paint', exact: true }).click();
    const centre = await probe<[number, number]>('worldToCanvas', 'stack', lesion.centreMm);
    frames = await fullFrames();
    await drag('stack', [centre, [centre[0] + 3, centre[1]]]);
    // A 12 mm sphere seen from the front: hundreds of pixels at this zoom.
    await expect
      .poll(async () => (await nextFullFrame(frames)).greenPixels, { timeout: 120_000 })
      .toBeGreaterThan(200);
    await page.screenshot({ path: join(RESULTS_DIR, 'show3d-03-ct-lesion.png') });

    frames = await fullFrames();
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await nextFullFrame(frames)).greenPixels, { timeout: 120_000 })
      .toBe(0);
    frames = await fullFrames();
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(async () => (await nextFullFrame(frames)).greenPixels, { timeout: 120_000 })
      .toBeGreaterThan(200);
    frames = await fullFrames();
    await page.getByRole('button', { name: 'Show Lesion 1' }).click();
    await expect
      .poll(async () => (await nextFullFrame(frames)).greenPixels, { timeout: 120_000 })
      .toBe(0);
    await page.getByRole('button', { name: 'Show Lesion 1' }).click();
    await page.getByRole('button', { name: 'Window/Level' }).click();
  });

  it('has an accessible name for every control with the 3D view open (axe-core)', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      type AxeResult = { violations: Array<{ id: string; nodes: unknown[] }> };
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<AxeResult> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
      return result.violations.map((v) => `${v.id} (${v.nodes.length} nodes)`);
    });
    expect(violations).toEqual([]);
  });

  it('renders the MRCP as a MIP: white ducts on a dark background', async () => {
    const frames = await fullFrames();
    await page.getByRole('button', { name: /MRCP/ }).click();
    await expect.poll(() => page.getByLabel('3D preset').inputValue()).toBe('mip');
    const stats = await nextFullFrame(frames);
    expect(stats.cornerLuma).toBeLessThan(5);
    // The biliary tree and gallbladder: a small white fraction, not a white block.
    expect(stats.whiteFraction).toBeGreaterThan(0.002);
    expect(stats.whiteFraction).toBeLessThan(0.2);
    expect(stats.centreStd).toBeGreaterThan(15);
    await page.screenshot({ path: join(RESULTS_DIR, 'show3d-04-mrcp-mip.png') });
  });

  it('releases its WebGL context: 20 toggles leave the slice view working', async () => {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('v');
      await expect(page.getByTestId('viewport-3d').count()).resolves.toBe(0);
      await page.keyboard.press('v');
      await page.locator('[data-testid="viewport-3d"] canvas').waitFor({ timeout: 30_000 });
    }
    await nextFullFrame(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'show3d-05-toggled.png') });
    await expect(page.locator('[data-testid="viewport-3d"] canvas').count()).resolves.toBe(1);
    // Chromium keeps 16 live contexts and drops the oldest (cornerstone's) beyond that.
    expect(consoleMessages.filter((m) => /too many active webgl contexts/i.test(m))).toEqual([]);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowDown');
    await expectSliceRendered(5);
  });

  it('tells the user, with a code, when WebGL2 is unavailable', async () => {
    const other = await session.context.newPage();
    // Only the 3D view's canvas is denied WebGL2; cornerstone keeps its own.
    await other.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        type: string,
        ...rest: unknown[]
      ) {
        if (type === 'webgl2' && this.dataset.testid === 'volume3d-canvas') return null;
        return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof original;
    });
    try {
      await other.goto(`${baseUrl}/`);
      await other.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
      await other.getByRole('button', { name: '3D', exact: true }).click();
      const alert = other.getByRole('region', { name: '3D view' }).getByRole('alert');
      await expect(alert.textContent()).resolves.toMatch(
        /WebGL2 is not available.*WEBGL2_UNAVAILABLE/,
      );
      await expect(alert.getAttribute('data-code')).resolves.toBe('WEBGL2_UNAVAILABLE');
      await expect(other.locator('[data-testid="viewport-3d"] canvas').count()).resolves.toBe(0);
    } finally {
      await other.close();
    }
  });

  it('logged no errors', () => {
    expect(session.problems).toEqual([]);
  });
});
