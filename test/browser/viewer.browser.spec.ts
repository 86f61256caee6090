import { readFileSync, readdirSync } from 'node:fs';
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

const require = createRequire(import.meta.url);
const baseUrl = inject('baseUrl');
let session: BrowserSession;
let page: Page;

async function sliceInfo(
  view: string,
): Promise<{ index: number; count: number; positionMm: number }> {
  const text = (await page.getByTestId(`slice-info-${view}`).textContent()) ?? '';
  const match = /Slice (\d+)\/(\d+)\s*Pos (-?[\d.]+) mm/.exec(text);
  if (!match) throw new Error(`unexpected slice info "${text}"`);
  return { index: Number(match[1]), count: Number(match[2]), positionMm: Number(match[3]) };
}

/** Waits until the viewport shows a real image: lit pixels and real contrast, not a flat fill. */
async function expectRendered(view: string): Promise<void> {
  await expect
    .poll(async () => canvasStats(page, `viewport-${view}`), { timeout: 30_000, interval: 250 })
    .toSatisfy((s: CanvasStats) => s.litFraction > 0.05 && s.lumaStd > 20);
}

/** MRCP is bright fluid on a dark background: a few bright duct pixels and real contrast. */
async function expectFluidRendered(view: string): Promise<void> {
  await expect
    .poll(async () => canvasStats(page, `viewport-${view}`), { timeout: 30_000, interval: 250 })
    .toSatisfy((s: CanvasStats) => s.brightFraction > 0.0002 && s.lumaStd > 5);
}

describe('viewer foundation in Chromium', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('renders with WebGL, not the CPU fallback', async () => {
    await page.goto(`${baseUrl}/?autoload=0`);
    const gl = await page.evaluate(() => ({
      cpuFallback: (window as unknown as { __llr: { cpuFallback: boolean } }).__llr.cpuFallback,
      webgl2: document.createElement('canvas').getContext('webgl2') !== null,
    }));
    expect(gl).toEqual({ cpuFallback: false, webgl2: true });
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
  });

  it('loads the bundled patient from the UI and shows the CT', async () => {
    await page.getByRole('button', { name: 'Load sample patient' }).click();
    const browser = page.getByRole('navigation', { name: 'Series browser' });
    await browser.waitFor();
    for (const date of ['2024-07-25', '2024-07-26', '2024-08-12', '2024-10-07']) {
      await expect(browser.getByRole('region', { name: `Study ${date}` }).count()).resolves.toBe(1);
    }
    // The earliest CT volume opens first; the localizer is listed apart, not in the volume.
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    await expectRendered('stack');
    expect((await sliceInfo('stack')).count).toBe(200);
    await expect(browser.getByText('localizer').count()).resolves.toBe(1);
    await page.screenshot({ path: join(RESULTS_DIR, 'foundation-01-ct-stack.png') });
  });

  it('gives every control an accessible name (axe-core, WCAG 2 A/AA)', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol, so the page's CSP still forbids inline script.
    await page.evaluate(axeSource);
    const { violations, passed } = await page.evaluate(async () => {
      type AxeResult = {
        violations: Array<{ id: string; impact: string; nodes: unknown[] }>;
        passes: Array<{ id: string }>;
      };
      const axe = (window as unknown as { axe: { run: (o: object) => Promise<AxeResult> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
      return {
        violations: result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`),
        passed: result.passes.map((p) => p.id),
      };
    });
    expect(violations).toEqual([]);
    // The rules that matter here did run and pass (not merely found nothing to check).
    expect(passed).toEqual(
      expect.arrayContaining(['button-name', 'color-contrast', 'aria-valid-attr-value']),
    );
  });

  it('scrolls with the mouse wheel and the keyboard, one slice spacing at a time', async () => {
    const before = await sliceInfo('stack');
    const box = await page.getByTestId('viewport-stack').boundingBox();
    if (!box) throw new Error('no viewport box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 120);
    await expect.poll(async () => (await sliceInfo('stack')).index).toBe(before.index + 5);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await sliceInfo('stack')).index).toBe(before.index + 3);
    const after = await sliceInfo('stack');
    // July CT: 1.25 mm between slices, so three slices move the plane 3.75 mm.
    expect(Math.abs(after.positionMm - before.positionMm)).toBeCloseTo(3.75, 1);
    await expectRendered('stack');
  });

  it('applies a window preset from the keyboard', async () => {
    await page.keyboard.press('2');
    await expect
      .poll(async () => page.getByTestId('viewport-stack').locator('..').textContent())
      .toContain('W 150 L 30');
    await page.screenshot({ path: join(RESULTS_DIR, 'foundation-02-liver-window.png') });
  });

  it('changes the window by dragging with the window/level tool, and resets with R', async () => {
    const overlayText = async () =>
      (await page.getByTestId('viewport-stack').locator('..').textContent()) ?? '';
    const readWindow = async () => {
      const m = /W (\d+) L (-?\d+)/.exec(await overlayText());
      return m ? { width: Number(m[1]), center: Number(m[2]) } : null;
    };
    await page.getByRole('button', { name: 'Window/Level' }).click();
    const before = await readWindow();
    const box = await page.getByTestId('viewport-stack').boundingBox();
    if (!box || !before) throw new Error('no viewport');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await expect.poll(readWindow).not.toEqual(before);
    // Zoom in from the keyboard and reset: the window returns to the series default (CT 400/50).
    await page.keyboard.press('+');
    await page.keyboard.press('r');
    await expect.poll(readWindow).toEqual({ width: 400, center: 50 });
  });

  it('switches to MPR with three rendered planes and a crosshair', async () => {
    await page.getByRole('button', { name: 'MPR', exact: true }).click();
    for (const view of ['axial', 'coronal', 'sagittal']) {
      await page.getByTestId(`slice-info-${view}`).waitFor({ timeout: 30_000 });
      await expectRendered(view);
    }
    await expect(
      page.getByRole('button', { name: 'Crosshairs' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    const coronal = await page.getByTestId('viewport-coronal').locator('..').textContent();
    expect(coronal).toMatch(/S.*I/s);
    await page.screenshot({ path: join(RESULTS_DIR, 'foundation-03-ct-mpr.png') });
  });

  it('opens the MRCP series', async () => {
    await page.getByRole('button', { name: /MRCP/ }).click();
    await expect.poll(async () => (await sliceInfo('coronal')).count, { timeout: 30_000 }).toBe(48);
    await expectFluidRendered('coronal');
    await page.screenshot({ path: join(RESULTS_DIR, 'foundation-04-mrcp-mpr.png') });
    await page.getByRole('button', { name: 'Stack', exact: true }).click();
    await expectFluidRendered('stack');
    await page.screenshot({ path: join(RESULTS_DIR, 'foundation-05-mrcp-stack.png') });
  });

  it('holds a 3D texture only while a series is shown in MPR, and shows it again after', async () => {
    const textureBytes = (): Promise<number> =>
      page.evaluate(() =>
        (
          window as unknown as { __llr: { volumeTextureBytes(): number } }
        ).__llr.volumeTextureBytes(),
      );
    // The single view is a stack viewport: the MRCP shown in Stack holds no 3D texture.
    expect(await textureBytes()).toBe(0);
    await page.getByRole('button', { name: /Abdomen PV 1\.25mm/ }).click();
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 30_000 });
    await expectRendered('stack');
    expect(await textureBytes()).toBe(0);
    await page.getByRole('button', { name: 'MPR', exact: true }).click();
    await expectRendered('axial');
    await expectRendered('coronal');
    // July CT: 512 × 512 × 200 voxels, at least 2 bytes each on the GPU.
    await expect.poll(textureBytes).toBeGreaterThanOrEqual(512 * 512 * 200 * 2);
    await page.getByRole('button', { name: 'Stack', exact: true }).click();
    await expectRendered('stack');
    await expect.poll(textureBytes).toBe(0);
    // Back in MPR the planes are drawn from a texture uploaded again, not an empty one.
    await page.getByRole('button', { name: 'MPR', exact: true }).click();
    for (const view of ['axial', 'coronal', 'sagittal']) await expectRendered(view);
    await expect.poll(textureBytes).toBeGreaterThanOrEqual(512 * 512 * 200 * 2);
    await page.getByRole('button', { name: 'Stack', exact: true }).click();
  });

  it('opens a folder with a garbage file, lists it with its reason and loads the rest', async () => {
    await page.goto(`${baseUrl}/?autoload=0`);
    const octoberDir = join('sample-dicom/out/LLR-SAMPLE-004');
    const ctDir = readdirSync(octoberDir).find((d) => d.startsWith('20241007'));
    if (!ctDir) throw new Error('October CT not generated');
    const seriesDir = join(octoberDir, ctDir, readdirSync(join(octoberDir, ctDir))[0] ?? '');
    const files = readdirSync(seriesDir).map((name) => ({
      name,
      mimeType: 'application/dicom',
      buffer: readFileSync(join(seriesDir, name)),
    }));
    files.push({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a DICOM file'),
    });
    await page.getByTestId('open-files-input').setInputFiles(files);
    const problems = page.getByRole('list', { name: 'Files not loaded' });
    await problems.waitFor({ timeout: 30_000 });
    await expect(problems.textContent()).resolves.toMatch(/notes\.txt.*NOT_DICOM/s);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 30_000 });
    expect((await sliceInfo('stack')).count).toBe(50);
    await expectRendered('stack');
    await page.screenshot({ path: join(RESULTS_DIR, 'foundation-06-open-files.png') });
  });

  it('loads files dropped onto the window', async () => {
    await page.goto(`${baseUrl}/?autoload=0`);
    const t1Dir = 'sample-dicom/out/LLR-SAMPLE-004/20240726_MR/01_T1_GRE_in_phase_ax';
    const payload = readdirSync(t1Dir).map((name) => ({
      name,
      base64: readFileSync(join(t1Dir, name)).toString('base64'),
    }));
    await page.evaluate((items) => {
      const transfer = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], item.name, { type: 'application/dicom' }));
      }
      const target = document.querySelector('.app');
      target?.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true }));
      target?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    }, payload);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 30_000 });
    expect((await sliceInfo('stack')).count).toBe(payload.length);
    await expect(page.getByRole('button', { name: /T1 GRE/ }).count()).resolves.toBe(1);
    await expectRendered('stack');
  });

  it('logged no errors and no Content-Security-Policy violations', () => {
    expect(session.problems).toEqual([]);
  });
});
