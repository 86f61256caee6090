import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR, launchChromium, type BrowserSession } from './launchChromium';
import { openCt, paintLesion } from './editorPage';

const require = createRequire(import.meta.url);
type Vec3 = [number, number, number];
interface TruthLesion {
  id: string;
  centreMm: Vec3;
  radiiMm: Vec3;
}
const truth = JSON.parse(readFileSync('sample-dicom/out/truth.json', 'utf8')) as {
  ct: Array<{ date: string; liverHu: number; lesionHu: number; lesions: TruthLesion[] }>;
};
// The bundled patient (sample-dicom/lib/patient.ts): PatientName SAMPLE^LIVER.
const PATIENT_ID = 'LLR-SAMPLE-004';
const PATIENT_NAMES = ['SAMPLE, LIVER', 'SAMPLE^LIVER'];
const BIRTH_DATE = '1971-03-14';
// Two CT dates (July, August) and their first two lesions (L1, L2).
const DATES = truth.ct.slice(0, 2);
const LESIONS = 2;

const baseUrl = inject('baseUrl');
let session: BrowserSession;
let page: Page;
/** Per date, the colour of each painted lesion segment (#rrggbb), as the segment list shows. */
const colours = new Map<string, string[]>();

const report = (): Locator => page.getByRole('dialog', { name: 'Liver lesion review report' });

/**
 * The report's text and attribute values, without the "Generated …" line (its time is now,
 * not a patient date, and a shifted one could fall on a real date by chance).
 */
function reportDom(): Promise<string> {
  return report().evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelector('[data-testid="report-generated"]')?.remove();
    const attributes = Array.from(copy.querySelectorAll('*')).flatMap((n) =>
      Array.from(n.attributes, (a) => a.value),
    );
    return `${copy.textContent ?? ''}\n${attributes.join('\n')}`;
  });
}
/** Every ISO date the identified report shows (studies, lesions, labs, rules, charts). */
let realDates: string[] = [];
let volumes: string[] = [];

/** Pixels of an <img> as the browser decoded them: colours present and grey-level spread. */
async function imagePixels(testId: string) {
  return page.getByTestId(testId).evaluate((img: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours: Record<string, number> = {};
    const greys: number[] = [];
    for (let p = 0; p < data.length; p += 4) {
      const [r, g, b] = [data[p]!, data[p + 1]!, data[p + 2]!];
      if (r === g && g === b) greys.push(r);
      else {
        const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
        colours[hex] = (colours[hex] ?? 0) + 1;
      }
    }
    const mean = greys.reduce((a, v) => a + v, 0) / greys.length;
    const sd = Math.sqrt(greys.reduce((a, v) => a + (v - mean) ** 2, 0) / greys.length);
    return {
      width: canvas.width,
      colours,
      distinctGreys: new Set(greys).size,
      greySd: sd,
    };
  });
}

describe('printable review report in Chromium', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('segments two lesions on two CT dates', async () => {
    for (const [n, ct] of DATES.entries()) {
      await openCt(page, ct.date);
      if (n === 0) {
        await page.getByRole('button', { name: 'Paint', exact: true }).click();
        await page.getByLabel('3D sphere').check();
        await page.getByLabel('Editable intensity range').check();
        await page.getByLabel('Min', { exact: true }).fill('0');
      }
      await page.getByLabel('Max', { exact: true }).fill(String((ct.liverHu + ct.lesionHu) / 2));
      for (const [i, lesion] of ct.lesions.slice(0, LESIONS).entries())
        await paintLesion(page, lesion.centreMm, Math.max(...lesion.radiiMm) + 1, i + 1);
      colours.set(
        ct.date,
        await page
          .getByRole('table', { name: 'Segments' })
          .locator('input[type=color]')
          .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
      );
    }
    const table = page.getByRole('table', { name: 'Lesions by date' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 60_000 }).toBe(LESIONS);
  }, 600_000);

  it("opens the report with the patient header and the panel's numbers", async () => {
    const panelCells = new Map<string, string[]>();
    for (const ct of DATES)
      for (const lesion of ct.lesions.slice(0, LESIONS)) {
        const cell = page.getByTestId(`cell-${lesion.id}-${ct.date}`);
        await cell.waitFor({ timeout: 30_000 });
        panelCells.set(`${lesion.id}-${ct.date}`, [
          (await cell.getByTestId('volume').textContent()) ?? '',
          (await cell.getByTestId('diameters').textContent()) ?? '',
          (await cell.getByTestId('status').textContent()) ?? '',
        ]);
      }
    // Findings recorded on the displayed (August) CT, in the findings panel.
    await page.getByText('Findings, labs and rules', { exact: true }).click();
    await page.getByLabel('Hepatomegaly', { exact: true }).check();
    await page.getByLabel('Liver span (mm)').fill('182');
    await page.getByLabel('Ascites', { exact: true }).check();

    await page.getByRole('button', { name: 'Report', exact: true }).click();
    await report().waitFor();
    // The heading takes the focus; the viewer behind is inert.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('report-title');
    await expect(report().getByTestId('report-patient-id').textContent()).resolves.toBe(PATIENT_ID);
    await expect(report().getByTestId('report-patient-name').textContent()).resolves.toBe(
      PATIENT_NAMES[0],
    );
    const header = (await report().locator('header').textContent()) ?? '';
    expect(header).toContain(BIRTH_DATE);
    expect(header).toContain('not a diagnosis');
    for (const ct of DATES) expect(header).toContain(ct.date);
    realDates = [...new Set((await reportDom()).match(/\d{4}-\d{2}-\d{2}/g) ?? [])];
    // Studies, lab dates and treatment events of the sample, beyond the two segmented dates.
    expect(realDates.length).toBeGreaterThan(5);
    volumes = await report().getByTestId('volume').allTextContents();
    expect(volumes).toHaveLength(DATES.length * LESIONS);

    for (const [key, [volume, diameters, status]] of panelCells) {
      const cell = report().getByTestId(`report-cell-${key}`);
      await expect(cell.getByTestId('volume').textContent()).resolves.toBe(volume);
      await expect(cell.getByTestId('diameters').textContent()).resolves.toBe(diameters);
      await expect(cell.getByTestId('status').textContent()).resolves.toBe(status);
    }
    const findings = report().getByRole('region', { name: 'Findings per date' });
    await expect(findings.locator('h3').allTextContents()).resolves.toEqual([DATES[1]!.date]);
    await expect(findings.locator('li').allTextContents()).resolves.toEqual([
      'Hepatomegaly: present, liver span 182 mm',
      'Ascites: present',
    ]);
    // Response, rules (the sample's labs) and charts are there.
    await expect(report().getByTestId(`response-${DATES[1]!.date}`).count()).resolves.toBe(1);
    // The rules: every date of the panel's rules table, at most 4 dates per printed table (A4
    // portrait stays readable), in the same order.
    const panelDates = await page
      .locator('table[aria-label="Rules by date"] thead time')
      .allTextContents();
    expect(panelDates.length).toBeGreaterThan(0);
    const tableDates = await report()
      .getByRole('table', { name: /^Rules by date \(report\)/ })
      .evaluateAll((tables) =>
        tables.map((t) => [...t.querySelectorAll('thead time')].map((e) => e.textContent ?? '')),
      );
    expect(tableDates.flat()).toEqual(panelDates);
    expect(tableDates).toHaveLength(Math.ceil(panelDates.length / 4));
    for (const dates of tableDates) expect(dates.length).toBeLessThanOrEqual(4);
    await expect(report().locator('.recharts-surface').count()).resolves.toBeGreaterThanOrEqual(4);
  });

  it('shows a key image per lesion per date: the outline in its colour over CT texture', async () => {
    await report()
      .getByText('Rendering key images…')
      .waitFor({ state: 'detached', timeout: 30_000 });
    const found: string[] = [];
    for (const [d, ct] of DATES.entries())
      for (const [i, lesion] of ct.lesions.slice(0, LESIONS).entries()) {
        const pixels = await imagePixels(`key-image-${lesion.id}-${d}`);
        const colour = colours.get(ct.date)![i]!;
        found.push(
          `${lesion.id} ${ct.date}: ${pixels.width} px, ${pixels.colours[colour] ?? 0} px of ${colour}, ${pixels.distinctGreys} greys, sd ${pixels.greySd.toFixed(1)}`,
        );
        // The outline: a ring around a lesion ≥ 9 mm across, drawn 1 px wide on ≈ 0.3 mm pixels.
        expect(pixels.colours[colour] ?? 0, found.join('\n')).toBeGreaterThan(100);
        // Only the segment's own colour is not grey.
        expect(Object.keys(pixels.colours), found.join('\n')).toEqual([colour]);
        // CT texture in the abdomen window: liver, lesion, fat and noise (σ 11 HU ≈ 7 greys).
        expect(pixels.distinctGreys, found.join('\n')).toBeGreaterThan(40);
        expect(pixels.greySd, found.join('\n')).toBeGreaterThan(10);
      }
    console.info(found.join('\n'));
    await page.screenshot({ path: join(RESULTS_DIR, 'report-01.png'), fullPage: true });
  });

  it('has no axe-core violations (WCAG 2 A/AA) in the report view', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const { violations, passed } = await page.evaluate(async () => {
      type AxeResult = {
        violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>;
        passes: Array<{ id: string }>;
      };
      const axe = (
        window as unknown as { axe: { run: (c: string, o: object) => Promise<AxeResult> } }
      ).axe;
      const result = await axe.run('.report-overlay', {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      });
      return {
        violations: result.violations.map(
          (v) =>
            `${v.id} (${v.impact}, ${v.nodes.length} nodes: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))})`,
        ),
        passed: result.passes.map((p) => p.id),
      };
    });
    expect(violations).toEqual([]);
    expect(passed).toEqual(expect.arrayContaining(['button-name', 'color-contrast', 'image-alt']));
  });

  it('prints to a PDF (the browser print path) in a few seconds', async () => {
    await page.emulateMedia({ media: 'print' });
    // Print CSS: only the report is laid out.
    await expect(
      page.evaluate(() =>
        ['#root', '.report-toolbar'].map(
          (s) => getComputedStyle(document.querySelector(s)!).display,
        ),
      ),
    ).resolves.toEqual(['none', 'none']);
    await page.screenshot({ path: join(RESULTS_DIR, 'report-02-print.png'), fullPage: true });
    // Back to no emulation (not 'screen', which page.pdf would then print with).
    await page.emulateMedia({ media: null });
    const started = performance.now();
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const seconds = (performance.now() - started) / 1000;
    writeFileSync(join(RESULTS_DIR, 'report.pdf'), pdf);
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    console.info(`PDF: ${pdf.length} bytes, ${pages} page(s), ${seconds.toFixed(1)} s`);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // Header with the lesion table, then key images, response, findings, rules and charts, each
    // from a new page.
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(seconds).toBeLessThan(30);
  });

  it('de-identifies the report: no name, ID, birth date or real date in its DOM', async () => {
    await report().getByLabel('De-identify').check();
    await report().getByTestId('report-deidentified').waitFor();
    // The session's export pseudonym (shared with the de-identified SEG/SR and CSV/JSON).
    await expect(report().getByTestId('report-deidentified').textContent()).resolves.toMatch(
      /^De-identified as ANON-[0-9A-Z]+:/,
    );
    await report()
      .getByText('Rendering key images…')
      .waitFor({ state: 'detached', timeout: 30_000 });
    const dom = await reportDom();
    for (const secret of [PATIENT_ID, ...PATIENT_NAMES, BIRTH_DATE, ...realDates])
      expect(dom.toUpperCase()).not.toContain(secret.toUpperCase());
    // Same numbers, shifted dates with the interval kept (18 days July → August).
    await expect(report().getByTestId('volume').allTextContents()).resolves.toEqual(volumes);
    const headers = await report()
      .getByRole('table', { name: 'Lesions by date (report)' })
      .locator('thead time')
      .evaluateAll((times) => times.map((t) => t.getAttribute('datetime')!));
    const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    expect(days(headers[0]!, headers[1]!)).toBe(days(DATES[0]!.date, DATES[1]!.date));
    expect(await report().locator('img[data-testid^="key-image-"]').count()).toBe(
      DATES.length * LESIONS,
    );
  });

  it('closes with Escape and gives the focus back to the Report button', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => report().count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Report');
  });

  it('logged no errors and no Content-Security-Policy violations', () => {
    expect(session.problems).toEqual([]);
  });
});
