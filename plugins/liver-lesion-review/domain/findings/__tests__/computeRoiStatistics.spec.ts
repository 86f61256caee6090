import { describe, expect, it } from 'vitest';
import { computeRoiStatistics } from '../computeRoiStatistics';
import { FindingsError } from '../FindingsError';
import type { RoiGrid } from '../roiTypes';

/** Seeded xorshift32 → standard normal (Box–Muller): the same noise every run. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Phantom: 128 × 128 × 5 at 0.78125 × 0.78125 × 2.5 mm. Slice 2 holds "liver" (55 HU) in
 * columns 0–63 and "spleen" (45 HU) in 64–127, each with Gaussian noise σ = 11 HU as in the
 * sample CT; every other slice is 1000 HU so reading the wrong slice shows at once.
 */
function phantom(noiseSigma: number): { values: Float32Array; grid: RoiGrid } {
  const grid: RoiGrid = { dimensions: [128, 128, 5], spacingMm: [0.78125, 0.78125, 2.5] };
  const values = new Float32Array(128 * 128 * 5).fill(1000);
  const noise = gaussian(7);
  for (let j = 0; j < 128; j++)
    for (let i = 0; i < 128; i++)
      values[2 * 128 * 128 + j * 128 + i] = (i < 64 ? 55 : 45) + noiseSigma * noise();
  return { values, grid };
}

describe('computeRoiStatistics', () => {
  it('measures a 15 mm circle in the phantom liver at 55 HU within 0.5 HU (σ = 11 HU noise)', () => {
    const { values, grid } = phantom(11);
    // Centre column 32, row 64: 15 mm = 19.2 px, so the circle stays within columns 13–51.
    const stats = computeRoiStatistics(values, grid, {
      sliceIndex: 2,
      centreIndex: [32, 64],
      radiiMm: [15, 15],
    });
    // Analytic area π·15² = 706.9 mm² ≈ 1158 pixels of 0.6104 mm².
    expect(stats.voxelCount / 1158.1).toBeGreaterThan(0.98);
    expect(stats.voxelCount / 1158.1).toBeLessThan(1.02);
    expect(stats.areaMm2).toBeCloseTo(stats.voxelCount * 0.78125 ** 2, 10);
    expect(Math.abs(stats.mean! - 55)).toBeLessThan(0.5);
    expect(Math.abs(stats.sd! - 11)).toBeLessThan(0.6);
  });

  it('is exact on a noise-free phantom and never reads the neighbouring tissue or slices', () => {
    const { values, grid } = phantom(0);
    const spleen = computeRoiStatistics(values, grid, {
      sliceIndex: 2,
      centreIndex: [96, 40],
      radiiMm: [20, 10],
    });
    expect(spleen).toMatchObject({ mean: 45, sd: 0, min: 45, max: 45 });
  });

  it('counts voxels whose centres lie inside or on the circle (1 mm grid)', () => {
    const grid: RoiGrid = { dimensions: [11, 11, 1], spacingMm: [1, 1, 1] };
    const values = new Float32Array(121).map((_, n) => n);
    const at = (radius: number) =>
      computeRoiStatistics(values, grid, {
        sliceIndex: 0,
        centreIndex: [5, 5],
        radiiMm: [radius, radius],
      });
    // r = 1: the centre and its 4 neighbours at exactly 1 mm.
    expect(at(1).voxelCount).toBe(5);
    // r = 1.5: adds the 4 diagonals at √2 = 1.414 mm.
    expect(at(1.5).voxelCount).toBe(9);
    // Mean of indices 60 ± 1 and 60 ± 11 and 60 is 60; SD √((1+1+121+121)/4) = √61.
    expect(at(1).mean).toBe(60);
    expect(at(1).sd).toBeCloseTo(Math.sqrt(61), 12);
    expect(at(0.5).voxelCount).toBe(1);
    expect(at(0.5).sd).toBe(0);
  });

  it('applies radii in mm along columns and rows, with non-square pixels', () => {
    const values = new Float32Array(21 * 21);
    // Ellipse 2 × 1 mm on a 1 mm grid: row 0 has |di| ≤ 2 (5 voxels), rows ±1 only di = 0 → 7.
    const ellipse = computeRoiStatistics(
      values,
      { dimensions: [21, 21, 1], spacingMm: [1, 1, 1] },
      {
        sliceIndex: 0,
        centreIndex: [10, 10],
        radiiMm: [2, 1],
      },
    );
    expect(ellipse.voxelCount).toBe(7);
    // Circle r = 2 mm on 0.5 × 2 mm pixels: row 0 |di| ≤ 4 (9), rows ±1 only di = 0 → 11, area 11 mm².
    const circle = computeRoiStatistics(
      values,
      { dimensions: [21, 21, 1], spacingMm: [0.5, 2, 1] },
      {
        sliceIndex: 0,
        centreIndex: [10, 10],
        radiiMm: [2, 2],
      },
    );
    expect(circle.voxelCount).toBe(11);
    expect(circle.areaMm2).toBe(11);
  });

  it('clips at the image border and returns an empty result outside it', () => {
    const grid: RoiGrid = { dimensions: [10, 10, 1], spacingMm: [1, 1, 1] };
    const values = new Float32Array(100).fill(7);
    // Quarter of an r = 1 circle at the corner: the corner and 2 neighbours.
    expect(
      computeRoiStatistics(values, grid, { sliceIndex: 0, centreIndex: [0, 0], radiiMm: [1, 1] })
        .voxelCount,
    ).toBe(3);
    expect(
      computeRoiStatistics(values, grid, { sliceIndex: 0, centreIndex: [30, 30], radiiMm: [1, 1] }),
    ).toMatchObject({ voxelCount: 0, mean: null, sd: null, areaMm2: 0 });
  });

  it('throws typed errors for a wrong size, slice or radius', () => {
    const grid: RoiGrid = { dimensions: [4, 4, 2], spacingMm: [1, 1, 1] };
    const roi = { sliceIndex: 0, centreIndex: [1, 1] as const, radiiMm: [1, 1] as const };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof FindingsError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => computeRoiStatistics(new Float32Array(31), grid, roi))).toBe('SIZE_MISMATCH');
    expect(
      code(() => computeRoiStatistics(new Float32Array(32), grid, { ...roi, sliceIndex: 2 })),
    ).toBe('INVALID_SLICE');
    expect(
      code(() => computeRoiStatistics(new Float32Array(32), grid, { ...roi, radiiMm: [0, 1] })),
    ).toBe('INVALID_RADIUS');
  });
});
