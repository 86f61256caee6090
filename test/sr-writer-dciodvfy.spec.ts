/**
 * Every Measurement Report variant the SR writer produces passes dicom3tools' `dciodvfy -new`
 * with 0 errors: Comprehensive 3D SR (SCOORD3D point), Enhanced SR (point on an image),
 * lesions only with a device observer, MR intensity with the pattern alone, and the complete
 * content (every finding kind, Couinaud segments, L/S ROIs, responses).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMeasurementReport, type SrWriterInput } from '../src/dicom/sr/index.ts';
import { completeReportInput, ctImage, reportInput } from '../src/dicom/sr/__tests__/fixtures.ts';
import { ensureDciodvfy, validateDicomFile } from './support/dciodvfy.ts';

const dir = mkdtempSync(join(tmpdir(), 'sr-dciodvfy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureDciodvfy());

function writeSr(input: SrWriterInput): Uint8Array {
  const result = writeMeasurementReport(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('Measurement Report writer output', () => {
  const base = reportInput();
  it.each<[string, SrWriterInput]>([
    ['all findings, SCOORD3D point (Comprehensive 3D SR)', base],
    [
      'complete content: every finding kind, Couinaud segments, ROIs, responses',
      completeReportInput(),
    ],
    [
      'biliary point on an image (Enhanced SR)',
      {
        ...base,
        findings: base.findings.map((f) =>
          f.kind === 'biliary-interruption'
            ? { ...f, point: { kind: 'image', image: ctImage(2), columnRow: [12.5, 40] } }
            : f,
        ),
      },
    ],
    [
      'lesions only, device observer only',
      { ...base, findings: [], observer: { ...base.observer, personName: null } },
    ],
    [
      'MR lesion and pattern only',
      {
        ...base,
        lesions: [
          {
            ...base.lesions[0]!,
            intensityKind: 'mr-signal',
            meanIntensity: 812.5,
            intensitySd: null,
          },
        ],
        findings: [{ kind: 'pattern', trackingUid: null, pattern: 'diffuse' }],
      },
    ],
  ])('passes dciodvfy -new with 0 errors: %s', (name, input) => {
    const path = join(dir, `${name.replace(/\W+/g, '_')}.dcm`);
    writeFileSync(path, writeSr(input));
    const result = validateDicomFile(path);
    expect(result.errors, result.output).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
