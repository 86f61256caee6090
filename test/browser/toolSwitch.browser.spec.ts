import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type BrowserSession } from './launchChromium';

/**
 * Issue 3: switching tools costs no viewport render (a render is ≈ 170 ms under SwiftShader),
 * and the next left-button drag after a key press is handled by the tool just chosen.
 */

type Vec3 = [number, number, number];
const baseUrl = inject('baseUrl');
let session: BrowserSession;
let page: Page;

/** The viewer's observable state after a drag. */
interface ViewState {
  readonly window: string;
  /** Voxel index under the canvas centre (pan moves it). */
  readonly centre: Vec3;
  /** Voxels per 100 canvas px (zoom changes it). */
  readonly scale: number;
  readonly voxels: number;
}

async function viewState(view: 'stack' | 'axial'): Promise<ViewState> {
  const id = view === 'stack' ? 'stack' : 'mpr-axial';
  const host = page.getByTestId(`viewport-${view}`);
  const box = await host.boundingBox();
  if (!box) throw new Error(`no ${view} viewport`);
  const [a, b] = await page.evaluate(
    ([viewportId, w, h]) => {
      const editor = (
        window as unknown as {
          __llr: { editor: { canvasToIndex(id: string, x: number, y: number): Vec3 | null } };
        }
      ).__llr.editor;
      return [
        editor.canvasToIndex(viewportId, w / 2, h / 2),
        editor.canvasToIndex(viewportId, w / 2 + 100, h / 2),
      ];
    },
    [id, box.width, box.height] as const,
  );
  if (!a || !b) throw new Error('probe failed');
  const text = (await host.locator('..').textContent()) ?? '';
  return {
    window: /W -?\d+ L -?\d+/.exec(text)?.[0] ?? '',
    centre: a,
    scale: Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]),
    voxels: Number((await page.getByTestId('voxels-1').textContent()) ?? 'NaN'),
  };
}

/** Waits until the stack viewport's box has not changed for 400 ms. */
async function settledLayout(): Promise<void> {
  const read = async () => JSON.stringify(await page.getByTestId('viewport-stack').boundingBox());
  let box = await read();
  for (let stable = 0, tries = 0; stable < 4 && tries < 100; tries++) {
    await page.waitForTimeout(100);
    const next = await read();
    stable = next === box ? stable + 1 : 0;
    box = next;
  }
}

/** Waits until the viewports have not rendered for 300 ms. */
async function quiet(): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { __renders: number };
        let seen = w.__renders;
        const check = (): void => {
          if (w.__renders === seen) return resolve();
          seen = w.__renders;
          setTimeout(check, 300);
        };
        setTimeout(check, 300);
      }),
  );
}

/**
 * Presses a tool's key and returns how many viewport renders it caused (up to the second
 * animation frame after it and 100 ms more).
 */
async function pressTool(key: string, label: string): Promise<number> {
  await quiet();
  const before = await page.evaluate(() => (window as unknown as { __renders: number }).__renders);
  await page.keyboard.press(key);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100))),
      ),
  );
  const renders =
    (await page.evaluate(() => (window as unknown as { __renders: number }).__renders)) - before;
  await expect(
    page.getByRole('button', { name: label, exact: true }).getAttribute('aria-pressed'),
  ).resolves.toBe('true');
  return renders;
}

/** A real left-button drag through canvas fractions of a viewport (closed when asked). */
async function drag(
  view: 'stack' | 'axial',
  points: ReadonlyArray<[number, number]>,
): Promise<void> {
  const box = await page.getByTestId(`viewport-${view}`).boundingBox();
  if (!box) throw new Error(`no ${view} viewport`);
  const [first, ...rest] = points;
  if (!first) return;
  await page.mouse.move(box.x + box.width * first[0], box.y + box.height * first[1]);
  await page.mouse.down();
  for (const p of rest)
    await page.mouse.move(box.x + box.width * p[0], box.y + box.height * p[1], { steps: 6 });
  await page.mouse.up();
  await quiet();
}

const same = (a: Vec3, b: Vec3): boolean =>
  Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) < 1e-6;
const TRIANGLE: Array<[number, number]> = [
  [0.3, 0.3],
  [0.45, 0.3],
  [0.38, 0.42],
  [0.3, 0.3],
];

describe('tool switching', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    await page.addInitScript(() => {
      // Counts every viewport render (cornerstone's IMAGE_RENDERED bubbles from the viewport).
      const w = window as unknown as { __renders: number };
      w.__renders = 0;
      document.addEventListener('CORNERSTONE_IMAGE_RENDERED', () => w.__renders++, true);
    });
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => (window as unknown as { __llr: { editor: { ready(): boolean } } }).__llr.editor.ready(),
      undefined,
      { timeout: 30_000 },
    );
    await page.getByRole('button', { name: 'Add segment' }).click();
    await page.getByLabel('Radius (mm)', { exact: true }).fill('3');
    // Panels around the viewport grow once a segment exists: let the layout settle, so
    // that view positions compare before and after each drag.
    await settledLayout();
    // Keys go to the viewer, not to the radius field.
    await page.getByRole('button', { name: 'Add segment' }).focus();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('renders nothing on a switch, and the next drag uses the new tool (stack)', async () => {
    const renders: Record<string, number> = {};
    let before = await viewState('stack');

    renders['pan'] = await pressTool('p', 'Pan');
    await drag('stack', [
      [0.5, 0.5],
      [0.56, 0.53],
    ]);
    let after = await viewState('stack');
    expect(same(after.centre, before.centre)).toBe(false);
    expect(after.scale).toBeCloseTo(before.scale, 6);
    expect(after.window).toBe(before.window);

    before = after;
    renders['zoom'] = await pressTool('z', 'Zoom');
    await drag('stack', [
      [0.5, 0.5],
      [0.5, 0.42],
    ]);
    after = await viewState('stack');
    expect(after.scale).not.toBeCloseTo(before.scale, 3);
    expect(after.window).toBe(before.window);

    before = after;
    renders['windowLevel'] = await pressTool('w', 'Window/Level');
    await drag('stack', [
      [0.5, 0.5],
      [0.58, 0.55],
    ]);
    after = await viewState('stack');
    expect(after.window).not.toBe(before.window);
    expect(same(after.centre, before.centre)).toBe(true);
    expect(after.scale).toBeCloseTo(before.scale, 6);

    before = after;
    renders['paint'] = await pressTool('b', 'Paint');
    await drag('stack', TRIANGLE);
    after = await viewState('stack');
    expect(after.voxels).toBeGreaterThan(before.voxels);
    expect(after.window).toBe(before.window);
    expect(same(after.centre, before.centre)).toBe(true);

    before = after;
    renders['erase'] = await pressTool('e', 'Erase');
    await drag('stack', TRIANGLE.slice(0, 2));
    after = await viewState('stack');
    expect(after.voxels).toBeLessThan(before.voxels);

    before = after;
    renders['draw'] = await pressTool('d', 'Draw');
    await drag('stack', [
      [0.6, 0.6],
      [0.7, 0.6],
      [0.65, 0.7],
      [0.6, 0.6],
    ]);
    after = await viewState('stack');
    expect(after.voxels).toBeGreaterThan(before.voxels);

    // Editing → viewing: the cornerstone tool takes the left button back.
    before = after;
    renders['pan again'] = await pressTool('p', 'Pan');
    await drag('stack', [
      [0.5, 0.5],
      [0.45, 0.46],
    ]);
    after = await viewState('stack');
    expect(same(after.centre, before.centre)).toBe(false);
    expect(after.voxels).toBe(before.voxels);

    before = after;
    renders['windowLevel again'] = await pressTool('w', 'Window/Level');
    await drag('stack', [
      [0.5, 0.5],
      [0.44, 0.47],
    ]);
    after = await viewState('stack');
    expect(after.window).not.toBe(before.window);
    expect(same(after.centre, before.centre)).toBe(true);

    expect(renders).toEqual(Object.fromEntries(Object.keys(renders).map((k) => [k, 0])));
  });

  it('renders nothing on a crosshairs ↔ window/level switch in MPR', async () => {
    await page.keyboard.press('m');
    await page.getByTestId('slice-info-coronal').waitFor({ timeout: 30_000 });
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Crosshairs', exact: true }).getAttribute('aria-pressed'),
      )
      .toBe('true');
    const sliceText = () => page.getByTestId('slice-info-coronal').textContent();
    const renders: Record<string, number> = {};

    let before = await viewState('axial');
    renders['windowLevel'] = await pressTool('w', 'Window/Level');
    const coronalBefore = await sliceText();
    await drag('axial', [
      [0.5, 0.5],
      [0.56, 0.55],
    ]);
    const after = await viewState('axial');
    expect(after.window).not.toBe(before.window);
    expect(await sliceText()).toBe(coronalBefore);

    before = after;
    renders['crosshairs'] = await pressTool('c', 'Crosshairs');
    // A crosshairs click moves the other planes to the clicked point.
    await drag('axial', [
      [0.35, 0.62],
      [0.35, 0.62],
    ]);
    // The other planes re-render (and their overlays update) a frame or two later.
    await expect.poll(sliceText, { timeout: 10_000 }).not.toBe(coronalBefore);
    expect((await viewState('axial')).window).toBe(before.window);

    renders['paint'] = await pressTool('b', 'Paint');
    renders['crosshairs again'] = await pressTool('c', 'Crosshairs');
    expect(renders).toEqual(Object.fromEntries(Object.keys(renders).map((k) => [k, 0])));
  });

  it('logged no errors', () => {
    expect(session.problems).toEqual([]);
  });
});
