import { describe, expect, it } from 'vitest';
import { downsampleLabels } from '../downsampleLabels.ts';
import { downsampleScalars } from '../downsampleScalars.ts';
import { planDownsample, type DownsamplePlan } from '../planDownsample.ts';

/** 4 × 2 × 1 voxels in two 2 × 2 blocks. */
const BLOCKS_2X2: DownsamplePlan = { factors: [2, 2, 1], dimensions: [2, 1, 1], extent: [4, 2, 1] };

describe('planDownsample', () => {
  it('halves a 512×512×200 CT in-plane to fit 256 and keeps its 200 slices', () => {
    expect(planDownsample([512, 512, 200], 256)).toEqual({
      factors: [2, 2, 1],
      dimensions: [256, 256, 200],
      extent: [512, 512, 200],
    });
  });

  it('rounds factors up and lets the last block reach past an odd edge', () => {
    expect(planDownsample([300, 10, 257], 256)).toEqual({
      factors: [2, 1, 2],
      dimensions: [150, 10, 129],
      extent: [300, 10, 258],
    });
  });

  it('keeps a volume that already fits (and a one-voxel volume) as it is', () => {
    expect(planDownsample([1, 1, 1], 256).factors).toEqual([1, 1, 1]);
    expect(planDownsample([256, 64, 48], 256).dimensions).toEqual([256, 64, 48]);
  });
});

describe('downsampleScalars', () => {
  it('averages each 2×2 block', () => {
    const data = Int16Array.from([1, 2, 3, 4, 5, 6, 7, 8]); // 4 × 2 × 1
    const plan = BLOCKS_2X2;
    expect(Array.from(downsampleScalars(data, [4, 2, 1], plan))).toEqual([3.5, 5.5]);
  });

  it('averages a block cut by the edge over the voxels that exist', () => {
    const data = Float32Array.from([1, 2, 10]); // 3 × 1 × 1, factor 2
    const plan = planDownsample([3, 1, 1], 2);
    expect(Array.from(downsampleScalars(data, [3, 1, 1], plan))).toEqual([1.5, 10]);
  });

  it('averages across slices too', () => {
    const data = Uint16Array.from([2, 4, 6, 8]); // 1 × 1 × 4, factor 2 along k
    const plan = planDownsample([1, 1, 4], 2);
    expect(Array.from(downsampleScalars(data, [1, 1, 4], plan))).toEqual([3, 7]);
  });
});

describe('downsampleLabels', () => {
  it('keeps the highest label of each block, so a single voxel survives', () => {
    const source = Uint8Array.from([0, 0, 0, 3, 2, 0, 0, 0]); // 4 × 2 × 1
    const plan = BLOCKS_2X2;
    const target = new Uint8Array(2);
    expect(downsampleLabels(source, [4, 2, 1], plan, target)).toEqual({
      min: [0, 0, 0],
      max: [1, 0, 0],
    });
    expect(Array.from(target)).toEqual([2, 3]);
  });

  it('updates only the blocks under a changed box', () => {
    const source = Uint8Array.from([0, 0, 0, 3, 2, 0, 0, 0]);
    const plan = BLOCKS_2X2;
    const target = Uint8Array.from([9, 9]);
    const changed = downsampleLabels(source, [4, 2, 1], plan, target, {
      min: [3, 0, 0],
      max: [3, 0, 0],
    });
    expect(changed).toEqual({ min: [1, 0, 0], max: [1, 0, 0] });
    expect(Array.from(target)).toEqual([9, 3]);
  });

  it('clears a block whose voxels were all erased', () => {
    const plan = planDownsample([2, 2, 2], 1);
    const target = Uint8Array.from([5]);
    downsampleLabels(new Uint8Array(8), [2, 2, 2], plan, target);
    expect(Array.from(target)).toEqual([0]);
  });
});
