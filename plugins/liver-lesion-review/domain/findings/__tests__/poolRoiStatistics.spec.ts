import { describe, expect, it } from 'vitest';
import { computeRoiStatistics } from '../computeRoiStatistics';
import { poolRoiStatistics } from '../poolRoiStatistics';
import type { RoiGrid, RoiStatistics } from '../roiTypes';

const roi = (
  voxelCount: number,
  mean: number,
  sd: number,
  areaMm2: number | null = voxelCount,
): RoiStatistics => ({
  voxelCount,
  mean,
  sd,
  min: mean - 2 * sd,
  max: mean + 2 * sd,
  areaMm2,
});

describe('poolRoiStatistics', () => {
  it('weights the means by voxel count and pools the SD of all voxels (hand-computed)', () => {
    // A: 100 voxels 60 ± 10; B: 300 voxels 50 ± 8.
    // Mean (100·60 + 300·50) / 400 = 52.5 (the mean of the means would be 55).
    // SS = 99·100 + 299·64 + 100·7.5² + 300·2.5² = 9900 + 19136 + 5625 + 1875 = 36536;
    // SD = √(36536 / 399) = 9.5692.
    const pooled = poolRoiStatistics([roi(100, 60, 10), roi(300, 50, 8)]);
    expect(pooled.voxelCount).toBe(400);
    expect(pooled.mean).toBeCloseTo(52.5, 12);
    expect(pooled.sd).toBeCloseTo(Math.sqrt(36536 / 399), 12);
    expect(pooled.min).toBe(34);
    expect(pooled.max).toBe(80);
    expect(pooled.areaMm2).toBe(400);
  });

  it('equals the statistics of the union of two disjoint ROIs on an image', () => {
    const grid: RoiGrid = { dimensions: [40, 20, 1], spacingMm: [1, 1, 1] };
    const values = new Float32Array(800).map((_, n) => ((n * 37) % 101) - 50);
    const a = computeRoiStatistics(values, grid, {
      sliceIndex: 0,
      centreIndex: [8, 10],
      radiiMm: [5, 5],
    });
    const b = computeRoiStatistics(values, grid, {
      sliceIndex: 0,
      centreIndex: [28, 10],
      radiiMm: [7, 4],
    });
    const inside: number[] = [];
    for (let j = 0; j < 20; j++)
      for (let i = 0; i < 40; i++)
        if ((i - 8) ** 2 + (j - 10) ** 2 <= 25 || ((i - 28) / 7) ** 2 + ((j - 10) / 4) ** 2 <= 1)
          inside.push(values[j * 40 + i]!);
    const mean = inside.reduce((s, v) => s + v, 0) / inside.length;
    const sd = Math.sqrt(inside.reduce((s, v) => s + (v - mean) ** 2, 0) / (inside.length - 1));
    const pooled = poolRoiStatistics([a, b]);
    expect(pooled.voxelCount).toBe(inside.length);
    expect(pooled.mean).toBeCloseTo(mean, 10);
    expect(pooled.sd).toBeCloseTo(sd, 10);
  });

  it('leaves empty ROIs out and returns an empty result for none', () => {
    const empty: RoiStatistics = {
      voxelCount: 0,
      mean: null,
      sd: null,
      min: null,
      max: null,
      areaMm2: 0,
    };
    expect(poolRoiStatistics([roi(10, 40, 5), empty]).mean).toBe(40);
    expect(poolRoiStatistics([])).toMatchObject({ voxelCount: 0, mean: null, sd: null });
  });

  it('has no area when a region comes from a 3D segment', () => {
    expect(poolRoiStatistics([roi(10, 40, 5), roi(1000, 50, 5, null)]).areaMm2).toBeNull();
  });
});
