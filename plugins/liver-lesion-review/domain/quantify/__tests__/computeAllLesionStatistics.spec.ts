import { describe, expect, it } from 'vitest';
import { computeAllLesionStatistics } from '../computeAllLesionStatistics';
import { computeLesionStatistics } from '../computeLesionStatistics';
import { QuantifyError } from '../QuantifyError';
import type { Vec3, VolumeGrid } from '../types';

const AXIAL = [1, 0, 0, 0, 1, 0, 0, 0, 1];
// Rows along (cos 20°, sin 20°, 0), columns along (−sin 20°·cos 10°, cos 20°·cos 10°, sin 10°).
const c20 = Math.cos(Math.PI / 9);
const s20 = Math.sin(Math.PI / 9);
const c10 = Math.cos(Math.PI / 18);
const s10 = Math.sin(Math.PI / 18);
const OBLIQUE = [c20, s20, 0, -s20 * c10, c20 * c10, s10, s20 * s10, -c20 * s10, c10];

function grid(
  dimensions: Vec3,
  spacingMm: Vec3,
  direction = AXIAL,
  originMm: Vec3 = [0, 0, 0],
): VolumeGrid {
  return { dimensions, spacingMm, direction, originMm };
}

function voxels(g: VolumeGrid): number {
  return g.dimensions[0] * g.dimensions[1] * g.dimensions[2];
}

/** Deterministic PRNG (mulberry32). */
function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random boxes of six segments over each other, then single voxels of segments 1–6, 200, 255. */
function randomLabelmap(g: VolumeGrid, seed: number): { labels: Uint8Array; image: Float32Array } {
  const random = createPrng(seed);
  const [nx, ny, nz] = g.dimensions;
  const labels = new Uint8Array(voxels(g));
  const image = new Float32Array(voxels(g));
  for (let q = 0; q < image.length; q++) image[q] = -100 + 300 * random();
  for (let n = 0; n < 14; n++) {
    const segment = 1 + (n % 6);
    const lo = [nx, ny, nz].map((d) => Math.floor(random() * d));
    const hi = lo.map((v, a) => Math.min([nx, ny, nz][a]! - 1, v + Math.floor(random() * 9)));
    for (let k = lo[2]!; k <= hi[2]!; k++)
      for (let j = lo[1]!; j <= hi[1]!; j++)
        for (let i = lo[0]!; i <= hi[0]!; i++)
          if (random() < 0.8) labels[(k * ny + j) * nx + i] = segment;
  }
  const sprinkled = [1, 2, 3, 4, 5, 6, 200, 255];
  for (let n = 0; n < 120; n++)
    labels[Math.floor(random() * labels.length)] = sprinkled[n % sprinkled.length]!;
  // The last voxel too: the scan's tail after whole 32-voxel chunks.
  labels[labels.length - 1] = 7;
  return { labels, image };
}

/** Labels voxel centres (grid mm from voxel 0,0,0) inside each ellipsoid with its segment. */
function paintEllipsoids(
  g: VolumeGrid,
  ellipsoids: ReadonlyArray<{ segment: number; centre: Vec3; radii: Vec3 }>,
): Uint8Array {
  const [nx, ny, nz] = g.dimensions;
  const [sx, sy, sz] = g.spacingMm;
  const labels = new Uint8Array(voxels(g));
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        for (const { segment, centre, radii } of ellipsoids) {
          const u = (i * sx - centre[0]) / radii[0];
          const v = (j * sy - centre[1]) / radii[1];
          const w = (k * sz - centre[2]) / radii[2];
          if (u * u + v * v + w * w <= 1) labels[(k * ny + j) * nx + i] = segment;
        }
  return labels;
}

describe('computeAllLesionStatistics', () => {
  it('equals computeLesionStatistics for every segment of a random labelmap on an oblique grid', () => {
    const g = grid([37, 29, 13], [0.7, 0.9, 2.5], OBLIQUE, [-40, 12.5, 300]);
    for (const seed of [1, 2, 3]) {
      const { labels, image } = randomLabelmap(g, seed);
      const all = computeAllLesionStatistics({ labels, image, grid: g });
      const present = [...new Set(labels)].filter((v) => v !== 0).sort((a, b) => a - b);
      expect([...all.keys()]).toEqual(present);
      for (const segment of present)
        expect(all.get(segment)).toEqual(
          computeLesionStatistics({ labels, image, grid: g, segment }),
        );
    }
  });

  it('measures three ellipsoids on 0.6 × 0.75 × 1.5 mm voxels against their analytic size', () => {
    const g = grid([80, 70, 40], [0.6, 0.75, 1.5]);
    // Centres on voxel centres, so each labelled set is mirror-symmetric about its centre.
    const ellipsoids = [
      { segment: 1, centre: [12, 15, 15] as Vec3, radii: [6, 6, 6] as Vec3, hu: 40 },
      { segment: 2, centre: [33, 30, 30] as Vec3, radii: [12, 8, 9] as Vec3, hu: 75 },
      { segment: 3, centre: [36, 9, 45] as Vec3, radii: [4, 3, 7.5] as Vec3, hu: -20 },
    ];
    const labels = paintEllipsoids(g, ellipsoids);
    const image = new Int16Array(labels.length);
    labels.forEach((segment, q) => (image[q] = ellipsoids[segment - 1]?.hu ?? 999));
    const all = computeAllLesionStatistics({ labels, image, grid: g });
    const voxelMm3 = 0.6 * 0.75 * 1.5;
    for (const { segment, centre, radii, hu } of ellipsoids) {
      const stats = all.get(segment)!;
      expect(stats).toEqual(computeLesionStatistics({ labels, image, grid: g, segment }));
      const volumeMl = (4 / 3) * Math.PI * radii[0] * radii[1] * radii[2] * 1e-3;
      // Centre sampling: within 6 % for the smallest (4 × 3 × 7.5 mm, ≈ 300 voxels).
      expect(Math.abs(stats.volumeMl - volumeMl) / volumeMl).toBeLessThan(0.06);
      expect(stats.volumeMl).toBeCloseTo((stats.voxelCount * voxelMm3) / 1000, 12);
      expect([stats.mean, stats.sd, stats.min, stats.max]).toEqual([hu, 0, hu, hu]);
      stats.centroidMm!.forEach((v, axis) => expect(v).toBeCloseTo(centre[axis]!, 9));
      const inPlane = [2 * Math.max(radii[0], radii[1]), 2 * Math.min(radii[0], radii[1])];
      // Edge to edge from voxel centres: within one pixel diagonal of the true axes.
      const pixel = Math.hypot(0.6, 0.75);
      expect(Math.abs(stats.longestAxial!.lengthMm - inPlane[0]!)).toBeLessThanOrEqual(pixel);
      expect(Math.abs(stats.shortAxis!.lengthMm - inPlane[1]!)).toBeLessThanOrEqual(pixel);
      expect(Math.abs(stats.maximum3dDiameterMm! - 2 * Math.max(...radii))).toBeLessThanOrEqual(
        Math.hypot(0.6, 0.75, 1.5),
      );
    }
  });

  it('gives hand-computed mean and sample SD of each segment', () => {
    const g = grid([6, 1, 1], [1, 1, 1]);
    const labels = new Uint8Array([1, 1, 2, 2, 2, 0]);
    const image = new Float64Array([10, 20, 1, 2, 3, 100]);
    const all = computeAllLesionStatistics({ labels, image, grid: g });
    // Segment 1: mean 15, variance (25 + 25) / 1 → SD √50. Segment 2: mean 2, SD 1.
    expect(all.get(1)).toMatchObject({ voxelCount: 2, mean: 15, min: 10, max: 20 });
    expect(all.get(1)!.sd).toBeCloseTo(Math.sqrt(50), 12);
    expect(all.get(2)).toMatchObject({ voxelCount: 3, mean: 2, sd: 1, min: 1, max: 3 });
    expect(all.get(2)!.centroidMm).toEqual([3, 0, 0]);
  });

  it('decodes the position of a voxel anywhere, across row, slice and 32-voxel chunk ends', () => {
    const g = grid([7, 5, 3], [1, 1, 1]);
    const image = new Int16Array(voxels(g));
    for (let q = 0; q < voxels(g); q++) {
      const labels = new Uint8Array(voxels(g));
      labels[q] = 9;
      const stats = computeAllLesionStatistics({ labels, image, grid: g }).get(9)!;
      expect(stats.voxelCount).toBe(1);
      expect(stats.centroidMm).toEqual([q % 7, Math.floor(q / 7) % 5, Math.floor(q / 35)]);
    }
  });

  it('counts exactly when the labelmap does not start on a 4-byte boundary', () => {
    const g = grid([33, 3, 2], [1, 1, 1]);
    const buffer = new Uint8Array(voxels(g) + 1);
    const labels = buffer.subarray(1);
    labels.fill(4, 0, 50);
    labels.fill(5, 150);
    const all = computeAllLesionStatistics({ labels, image: new Int16Array(voxels(g)), grid: g });
    expect([all.get(4)?.voxelCount, all.get(5)?.voxelCount]).toEqual([50, 48]);
  });

  it('reports the segments asked for, with empty statistics for an absent one', () => {
    const g = grid([4, 4, 2], [1, 1, 1]);
    const labels = new Uint8Array(32);
    labels[5] = 1;
    labels[6] = 3;
    const all = computeAllLesionStatistics({
      labels,
      image: new Int16Array(32),
      grid: g,
      segments: [3, 2],
    });
    expect([...all.keys()]).toEqual([2, 3]);
    expect(all.get(2)).toMatchObject({ voxelCount: 0, mean: null, longestAxial: null });
    expect(all.get(3)?.voxelCount).toBe(1);
  });

  it('returns no segment for an empty labelmap', () => {
    const g = grid([8, 8, 8], [1, 1, 1]);
    const all = computeAllLesionStatistics({
      labels: new Uint8Array(512),
      image: new Int16Array(512),
      grid: g,
    });
    expect(all.size).toBe(0);
  });

  it('rejects arrays that do not cover the grid and segments outside 1..255', () => {
    const g = grid([4, 4, 2], [1, 1, 1]);
    const call = (labels: number, image: number, segments?: number[]) => () =>
      computeAllLesionStatistics({
        labels: new Uint8Array(labels),
        image: new Int16Array(image),
        grid: g,
        segments,
      });
    expect(call(31, 32)).toThrow(QuantifyError);
    expect(call(32, 31)).toThrow(expect.objectContaining({ code: 'SIZE_MISMATCH' }));
    expect(call(32, 32, [0])).toThrow(expect.objectContaining({ code: 'INVALID_SEGMENT' }));
    expect(call(32, 32, [256])).toThrow(expect.objectContaining({ code: 'INVALID_SEGMENT' }));
  });
});
