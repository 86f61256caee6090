import { describe, expect, it } from 'vitest';
import { brushRegion } from '../brushRegion.ts';
import type { Ijk, LabelmapGeometry, PlaneAxis } from '../types.ts';
import { createPrng, regionVoxels } from './fixtures.ts';

/** The definition, by brute force over the whole grid: centres within r mm of c. */
function ballByBruteForce(geometry: LabelmapGeometry, c: Ijk, radiusMm: number): Set<string> {
  const [nx, ny, nz] = geometry.dimensions;
  const [sx, sy, sz] = geometry.spacingMm;
  const out = new Set<string>();
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const dx = (i - c[0]) * sx;
        const dy = (j - c[1]) * sy;
        const dz = (k - c[2]) * sz;
        if (dx * dx + dy * dy + dz * dz <= radiusMm * radiusMm) out.add(`${i},${j},${k}`);
      }
  return out;
}

const ballMm3 = (r: number): number => (4 / 3) * Math.PI * r ** 3;

describe('brushRegion', () => {
  const cases: { spacing: [number, number, number]; radiusMm: number }[] = [
    { spacing: [0.78, 0.78, 1.25], radiusMm: 5 },
    { spacing: [0.78, 0.78, 1.25], radiusMm: 10 },
    { spacing: [0.5, 0.8, 3], radiusMm: 5 },
    { spacing: [0.5, 0.8, 3], radiusMm: 10 },
  ];

  for (const { spacing, radiusMm } of cases) {
    const label = `${spacing.join('×')} mm, r = ${radiusMm} mm`;

    it(`paints exactly the voxel centres within the radius (${label})`, () => {
      const geometry: LabelmapGeometry = { dimensions: [64, 64, 24], spacingMm: spacing };
      const random = createPrng(radiusMm * 1000 + spacing[2] * 10);
      for (let trial = 0; trial < 5; trial++) {
        const center: Ijk = [32 + random() - 0.5, 30 + random() - 0.5, 11 + random() - 0.5];
        const region = brushRegion({ center, radiusMm, shape: 'sphere', plane: 'k', geometry });
        const painted = regionVoxels(region);
        const truth = ballByBruteForce(geometry, center, radiusMm);
        expect(painted.size).toBe(truth.size);
        expect([...painted].every((key) => truth.has(key))).toBe(true);
      }
    });

    it(`holds the analytic ball volume within the partial-volume bound (${label})`, () => {
      // Every voxel cell whose centre is in the ball lies in the ball grown by h (half the voxel
      // diagonal), and the cells cover the ball shrunk by h: V(r − h) ≤ n·v ≤ V(r + h).
      // Averaged over random sub-voxel centres, the expected count is exactly V / v.
      const geometry: LabelmapGeometry = { dimensions: [64, 64, 24], spacingMm: spacing };
      const voxelMm3 = spacing[0] * spacing[1] * spacing[2];
      const h = 0.5 * Math.hypot(...spacing);
      const random = createPrng(7);
      let sum = 0;
      const trials = 200;
      for (let t = 0; t < trials; t++) {
        const center: Ijk = [32 + random(), 32 + random(), 12 + random()];
        const region = brushRegion({ center, radiusMm, shape: 'sphere', plane: 'k', geometry });
        const volume = regionVoxels(region).size * voxelMm3;
        expect(volume).toBeGreaterThanOrEqual(ballMm3(radiusMm - h));
        expect(volume).toBeLessThanOrEqual(ballMm3(radiusMm + h));
        sum += volume;
      }
      // Stated tolerance: 1.5 % for the mean of 200 random offsets.
      expect(Math.abs(sum / trials / ballMm3(radiusMm) - 1)).toBeLessThan(0.015);
    });
  }

  // Hand count for spacing 0.5 × 1 × 2 mm, r = 4 mm, integer centre: lattice points with
  // (s_u·a)² + (s_v·b)² ≤ 16 in the plane's two spacings.
  const circleCases: {
    plane: PlaneAxis;
    count: number;
    min: [number, number, number];
    max: [number, number, number];
  }[] = [
    // (0.5a)² + b² ≤ 16: b = 0 → 17, ±1 → 15, ±2 → 13, ±3 → 11, ±4 → 1: 17 + 2·40 = 97.
    { plane: 'k', count: 97, min: [12, 16, 10], max: [28, 24, 10] },
    // (0.5a)² + (2c)² ≤ 16: c = 0 → 17, ±1 → 13, ±2 → 1: 17 + 2·14 = 45.
    { plane: 'j', count: 45, min: [12, 20, 8], max: [28, 20, 12] },
    // b² + (2c)² ≤ 16: c = 0 → 9, ±1 → 7, ±2 → 1: 9 + 2·8 = 25.
    { plane: 'i', count: 25, min: [20, 16, 8], max: [20, 24, 12] },
  ];
  for (const { plane, count, min, max } of circleCases) {
    it(`paints a circle on plane ${plane} with that plane's in-plane spacings`, () => {
      const geometry: LabelmapGeometry = { dimensions: [40, 40, 20], spacingMm: [0.5, 1, 2] };
      const region = brushRegion({
        center: [20, 20, 10],
        radiusMm: 4,
        shape: 'circle',
        plane,
        geometry,
      });
      expect(region.box).toEqual({ min, max });
      expect(regionVoxels(region).size).toBe(count);
    });
  }

  it('paints a circle on the rounded slice, measuring distance in-plane only', () => {
    const geometry: LabelmapGeometry = { dimensions: [40, 40, 20], spacingMm: [0.5, 1, 2] };
    const region = brushRegion({
      center: [20, 20, 10.4],
      radiusMm: 4,
      shape: 'circle',
      plane: 'k',
      geometry,
    });
    expect(region.box.min[2]).toBe(10);
    expect(region.box.max[2]).toBe(10);
    expect(regionVoxels(region).size).toBe(97);
  });

  it('still paints the centre voxel when the radius is under half a voxel', () => {
    const geometry: LabelmapGeometry = { dimensions: [10, 10, 5], spacingMm: [1, 1, 3] };
    for (const shape of ['circle', 'sphere'] as const) {
      const region = brushRegion({
        center: [5.4, 5.6, 2.2],
        radiusMm: 0.1,
        shape,
        plane: 'k',
        geometry,
      });
      expect([...regionVoxels(region)]).toEqual(['5,6,2']);
    }
  });

  it('clips a sphere at the volume edge to the voxels inside', () => {
    const geometry: LabelmapGeometry = { dimensions: [20, 20, 10], spacingMm: [1, 1, 2] };
    const center: Ijk = [1.2, 18.7, 0.3];
    const region = brushRegion({ center, radiusMm: 4, shape: 'sphere', plane: 'k', geometry });
    expect(region.box.min).toEqual([0, 15, 0]);
    expect(region.box.max).toEqual([5, 19, 2]);
    expect(regionVoxels(region)).toEqual(ballByBruteForce(geometry, center, 4));
  });

  it('gives an empty one-voxel region when the brush misses the volume', () => {
    const geometry: LabelmapGeometry = { dimensions: [20, 20, 10], spacingMm: [1, 1, 1] };
    const region = brushRegion({
      center: [-30, 5, 5],
      radiusMm: 3,
      shape: 'sphere',
      plane: 'k',
      geometry,
    });
    expect(region.box).toEqual({ min: [0, 5, 5], max: [0, 5, 5] });
    expect(regionVoxels(region).size).toBe(0);
    const off = brushRegion({
      center: [5, 5, 12],
      radiusMm: 3,
      shape: 'circle',
      plane: 'k',
      geometry,
    });
    expect(regionVoxels(off).size).toBe(0);
  });

  it('rejects a negative radius with a typed error', () => {
    const geometry: LabelmapGeometry = { dimensions: [4, 4, 4], spacingMm: [1, 1, 1] };
    expect(() =>
      brushRegion({ center: [1, 1, 1], radiusMm: -1, shape: 'sphere', plane: 'k', geometry }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
