import { describe, expect, it } from 'vitest';
import { computeLesionStatistics } from '../computeLesionStatistics';
import type { Vec3, VolumeGrid } from '../types';

const AXIAL = [1, 0, 0, 0, 1, 0, 0, 0, 1];

function grid(
  dimensions: Vec3,
  spacingMm: Vec3,
  direction = AXIAL,
  originMm: Vec3 = [0, 0, 0],
): VolumeGrid {
  return { dimensions, spacingMm, direction, originMm };
}

/** Labels every voxel whose centre (in mm from the grid origin, index space) satisfies `inside`. */
function paint(g: VolumeGrid, inside: (x: number, y: number, z: number) => boolean): Uint8Array {
  const [nx, ny, nz] = g.dimensions;
  const labels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        if (inside(i * g.spacingMm[0], j * g.spacingMm[1], k * g.spacingMm[2]))
          labels[(k * ny + j) * nx + i] = 1;
  return labels;
}

describe('computeLesionStatistics', () => {
  it('returns nulls for an empty segment', () => {
    const g = grid([4, 4, 2], [1, 1, 1]);
    const stats = computeLesionStatistics({
      labels: new Uint8Array(32),
      image: new Int16Array(32),
      grid: g,
      segment: 1,
    });
    expect(stats).toMatchObject({
      voxelCount: 0,
      volumeMl: 0,
      mean: null,
      longestAxial: null,
      maximum3dDiameterMm: null,
    });
  });

  it('measures one voxel of 0.5 × 0.8 × 3 mm', () => {
    const g = grid([3, 3, 3], [0.5, 0.8, 3]);
    const labels = new Uint8Array(27);
    labels[13] = 1;
    const image = new Int16Array(27).fill(-5);
    image[13] = 42;
    const stats = computeLesionStatistics({ labels, image, grid: g, segment: 1 });
    expect(stats.voxelCount).toBe(1);
    expect(stats.volumeMl).toBeCloseTo((0.5 * 0.8 * 3) / 1000, 12);
    expect([stats.mean, stats.sd, stats.min, stats.max]).toEqual([42, 0, 42, 42]);
    expect(stats.centroidMm).toEqual([0.5, 0.8, 3]);
    expect(stats.longestAxial?.lengthMm).toBe(0.8);
  });

  it('gives mean and sample SD of the segment voxels only', () => {
    const g = grid([4, 1, 1], [1, 1, 1]);
    const labels = new Uint8Array([1, 1, 1, 0]);
    const image = new Float32Array([40, 60, 50, 1000]);
    const stats = computeLesionStatistics({ labels, image, grid: g, segment: 1 });
    // mean 50; sample variance ((−10)² + 10² + 0²) / 2 = 100 → SD 10.
    expect(stats.mean).toBe(50);
    expect(stats.sd).toBeCloseTo(10, 12);
    expect([stats.min, stats.max]).toEqual([40, 60]);
  });

  it('measures an ellipse 24 × 14 mm edge to edge within one pixel, rotated or not', () => {
    for (const angle of [0, Math.PI / 6]) {
      const g = grid([80, 80, 1], [0.5, 0.5, 5]);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const labels = paint(g, (x, y) => {
        const dx = x - 20;
        const dy = y - 20;
        const u = dx * c + dy * s;
        const v = -dx * s + dy * c;
        return (u / 12) ** 2 + (v / 7) ** 2 <= 1;
      });
      const stats = computeLesionStatistics({
        labels,
        image: new Int16Array(labels.length),
        grid: g,
        segment: 1,
      });
      expect(Math.abs((stats.longestAxial?.lengthMm ?? 0) - 24)).toBeLessThanOrEqual(0.5);
      expect(Math.abs((stats.shortAxis?.lengthMm ?? 0) - 14)).toBeLessThanOrEqual(0.5);
      // The long axis lies along the ellipse's major axis.
      const a = stats.longestAxial!;
      const along =
        Math.abs((a.toMm[0] - a.fromMm[0]) * c + (a.toMm[1] - a.fromMm[1]) * s) /
        Math.hypot(a.toMm[0] - a.fromMm[0], a.toMm[1] - a.fromMm[1]);
      expect(along).toBeGreaterThan(0.99);
    }
  });

  it('measures a 10 mm-radius sphere on 0.78 × 0.78 × 1.25 mm voxels', () => {
    const g = grid([40, 40, 24], [0.78, 0.78, 1.25]);
    const centre: Vec3 = [15.6, 15.6, 15];
    const labels = paint(
      g,
      (x, y, z) => (x - centre[0]) ** 2 + (y - centre[1]) ** 2 + (z - centre[2]) ** 2 <= 100,
    );
    const stats = computeLesionStatistics({
      labels,
      image: new Int16Array(labels.length),
      grid: g,
      segment: 1,
    });
    // 4/3·π·10³ = 4188.8 mm³; centre-sampling on this grid stays within 3 % (partial volume).
    expect(Math.abs(stats.volumeMl - 4.1888) / 4.1888).toBeLessThan(0.03);
    expect(Math.abs((stats.longestAxial?.lengthMm ?? 0) - 20)).toBeLessThanOrEqual(0.78);
    expect(Math.abs((stats.shortAxis?.lengthMm ?? 0) - 20)).toBeLessThanOrEqual(0.78);
    // The 3D diameter may lean through slices: within one voxel diagonal of 20 mm.
    expect(Math.abs((stats.maximum3dDiameterMm ?? 0) - 20)).toBeLessThanOrEqual(
      Math.hypot(0.78, 0.78, 1.25),
    );
    stats.centroidMm?.forEach((v, axis) => expect(v).toBeCloseTo(centre[axis]!, 6));
  });

  it('places the centroid in patient coordinates for an oblique, reversed-normal grid', () => {
    // Rows along +y, columns along −x, normal = row × column = +z... here flipped to test
    // direction handling: row (0,1,0), column (−1,0,0), normal (0,0,1).
    const g = grid([5, 5, 3], [2, 3, 4], [0, 1, 0, -1, 0, 0, 0, 0, 1], [100, -50, 10]);
    const labels = new Uint8Array(75);
    labels[(1 * 5 + 2) * 5 + 3] = 1; // i = 3, j = 2, k = 1
    const stats = computeLesionStatistics({
      labels,
      image: new Int16Array(75),
      grid: g,
      segment: 1,
    });
    // origin + 3·2·row + 2·3·column + 1·4·normal = (100 − 6, −50 + 6, 10 + 4).
    expect(stats.centroidMm).toEqual([94, -44, 14]);
  });

  it('scans only the given box and finds the same answer', () => {
    const g = grid([30, 30, 5], [1, 1, 2]);
    const labels = paint(
      g,
      (x, y, z) => Math.abs(x - 10) <= 3 && Math.abs(y - 12) <= 2 && z >= 2 && z <= 6,
    );
    const full = computeLesionStatistics({
      labels,
      image: new Int16Array(labels.length),
      grid: g,
      segment: 1,
    });
    const boxed = computeLesionStatistics({
      labels,
      image: new Int16Array(labels.length),
      grid: g,
      segment: 1,
      box: { min: [5, 8, 0], max: [15, 16, 4] },
    });
    expect(boxed).toEqual(full);
    // 7 × 5 voxels on slices k = 1, 2, 3 (z = 2, 4, 6): 105 voxels of 2 mm³.
    expect(full.voxelCount).toBe(105);
    expect(full.volumeMl).toBeCloseTo(0.21, 12);
    // Edge to edge the block is 7 × 5 mm: its diagonal is √74 mm; measurement within one pixel.
    expect(Math.abs((full.longestAxial?.lengthMm ?? 0) - Math.sqrt(74))).toBeLessThanOrEqual(1);
  });
});
