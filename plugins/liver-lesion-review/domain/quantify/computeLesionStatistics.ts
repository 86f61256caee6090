import { convexHull2d, type Point2 } from './convexHull2d';
import type { Diameter, IndexBox, LesionStatistics, Vec3, VolumeGrid } from './types';

export interface LesionStatisticsInput {
  /** Labelmap over the grid, one byte per voxel (x fastest). */
  readonly labels: Uint8Array;
  /** Image values over the same grid, in modality units (HU on CT). */
  readonly image: ArrayLike<number>;
  readonly grid: VolumeGrid;
  readonly segment: number;
  /** Limits the scan to a box known to contain the segment (e.g. from the editor). */
  readonly box?: IndexBox;
}

/** Patient coordinates (mm) of a continuous voxel index. */
export function indexToPatient(grid: VolumeGrid, i: number, j: number, k: number): Vec3 {
  const [sx, sy, sz] = grid.spacingMm;
  const d = grid.direction;
  const o = grid.originMm;
  const a = i * sx;
  const b = j * sy;
  const c = k * sz;
  return [
    o[0] + a * (d[0] ?? 0) + b * (d[3] ?? 0) + c * (d[6] ?? 0),
    o[1] + a * (d[1] ?? 0) + b * (d[4] ?? 0) + c * (d[7] ?? 0),
    o[2] + a * (d[2] ?? 0) + b * (d[5] ?? 0) + c * (d[8] ?? 0),
  ];
}

/**
 * Diameters are measured between the outermost voxel centres plus half a voxel's extent
 * along the measured direction. A voxel is labelled when its centre lies inside the lesion,
 * so the true edge lies between the last labelled centre and the next one: half a voxel
 * centres the error (within ±½ voxel), where centre-to-centre alone is biased short and a
 * whole voxel biased long (the maximum over directions picks the most favourable phase).
 */
function voxelExtentAlong(ux: number, uy: number, uz: number, spacing: Vec3): number {
  return 0.5 * (Math.abs(ux) * spacing[0] + Math.abs(uy) * spacing[1] + Math.abs(uz) * spacing[2]);
}

interface SliceHull {
  readonly k: number;
  /** Hull of the voxel centres, in-plane mm (i·sx, j·sy). */
  readonly hull: Point2[];
}

function longestOnHull(
  hull: readonly Point2[],
  spacing: Vec3,
): { length: number; a: Point2; b: Point2 } | null {
  let best: { length: number; a: Point2; b: Point2 } | null = null;
  for (let p = 0; p < hull.length; p++) {
    for (let q = p; q < hull.length; q++) {
      const a = hull[p]!;
      const b = hull[q]!;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const centre = Math.hypot(dx, dy);
      const length =
        centre === 0
          ? Math.max(spacing[0], spacing[1])
          : centre + voxelExtentAlong(dx / centre, dy / centre, 0, spacing);
      if (!best || length > best.length) best = { length, a, b };
    }
  }
  return best;
}

/**
 * Volume, intensity statistics, centroid, RECIST-style longest in-plane diameter with its
 * perpendicular short axis, and maximum 3D diameter of one segment (RECIST 1.1 §3.1,
 * "longest diameter in the plane of measurement"; here the acquisition plane). Correct for
 * anisotropic and non-square voxels and any orientation: distances use the voxel spacing,
 * positions the direction cosines.
 */
export function computeLesionStatistics(input: LesionStatisticsInput): LesionStatistics {
  const { labels, image, grid, segment } = input;
  const [nx, ny, nz] = grid.dimensions;
  const spacing = grid.spacingMm;
  const [sx, sy, sz] = spacing;
  const box = input.box ?? { min: [0, 0, 0], max: [nx - 1, ny - 1, nz - 1] };
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  let si = 0;
  let sj = 0;
  let sk = 0;
  const hulls: SliceHull[] = [];
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    const points: Point2[] = [];
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      const row = (k * ny + j) * nx;
      for (let i = box.min[0]; i <= box.max[0]; i++) {
        if (labels[row + i] !== segment) continue;
        const v = Number(image[row + i] ?? 0);
        count++;
        sum += v;
        sumSq += v * v;
        if (v < min) min = v;
        if (v > max) max = v;
        si += i;
        sj += j;
        sk += k;
        // Only in-plane boundary voxels can be hull vertices.
        const inside = (ii: number, jj: number): boolean =>
          ii >= 0 && jj >= 0 && ii < nx && jj < ny && labels[(k * ny + jj) * nx + ii] === segment;
        if (!inside(i - 1, j) || !inside(i + 1, j) || !inside(i, j - 1) || !inside(i, j + 1)) {
          points.push([i * sx, j * sy]);
        }
      }
    }
    if (points.length > 0) hulls.push({ k, hull: convexHull2d(points) });
  }
  if (count === 0) {
    return {
      voxelCount: 0,
      volumeMl: 0,
      mean: null,
      sd: null,
      min: null,
      max: null,
      centroidMm: null,
      longestAxial: null,
      shortAxis: null,
      maximum3dDiameterMm: null,
    };
  }
  const mean = sum / count;
  // Sample standard deviation (n − 1), as Slicer's Segment Statistics reports.
  const sd = count > 1 ? Math.sqrt(Math.max(0, (sumSq - count * mean * mean) / (count - 1))) : 0;

  let longest: { length: number; a: Point2; b: Point2; k: number } | null = null;
  for (const { k, hull } of hulls) {
    const candidate = longestOnHull(hull, spacing);
    if (candidate && (!longest || candidate.length > longest.length)) longest = { ...candidate, k };
  }
  const toPatient = (p: Point2, k: number): Vec3 => indexToPatient(grid, p[0] / sx, p[1] / sy, k);
  const longestAxial: Diameter | null = longest
    ? {
        lengthMm: longest.length,
        fromMm: toPatient(longest.a, longest.k),
        toMm: toPatient(longest.b, longest.k),
        slice: longest.k,
      }
    : null;
  const shortAxis = longest ? measureShortAxis(input, longest) : null;

  return {
    voxelCount: count,
    volumeMl: (count * sx * sy * sz) / 1000,
    mean,
    sd,
    min,
    max,
    centroidMm: indexToPatient(grid, si / count, sj / count, sk / count),
    longestAxial,
    shortAxis,
    maximum3dDiameterMm: maximum3dDiameter(hulls, spacing),
  };
}

/**
 * The longest diameter perpendicular to the long axis on its slice (RECIST 1.1 short axis):
 * voxels are binned by their position along the long axis, and in each bin the extent across
 * it is measured; the largest wins. Exact for convex cross-sections.
 */
function measureShortAxis(
  input: LesionStatisticsInput,
  longest: { a: Point2; b: Point2; k: number },
): Diameter | null {
  const { labels, grid, segment } = input;
  const [nx, ny] = grid.dimensions;
  const [sx, sy] = grid.spacingMm;
  const dx = longest.b[0] - longest.a[0];
  const dy = longest.b[1] - longest.a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return null;
  const u: Point2 = [dx / length, dy / length];
  const v: Point2 = [-u[1], u[0]];
  const binWidth = Math.min(sx, sy);
  const bins = new Map<number, { lo: number; hi: number; t: number }>();
  const k = longest.k;
  for (let j = 0; j < ny; j++) {
    const row = (k * ny + j) * nx;
    for (let i = 0; i < nx; i++) {
      if (labels[row + i] !== segment) continue;
      const x = i * sx;
      const y = j * sy;
      const t = (x - longest.a[0]) * u[0] + (y - longest.a[1]) * u[1];
      const s = (x - longest.a[0]) * v[0] + (y - longest.a[1]) * v[1];
      const bin = Math.round(t / binWidth);
      const entry = bins.get(bin);
      if (!entry) bins.set(bin, { lo: s, hi: s, t: bin * binWidth });
      else {
        if (s < entry.lo) entry.lo = s;
        if (s > entry.hi) entry.hi = s;
      }
    }
  }
  let best: { lo: number; hi: number; t: number } | null = null;
  for (const entry of bins.values())
    if (!best || entry.hi - entry.lo > best.hi - best.lo) best = entry;
  if (!best) return null;
  const extent = voxelExtentAlong(v[0], v[1], 0, grid.spacingMm);
  const at = (s: number): Vec3 =>
    indexToPatient(
      grid,
      (longest.a[0] + u[0] * best!.t + v[0] * s) / sx,
      (longest.a[1] + u[1] * best!.t + v[1] * s) / sy,
      k,
    );
  return { lengthMm: best.hi - best.lo + extent, fromMm: at(best.lo), toMm: at(best.hi), slice: k };
}

/** Largest distance between hull points of all slices, edge to edge, in mm. */
function maximum3dDiameter(hulls: readonly SliceHull[], spacing: Vec3): number {
  const points: Array<readonly [number, number, number]> = [];
  for (const { k, hull } of hulls) for (const p of hull) points.push([p[0], p[1], k * spacing[2]]);
  if (points.length === 1) return Math.max(spacing[0], spacing[1], spacing[2]);
  let best = 0;
  let direction: Vec3 = [1, 0, 0];
  for (let p = 0; p < points.length; p++) {
    const a = points[p]!;
    for (let q = p + 1; q < points.length; q++) {
      const b = points[q]!;
      const d = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
      if (d > best) {
        best = d;
        direction = [(b[0] - a[0]) / d, (b[1] - a[1]) / d, (b[2] - a[2]) / d];
      }
    }
  }
  return best + voxelExtentAlong(direction[0], direction[1], direction[2], spacing);
}
