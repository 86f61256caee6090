import { describe, expect, it } from 'vitest';
import {
  boxToTexture,
  labelContentBox,
  scalarContentBox,
  transparentUpTo,
  unionBox,
} from '../contentBox.ts';
import { CT_ABDOMEN_POINTS } from '../transferFunction.ts';

describe('scalarContentBox', () => {
  it('bounds the voxels above the threshold', () => {
    // 4 × 3 × 2, air (−1000) everywhere but two tissue voxels.
    const data = new Float32Array(24).fill(-1000);
    data[1 + 1 * 4 + 0 * 12] = 40; // (1, 1, 0)
    data[3 + 2 * 4 + 1 * 12] = 60; // (3, 2, 1)
    expect(scalarContentBox(data, [4, 3, 2], -60)).toEqual({ min: [1, 1, 0], max: [3, 2, 1] });
  });

  it('is null when nothing is above the threshold, and the whole grid when all is', () => {
    expect(scalarContentBox(new Float32Array(8), [2, 2, 2], 0)).toBeNull();
    expect(scalarContentBox(new Float32Array(8).fill(1), [2, 2, 2], 0)).toEqual({
      min: [0, 0, 0],
      max: [1, 1, 1],
    });
  });

  it('bounds one labelled voxel exactly', () => {
    const labels = new Uint8Array(27);
    labels[13] = 4; // centre of 3 × 3 × 3
    expect(labelContentBox(labels, [3, 3, 3])).toEqual({ min: [1, 1, 1], max: [1, 1, 1] });
  });
});

describe('unionBox', () => {
  it('spans both boxes and passes one through when the other is null', () => {
    const a = { min: [0, 5, 2], max: [3, 6, 2] } as const;
    const b = { min: [2, 1, 4], max: [9, 2, 4] } as const;
    expect(unionBox(a, b)).toEqual({ min: [0, 1, 2], max: [9, 6, 4] });
    expect(unionBox(null, b)).toBe(b);
    expect(unionBox(null, null)).toBeNull();
  });
});

describe('boxToTexture', () => {
  it('covers whole voxels: voxel x spans [x, x + 1] / n', () => {
    expect(boxToTexture({ min: [1, 0, 3], max: [1, 3, 3] }, [4, 4, 8])).toEqual({
      min: [0.25, 0, 0.375],
      max: [0.5, 1, 0.5],
    });
  });

  it('rescales to a texture spanning more source voxels', () => {
    // A 3-voxel labelmap inside a volume texture that spans 4 source voxels.
    expect(boxToTexture({ min: [0, 0, 0], max: [2, 0, 0] }, [3, 1, 1], [0.75, 1, 1]).max).toEqual([
      0.75, 1, 1,
    ]);
  });
});

describe('transparentUpTo', () => {
  it('is −60 HU for CT abdomen: fat and below add nothing', () => {
    expect(transparentUpTo(CT_ABDOMEN_POINTS)).toBe(-60);
  });

  it('is −Infinity when the first point is already visible', () => {
    expect(transparentUpTo([{ value: 0, color: [1, 1, 1], opacity: 0.1 }])).toBe(-Infinity);
  });
});
