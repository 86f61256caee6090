import { describe, expect, it } from 'vitest';
import type { VolumeGrid } from '../../quantify/types';
import { ReportError } from '../ReportError';
import { percentileOf, renderKeyImage, windowToGrey } from '../renderKeyImage';

const AXIAL = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const RED = [255, 0, 0] as const;

function grid(
  dimensions: [number, number, number],
  spacingMm: [number, number, number] = [1, 1, 3],
  direction: number[] = AXIAL,
): VolumeGrid {
  return { dimensions, spacingMm, originMm: [0, 0, 0], direction };
}

/** A volume whose voxel (i, j, k) holds f(i, j, k), and a labelmap with `label` on a box. */
function volume(
  g: VolumeGrid,
  f: (i: number, j: number, k: number) => number,
  box: { i: [number, number]; j: [number, number]; k: number; label: number },
) {
  const [nx, ny, nz] = g.dimensions;
  const image = new Float32Array(nx * ny * nz);
  const labels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const at = (k * ny + j) * nx + i;
        image[at] = f(i, j, k);
        if (k === box.k && i >= box.i[0] && i <= box.i[1] && j >= box.j[0] && j <= box.j[1])
          labels[at] = box.label;
      }
  return { image, labels };
}

/** 'R' where the pixel is pure red (outline), '.' where it is grey. */
function picture(rgba: Uint8ClampedArray, width: number): string[] {
  const rows: string[] = [];
  for (let v = 0; v < rgba.length / 4 / width; v++) {
    let row = '';
    for (let u = 0; u < width; u++) {
      const p = (v * width + u) * 4;
      row += rgba[p] === 255 && rgba[p + 1] === 0 && rgba[p + 2] === 0 ? 'R' : '.';
    }
    rows.push(row);
  }
  return rows;
}

const pixel = (image: { rgba: Uint8ClampedArray; width: number }, u: number, v: number) =>
  Array.from(image.rgba.slice((v * image.width + u) * 4, (v * image.width + u) * 4 + 4));

describe('windowToGrey', () => {
  it('maps the CT abdomen window (40/400) to black at −160 HU and white at 240 HU', () => {
    // (v − (−160)) / 400 × 255: −200 → 0, −160 → 0, 0 → 102, 40 → 127.5 → 128, 240 → 255.
    expect([-200, -160, 0, 40, 240, 1000].map((v) => windowToGrey(v, -160, 240))).toEqual([
      0, 0, 102, 128, 255, 255,
    ]);
  });
});

describe('percentileOf', () => {
  it('takes the nearest rank: 1st and 99th percentiles of 0…99 are 1 and 98', () => {
    const values = Array.from({ length: 100 }, (_, n) => 99 - n);
    expect(percentileOf(values, 0.01)).toBe(1);
    expect(percentileOf(values, 0.99)).toBe(98);
  });
});

describe('renderKeyImage', () => {
  // 8 × 8 × 2 voxels of 1 mm; voxel (i, j) of slice 1 holds 10 i + j − 100; a 3 × 3 lesion at
  // i, j = 2…4. With a 1 mm margin the crop is 3 + 2 = 5 mm: 5 × 5 output pixels of 1 mm whose
  // top-left pixel is voxel (1, 1), so output (u, v) shows voxel (u + 1, v + 1).
  const g = grid([8, 8, 2]);
  const { image, labels } = volume(g, (i, j) => 10 * i + j - 100, {
    i: [2, 4],
    j: [2, 4],
    k: 1,
    label: 3,
  });
  const rendered = renderKeyImage({
    grid: g,
    image,
    labels,
    segmentIndex: 3,
    color: RED,
    slice: 1,
    modality: 'CT',
    window: { center: 0, width: 200 },
    marginMm: 1,
    outputPixelMm: 1,
    scaleBar: false,
  });

  it('crops a square around the lesion with its margin, in the output pixel size', () => {
    expect([rendered.width, rendered.height, rendered.pixelMm]).toEqual([5, 5, 1]);
    expect(rendered.firstVoxel).toEqual([1, 1]);
    expect(rendered.window).toEqual({ lower: -100, upper: 100 });
  });

  it("draws the lesion's border in its colour and keeps its inside grey", () => {
    expect(picture(rendered.rgba, 5)).toEqual(['.....', '.RRR.', '.R.R.', '.RRR.', '.....']);
    expect(rendered.outlinePixels).toBe(8);
  });

  it('windows the image values: (v + 100) / 200 × 255', () => {
    // (0,0) ← voxel (1,1): −89 → 14.03; (2,2) ← (3,3): −67 → 42.08; (4,0) ← (5,1): −49 → 65.03;
    // (4,4) ← (5,5): −45 → 70.13.
    expect(pixel(rendered, 0, 0)).toEqual([14, 14, 14, 255]);
    expect(pixel(rendered, 2, 2)).toEqual([42, 42, 42, 255]);
    expect(pixel(rendered, 4, 0)).toEqual([65, 65, 65, 255]);
    expect(pixel(rendered, 4, 4)).toEqual([70, 70, 70, 255]);
  });

  it('draws a thicker outline on request: inside pixels within 2 steps of the outside', () => {
    // A 5 × 5 lesion in a 7 × 7 crop: only its centre is 3 steps from the outside.
    const g6 = grid([9, 9, 1]);
    const v6 = volume(g6, () => 0, { i: [2, 6], j: [2, 6], k: 0, label: 1 });
    const out = renderKeyImage({
      grid: g6,
      ...v6,
      segmentIndex: 1,
      color: RED,
      slice: 0,
      modality: 'CT',
      marginMm: 1,
      outputPixelMm: 1,
      outlinePx: 2,
      scaleBar: false,
    });
    expect(picture(out.rgba, out.width)).toEqual([
      '.......',
      '.RRRRR.',
      '.RRRRR.',
      '.RR.RR.',
      '.RRRRR.',
      '.RRRRR.',
      '.......',
    ]);
    expect(out.outlinePixels).toBe(24);
  });

  it('uses the abdomen window on CT by default', () => {
    const ct = renderKeyImage({
      grid: g,
      image,
      labels,
      segmentIndex: 3,
      color: RED,
      slice: 1,
      modality: 'CT',
      marginMm: 1,
      outputPixelMm: 1,
      scaleBar: false,
    });
    expect(ct.window).toEqual({ lower: -160, upper: 240 });
    // (0,0) ← −89 HU: (−89 + 160) / 400 × 255 = 45.26.
    expect(pixel(ct, 0, 0)).toEqual([45, 45, 45, 255]);
  });

  it('windows MR between the 1st and 99th percentiles of the slice', () => {
    // 10 × 10 slice holding 0…99: window 1…98; voxel value 50 → 49 / 97 × 255 = 128.8.
    const mrGrid = grid([10, 10, 1]);
    const mr = volume(mrGrid, (i, j) => j * 10 + i, { i: [4, 6], j: [4, 6], k: 0, label: 1 });
    const out = renderKeyImage({
      grid: mrGrid,
      ...mr,
      segmentIndex: 1,
      color: RED,
      slice: 0,
      modality: 'MR',
      marginMm: 1,
      outputPixelMm: 1,
      scaleBar: false,
    });
    expect(out.window).toEqual({ lower: 1, upper: 98 });
    // Crop 5 mm around i, j = 4…6 starts at voxel (3, 3); the centre (2, 2) is voxel (5, 5)
    // = 55: (55 − 1) / 97 × 255 = 141.96.
    expect(out.firstVoxel).toEqual([3, 3]);
    expect(pixel(out, 2, 2)).toEqual([142, 142, 142, 255]);
  });

  it('resamples non-square pixels so a 2 × 2 mm lesion stays square', () => {
    // Columns 0.5 mm, rows 1 mm: the lesion is 4 columns (2 mm) × 2 rows (2 mm). Output 1 mm,
    // margin 1 mm: 4 × 4 pixels; output column u shows voxel column 2u + 3, row v voxel row v + 1.
    const g2 = grid([12, 6, 1], [0.5, 1, 1]);
    const v2 = volume(g2, () => 0, { i: [4, 7], j: [2, 3], k: 0, label: 1 });
    const out = renderKeyImage({
      grid: g2,
      ...v2,
      segmentIndex: 1,
      color: RED,
      slice: 0,
      modality: 'CT',
      marginMm: 1,
      outputPixelMm: 1,
      scaleBar: false,
    });
    expect(out.firstVoxel).toEqual([3, 1]);
    expect(picture(out.rgba, out.width)).toEqual(['....', '.RR.', '.RR.', '....']);
  });

  it('mirrors a slice whose rows run to patient right, so patient left is on screen right', () => {
    // Row cosine −x: column i runs towards the patient's right, so column 1 (patient left of
    // column 2) must appear to the right of column 2 on screen. The lesion spans i = 1…2 on
    // row 2, and column 2 is bright (240 HU), every other column dark (−160 HU).
    const g3 = grid([6, 6, 1], [1, 1, 1], [-1, 0, 0, 0, 1, 0, 0, 0, -1]);
    const v3 = volume(g3, (i) => (i === 2 ? 240 : -160), { i: [1, 2], j: [2, 2], k: 0, label: 1 });
    const out = renderKeyImage({
      grid: g3,
      ...v3,
      segmentIndex: 1,
      color: RED,
      slice: 0,
      modality: 'CT',
      marginMm: 1,
      outputPixelMm: 1,
      scaleBar: false,
    });
    expect(out.flipped).toEqual({ horizontal: true, vertical: false });
    // Crop 4 mm: unflipped columns show i = 0…3 (i = 2 the bright one at u = 2); mirrored, u = 1.
    expect(picture(out.rgba, 4)).toEqual(['....', '.RR.', '....', '....']);
    expect(pixel(out, 1, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 2, 0)).toEqual([0, 0, 0, 255]);
  });

  it('draws a round scale bar no longer than 30 % of the width', () => {
    // 64 px of 0.5 mm = 32 mm: 10 mm would take 20 px > 19.2, so 5 mm = 10 px, 2 px thick,
    // 3 px from the left and bottom edges (rows 59–60, columns 3–12), with a black rim.
    const g4 = grid([40, 40, 1]);
    const v4 = volume(g4, () => 40, { i: [18, 21], j: [18, 21], k: 0, label: 1 });
    const out = renderKeyImage({
      grid: g4,
      ...v4,
      segmentIndex: 1,
      color: RED,
      slice: 0,
      modality: 'CT',
      marginMm: 14,
      outputPixelMm: 0.5,
    });
    expect(out.width).toBe(64);
    expect(out.scaleBar).toEqual({ lengthMm: 5, lengthPx: 10, x: 3, y: 59, thicknessPx: 2 });
    expect(pixel(out, 3, 59)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 12, 60)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 13, 60)).toEqual([0, 0, 0, 255]);
    expect(pixel(out, 2, 58)).toEqual([0, 0, 0, 255]);
    expect(pixel(out, 14, 60)).toEqual([128, 128, 128, 255]);
  });

  it('takes the slice where the segment is largest when none is given', () => {
    const g5 = grid([6, 6, 3]);
    const v5 = volume(g5, () => 0, { i: [1, 3], j: [1, 3], k: 2, label: 4 });
    v5.labels[(0 * 6 + 1) * 6 + 1] = 4; // one voxel on slice 0
    const out = renderKeyImage({
      grid: g5,
      ...v5,
      segmentIndex: 4,
      color: RED,
      slice: null,
      modality: 'CT',
      scaleBar: false,
    });
    expect(out.slice).toBe(2);
  });

  it('refuses bad input with a code', () => {
    const base = {
      grid: g,
      image,
      labels,
      segmentIndex: 3,
      color: RED,
      modality: 'CT',
    } as const;
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ReportError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(code(() => renderKeyImage({ ...base, slice: 2 }))).toBe('SLICE_OUT_OF_RANGE');
    expect(code(() => renderKeyImage({ ...base, slice: 0 }))).toBe('SEGMENT_NOT_ON_SLICE');
    expect(code(() => renderKeyImage({ ...base, slice: 1, labels: labels.subarray(1) }))).toBe(
      'SIZE_MISMATCH',
    );
  });
});
