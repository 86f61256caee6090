import { describe, expect, it } from 'vitest';
import { fillBetweenSlices } from '../fillBetweenSlices.ts';
import type { Labelmap } from '../types.ts';
import { at, countValue, labelmapOf, set } from './fixtures.ts';

/** Draws a disc (centres within r mm) of `value` on slice k, with plain loops. */
function discOnSliceK(
  labelmap: Labelmap,
  k: number,
  c: [number, number],
  radiusMm: number,
  value: number,
): number {
  const [nx, ny] = labelmap.geometry.dimensions;
  const [sx, sy] = labelmap.geometry.spacingMm;
  let n = 0;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      if (((i - c[0]) * sx) ** 2 + ((j - c[1]) * sy) ** 2 <= radiusMm ** 2) {
        set(labelmap, i, j, k, value);
        n++;
      }
  return n;
}

const sliceK = (labelmap: Labelmap, k: number, value: number): string[] => {
  const [nx, ny] = labelmap.geometry.dimensions;
  const out: string[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) if (at(labelmap, i, j, k) === value) out.push(`${i},${j}`);
  return out;
};

describe('fillBetweenSlices', () => {
  it('fills the three slices between two identical discs with that disc', () => {
    const labelmap = labelmapOf([40, 40, 10], [0.8, 0.8, 2]);
    discOnSliceK(labelmap, 2, [20.3, 19.6], 6, 1);
    discOnSliceK(labelmap, 6, [20.3, 19.6], 6, 1);
    const disc = sliceK(labelmap, 2, 1);
    const record = fillBetweenSlices(labelmap, 1, 'k');
    for (const k of [3, 4, 5]) expect(sliceK(labelmap, k, 1)).toEqual(disc);
    expect(record?.changedVoxels).toBe(3 * disc.length);
    expect(record?.box.min[2]).toBe(3);
    expect(record?.box.max[2]).toBe(5);
    for (const k of [0, 1, 7, 8, 9]) expect(sliceK(labelmap, k, 1)).toEqual([]);
  });

  it('interpolates discs of radius 4 and 8 mm into a 6 mm disc halfway', () => {
    const labelmap = labelmapOf([64, 64, 5], [0.5, 0.5, 1]);
    discOnSliceK(labelmap, 0, [32, 32], 4, 1);
    discOnSliceK(labelmap, 4, [32, 32], 8, 1);
    fillBetweenSlices(labelmap, 1, 'k');
    // Stated tolerance: the equivalent radius √(A/π) within half a pixel (0.25 mm) of the linear
    // interpolation 4 → 8 mm, and the halfway area within 3 % of π·6² (measured: 0.75 %).
    for (const [k, radiusMm] of [
      [1, 5],
      [2, 6],
      [3, 7],
    ] as const) {
      const areaMm2 = sliceK(labelmap, k, 1).length * 0.25;
      expect(Math.abs(Math.sqrt(areaMm2 / Math.PI) - radiusMm)).toBeLessThan(0.25);
    }
    const halfwayMm2 = sliceK(labelmap, 2, 1).length * 0.25;
    expect(Math.abs(halfwayMm2 / (Math.PI * 36) - 1)).toBeLessThan(0.03);
  });

  it('bridges every gap between consecutive key slices along the chosen axis', () => {
    // Discs on sagittal planes i = 1, 5 and 8 (in-plane j, k), spacing 1 × 0.7 × 1.5 mm.
    const labelmap = labelmapOf([10, 30, 20], [1, 0.7, 1.5]);
    for (const i of [1, 5, 8])
      for (let k = 0; k < 20; k++)
        for (let j = 0; j < 30; j++)
          if (((j - 15) * 0.7) ** 2 + ((k - 10) * 1.5) ** 2 <= 25) set(labelmap, i, j, k, 4);
    const perSlice = countValue(labelmap.data, 4) / 3;
    fillBetweenSlices(labelmap, 4, 'i');
    for (let i = 0; i < 10; i++) {
      let n = 0;
      for (let k = 0; k < 20; k++)
        for (let j = 0; j < 30; j++) if (at(labelmap, i, j, k) === 4) n++;
      expect(n).toBe(i === 0 || i === 9 ? 0 : perSlice);
    }
  });

  it('never overwrites other segments or changes the key slices', () => {
    const labelmap = labelmapOf([30, 30, 6], [1, 1, 1]);
    discOnSliceK(labelmap, 0, [15, 15], 5, 1);
    discOnSliceK(labelmap, 4, [15, 15], 5, 1);
    set(labelmap, 15, 15, 2, 2);
    set(labelmap, 14, 15, 0, 3); // inside the key disc's footprint: another segment
    const key0 = sliceK(labelmap, 0, 1);
    fillBetweenSlices(labelmap, 1, 'k');
    expect(at(labelmap, 15, 15, 2)).toBe(2);
    expect(at(labelmap, 16, 15, 2)).toBe(1);
    expect(sliceK(labelmap, 0, 1)).toEqual(key0);
    expect(at(labelmap, 14, 15, 0)).toBe(3);
  });

  it('returns null for a segment on a single slice, on adjacent slices, or absent', () => {
    const single = labelmapOf([10, 10, 5]);
    discOnSliceK(single, 2, [5, 5], 3, 1);
    expect(fillBetweenSlices(single, 1, 'k')).toBeNull();
    discOnSliceK(single, 3, [5, 5], 3, 1);
    expect(fillBetweenSlices(single, 1, 'k')).toBeNull();
    expect(fillBetweenSlices(single, 2, 'k')).toBeNull();
  });
});
