/**
 * Every SEG the writer produces passes `dciodvfy -new` (dicom3tools) with 0 errors: small
 * grids with square and non-square pixels, reversed instance order, tracked and untracked
 * lesions. (The bundled sample SEGs are validated in sample-dicom.spec.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDciodvfy, validateDicomFile } from './support/dciodvfy.ts';
import { buildStudy, type Shape } from './support/measureFixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'seg-dciodvfy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHAPES: Shape[] = [
  { role: 'liver', label: 'Liver', centreMm: [-19, 1, -25], radiiMm: [34, 27, 20], hu: 110 },
  { role: 'spleen', label: 'Spleen', centreMm: [41, 11, -25], radiiMm: [11, 13, 11], hu: 96 },
  {
    role: 'lesion',
    label: 'L1 (segment VII)',
    centreMm: [-27, 5, -25],
    radiiMm: [8, 7, 6],
    hu: 48,
    trackingId: 'L1',
    trackingUid: '2.25.331',
  },
];

describe('writeSegmentation output', () => {
  it.each([
    ['square pixels, tracked lesion', {}],
    [
      'non-square pixels, reversed instances',
      { pixelSpacingMm: [1.6, 2.2] as [number, number], reverseInstances: true },
    ],
    ['untracked lesion, 5 mm slices', { sliceSpacingMm: 5, slices: 11, seg: { tracking: false } }],
  ])('passes dciodvfy -new with 0 errors: %s', (name, extra) => {
    ensureDciodvfy();
    const built = buildStudy({ study: 60, date: '20240725', shapes: SHAPES, ...extra });
    const seg = built.files.find((f) => f.name.endsWith('SEG.dcm'))!;
    const path = join(dir, `${name.replace(/\W+/g, '_')}.dcm`);
    writeFileSync(path, seg.bytes);
    const result = validateDicomFile(path);
    expect(result.errors, result.output).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
