import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, launchChromium, type BrowserSession } from './launchChromium';
import { clickWorld, waitForEditor } from './editorPage';

type Vec3 = [number, number, number];
const truth = JSON.parse(readFileSync('sample-dicom/out/truth.json', 'utf8')) as {
  ct: Array<{
    date: string;
    liverHu: number;
    spleenHu: number;
    noiseSigmaHu: number;
    rois: Record<'liver' | 'spleen', { centreMm: Vec3; halfSizeMm: Vec3 }>;
  }>;
  mrcp: { date: string; interruption: { pointMm: Vec3 } };
};
const baseUrl = inject('baseUrl');
let session: BrowserSession;
let page: Page;

describe('findings: L/S ratio ROIs and the biliary interruption marker, in Chromium', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    await waitForEditor(page);
    // One bottom panel at a time: close the lesion review, open the findings.
    await page.getByText('Lesion review', { exact: true }).click();
    await page.getByText('Findings, labs and rules', { exact: true }).click();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('measures liver and spleen ROIs placed on the July CT and gives the L/S ratio', async () => {
    const july = truth.ct[0]!;
    await page.getByLabel('ROI radius (mm)').fill('5');
    await page.getByRole('button', { name: 'Add liver ROI' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'liver ROI' }).count()).resolves.toBe(
      1,
    );
    await clickWorld(page, july.rois.liver.centreMm);
    await page.getByRole('button', { name: 'Add spleen ROI' }).click();
    await clickWorld(page, july.rois.spleen.centreMm);
    await page.getByTestId('ls-ratio').waitFor({ timeout: 10_000 });

    const mean = async (organ: string): Promise<number> =>
      Number(
        /(-?[\d.]+) ±/.exec(
          (await page.getByTestId(`roi-${organ}-1`).locator('td').first().textContent()) ?? '',
        )?.[1],
      );
    // A 5 mm circle on 0.78 mm pixels holds ≈ 128 voxels: standard error σ/√n ≈ 1 HU.
    expect(Math.abs((await mean('liver')) - july.liverHu)).toBeLessThan(4);
    expect(Math.abs((await mean('spleen')) - july.spleenHu)).toBeLessThan(4);
    const ratio = Number(await page.getByTestId('ls-ratio').textContent());
    // 120 / 105 = 1.143 by construction; ±4 HU on each mean moves it by < 0.08.
    expect(Math.abs(ratio - july.liverHu / july.spleenHu)).toBeLessThan(0.08);
    // Portal venous series: values shown, thresholds flagged not applicable.
    await expect(page.getByTestId('ls-result').textContent()).resolves.toContain('not-applicable');
    await page.screenshot({ path: join(RESULTS_DIR, 'findings-01-ls-ratio.png') });
  });

  it('marks a biliary interruption on the MRCP and the biliary rule reads it', async () => {
    await page.getByRole('button', { name: /^MR · MRCP/ }).click();
    await expect
      .poll(async () => (await page.getByTestId('slice-info-stack').textContent()) ?? '')
      .toMatch(/Slice \d+\/48/);
    await page.getByRole('button', { name: 'Mark the interruption on the image' }).click();
    const point = truth.mrcp.interruption.pointMm;
    await clickWorld(page, point);
    const finding = page.getByTestId('biliary-finding');
    await finding.waitFor({ timeout: 10_000 });
    const marked = /\((-?[\d.]+), (-?[\d.]+), (-?[\d.]+)\)/
      .exec((await finding.textContent()) ?? '')!
      .slice(1)
      .map(Number);
    // Within a pixel (1.25 mm) of the phantom's interruption point, in its plane.
    expect(
      Math.hypot(marked[0]! - point[0], marked[1]! - point[1], marked[2]! - point[2]),
    ).toBeLessThan(2);
    await page.getByLabel('Upstream dilatation').selectOption('yes');
    const rule = page.getByTestId(`rule-biliary-obstruction-${truth.mrcp.date}`);
    await expect.poll(async () => (await rule.locator('.status').textContent()) ?? '').toBe('met');
    // The marker is drawn on the MRCP.
    await expect.poll(() => page.getByTestId('measurement-line').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'findings-02-biliary.png') });
  });

  it('measures a liver span with two clicks (length tool)', async () => {
    await page.getByRole('button', { name: /^CT · Abdomen PV 1.25mm/ }).click();
    await expect
      .poll(async () => (await page.getByTestId('slice-info-stack').textContent()) ?? '')
      .toMatch(/Slice \d+\/200/);
    await page.getByRole('button', { name: 'Measure liver span (two clicks)' }).click();
    // Two points 100 mm apart along x on one axial slice.
    await clickWorld(page, [-120, 0, -130]);
    await clickWorld(page, [-20, 0, -130]);
    const text = (await page.getByTestId('liver-span').textContent()) ?? '';
    // A click lands within half a pixel (0.4 mm) of the point asked for at each end.
    expect(Math.abs(Number(/([\d.]+) mm/.exec(text)?.[1]) - 100)).toBeLessThan(1);
  });

  it('adds a lab value by hand and shows its multiple of the ULN', async () => {
    await page.getByLabel('Date', { exact: true }).fill('2024-12-01');
    await page.getByLabel('Test', { exact: true }).selectOption('ALT');
    await page.getByLabel('Value (U/L)').fill('120');
    await page.getByLabel('ULN (U/L)').fill('40');
    await page.getByRole('button', { name: 'Add lab value' }).click();
    // 120 / 40 = 3.00 × ULN, CTCAE v5 grade 1 (> ULN – 3.0 × ULN).
    const cell = page.getByTestId('lab-ALT-2024-12-01');
    await expect(cell.textContent()).resolves.toContain('3.00 × ULN');
    await expect(cell.textContent()).resolves.toContain('G1');
  });

  it('lists the sample labs with × ULN and draws the combined timeline', async () => {
    await expect(page.getByRole('table', { name: 'Lab values by date' }).count()).resolves.toBe(1);
    await expect(
      page
        .getByRole('figure', { name: 'Lesion burden, lab values and treatments over time' })
        .count(),
    ).resolves.toBe(1);
  });

  it('logged no errors and no Content-Security-Policy violations', () => {
    expect(session.problems).toEqual([]);
  });
});
