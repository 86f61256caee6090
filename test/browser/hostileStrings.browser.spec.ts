import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writePart10 } from '../../src/dicom/write/writePart10';
import { writeMeasurementReport } from '../../src/dicom/sr';
import { reportInput } from '../../src/dicom/sr/__tests__/fixtures';
import { RESULTS_DIR, launchChromium, type BrowserSession } from './launchChromium';

const baseUrl = inject('baseUrl');
let session: BrowserSession;
let page: Page;

// Each payload would run `window.__xss = …` if it were ever parsed as HTML or followed as a link.
const PAYLOADS = {
  patientName: '<img src=x onerror="window.__xss=1">',
  studyDescription: '</script><script>window.__xss=2</script>',
  seriesDescription: '<a href="javascript:window.__xss=3">series</a>',
  segmentLabel: '<svg onload="window.__xss=4">',
  srDescription: '<iframe src="javascript:window.__xss=5"></iframe>',
  srComment: '<img src=y onerror="window.__xss=6">',
} as const;

/** The sample's T1 series with hostile strings written into its patient, study and series. */
function hostileSeries(): Array<{ name: string; mimeType: string; buffer: Buffer }> {
  const dir = 'sample-dicom/out/LLR-SAMPLE-004';
  const mr = readdirSync(dir).find((d) => d.startsWith('20240726'))!;
  const t1 = join(
    dir,
    mr,
    readdirSync(join(dir, mr)).find((d) => d.startsWith('01_'))!,
  );
  return readdirSync(t1).map((name) => {
    const bytes = readFileSync(join(t1, name));
    const message = dcmjs.data.DicomMessage.readFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict) as Record<
      string,
      unknown
    >;
    dataset['PatientName'] = PAYLOADS.patientName;
    dataset['StudyDescription'] = PAYLOADS.studyDescription;
    dataset['SeriesDescription'] = PAYLOADS.seriesDescription;
    return {
      name,
      mimeType: 'application/dicom',
      buffer: Buffer.from(writePart10(dataset as never)),
    };
  });
}

/** A TID 1500 report over the hostile T1 series whose own texts carry payloads. */
function hostileReport(t1: { buffer: Buffer }): { name: string; mimeType: string; buffer: Buffer } {
  const bytes = new Uint8Array(t1.buffer);
  const message = dcmjs.data.DicomMessage.readFile(bytes.slice().buffer);
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict) as Record<
    string,
    string
  >;
  const base = reportInput();
  const written = writeMeasurementReport(
    reportInput({
      patient: { name: PAYLOADS.patientName, id: ds['PatientID']!, birthDate: '', sex: '' },
      study: { ...base.study, studyInstanceUid: ds['StudyInstanceUID']!, date: ds['StudyDate']! },
      document: { ...base.document, seriesDescription: PAYLOADS.srDescription },
      sourceSeries: [
        {
          studyInstanceUid: ds['StudyInstanceUID']!,
          seriesInstanceUid: ds['SeriesInstanceUID']!,
          modality: 'MR',
          frameOfReferenceUid: ds['FrameOfReferenceUID']!,
          studyDate: ds['StudyDate']!,
          images: [{ sopClassUid: ds['SOPClassUID']!, sopInstanceUid: ds['SOPInstanceUID']! }],
        },
      ],
      segmentations: [],
      lesions: [],
      findings: [
        {
          kind: 'pattern',
          trackingUid: '2.25.77',
          pattern: 'nodular',
          comment: PAYLOADS.srComment,
        },
      ],
    }),
  );
  if (!written.ok) throw new Error(written.error.message);
  return {
    name: 'hostile-sr.dcm',
    mimeType: 'application/dicom',
    buffer: Buffer.from(written.value),
  };
}

describe('hostile strings render as text (no script runs) under the strict CSP', () => {
  beforeAll(async () => {
    session = await launchChromium();
    page = session.page;
    await page.goto(`${baseUrl}/?autoload=0`);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('shows hostile patient, study and series strings literally', async () => {
    await page.getByTestId('open-files-input').setInputFiles(hostileSeries());
    await page.getByTestId('slice-info-stack').waitFor({ timeout: 60_000 });
    const browser = page.getByRole('navigation', { name: 'Series browser' });
    const text = (await browser.textContent()) ?? '';
    expect(text).toContain(PAYLOADS.studyDescription);
    expect(text).toContain(PAYLOADS.seriesDescription);
    // PN: '=' separates the alphabetic, ideographic and phonetic groups (PS3.5 §6.2.1), so
    // the viewer shows the alphabetic group, '<img src', literally.
    expect(text).toContain('<img src');
    // Nothing became an element.
    await expect(browser.locator('img, script, svg, a[href^="javascript"]').count()).resolves.toBe(
      0,
    );
  });

  it('keeps a hostile segment label as text', async () => {
    await page.waitForFunction(() =>
      (window as unknown as { __llr: { editor: { ready(): boolean } } }).__llr.editor.ready(),
    );
    await page.getByRole('button', { name: 'Add segment' }).click();
    const name = page.getByLabel('Name of Lesion 1');
    await name.fill(PAYLOADS.segmentLabel);
    // The label is kept as typed (the input is now named by it), and nothing was parsed.
    await expect(page.getByLabel(`Name of ${PAYLOADS.segmentLabel}`).inputValue()).resolves.toBe(
      PAYLOADS.segmentLabel,
    );
    await expect(page.locator('aside svg[onload]').count()).resolves.toBe(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'hostile-strings.png') });
  });

  it('lists and shows an SR with a hostile description and comment, all as text', async () => {
    await page.getByTestId('open-files-input').setInputFiles([hostileReport(hostileSeries()[0]!)]);
    const list = page.getByRole('list', { name: 'DICOM SR of this series' });
    await list.waitFor({ timeout: 60_000 });
    await list
      .getByRole('button', { name: /^Show / })
      .first()
      .click();
    await expect
      .poll(async () => (await page.locator('body').textContent()) ?? '', { timeout: 10_000 })
      .toContain('Liver pattern: nodular');
    const browser = page.getByRole('navigation', { name: 'Series browser' });
    expect((await browser.textContent()) ?? '').toContain(PAYLOADS.srDescription);
    await expect(page.locator('iframe, img[onerror], script:not([src])').count()).resolves.toBe(0);
  });

  it('ran none of the payloads and logged no CSP violation', async () => {
    const xss = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
    expect(xss).toBeUndefined();
    expect(session.problems).toEqual([]);
  });
});
