import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export type Vec3 = [number, number, number];

/** Calls one function of the page's editor probe (window.__llr.editor). */
export function editorCall<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
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

/** Waits until the segment editor has a session for the displayed series. */
export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (window as unknown as { __llr: { editor: { ready(): boolean } } }).__llr.editor.ready(),
  );
}

/**
 * Brings a patient point into the single view and clicks it with the real mouse, once the
 * layout is stable (panels around the viewport change as segments and findings appear).
 */
export async function clickWorld(page: Page, point: Vec3): Promise<void> {
  await editorCall(page, 'jumpToWorld', point);
  let previous = '';
  await expect
    .poll(async () => {
      const box = JSON.stringify(await page.getByTestId('viewport-stack').boundingBox());
      const stable = box === previous;
      previous = box;
      return stable;
    })
    .toBe(true);
  const canvas = await editorCall<[number, number] | null>(page, 'worldToCanvas', 'stack', point);
  const box = await page.getByTestId('viewport-stack').boundingBox();
  if (!canvas || !box) throw new Error('point is not on screen');
  await page.mouse.click(box.x + canvas[0], box.y + canvas[1]);
}

/** Voxel count of a segment as the segment list shows it. */
export async function segmentVoxels(page: Page, index: number): Promise<number> {
  return Number(await page.getByTestId(`voxels-${index}`).textContent());
}

/**
 * A new Lesion segment painted with one click of the current brush (the caller chooses Paint,
 * sphere and masking) at a patient point; waits until the click painted voxels.
 */
export async function paintLesion(
  page: Page,
  centreMm: Vec3,
  radiusMm: number,
  segmentIndex: number,
): Promise<void> {
  await page.getByRole('button', { name: 'Add segment' }).click();
  await page.getByLabel('Radius (mm)', { exact: true }).fill(String(radiusMm));
  await clickWorld(page, centreMm);
  await expect.poll(() => segmentVoxels(page, segmentIndex)).toBeGreaterThan(0);
}

/** The number of slices the stack overlay says the displayed series has. */
async function sliceCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('slice-info-stack').textContent()) ?? '';
  return Number(/Slice \d+\/(\d+)/.exec(text)?.[1] ?? NaN);
}

/** Opens a date's CT volume from the series browser and waits until it can be segmented. */
export async function openCt(page: Page, date: string): Promise<void> {
  const study = page.getByRole('region', { name: `Study ${date}` });
  const button = study.getByRole('button', { name: /^CT · Abdomen/ });
  const slices = Number(/×(\d+)\s*$/.exec((await button.textContent()) ?? '')?.[1] ?? NaN);
  await button.click();
  await expect.poll(() => sliceCount(page), { timeout: 60_000 }).toBe(slices);
  await waitForEditor(page);
}
