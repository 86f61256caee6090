import { buildSliceHull, type SliceHull } from './buildSliceHull';
import { indexToPatient } from './indexToPatient';
import { maximum3dDiameter } from './maximum3dDiameter';
import type { Diameter, IndexBox, Vec3, VolumeGrid } from './types';

/** The diameters of one segment (see LesionStatistics). */
export interface LesionShape {
  readonly longestAxial: Diameter | null;
  readonly shortAxis: Diameter | null;
  readonly maximum3dDiameterMm: number | null;
}

/** The longest in-plane diameter on one slice: its length and end voxels (index space). */
export interface SliceLongest {
  readonly lengthMm: number;
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
}

/**
 * Per slice k of a segment: its hull and longest in-plane diameter, or null where the slice
 * holds none of it. Indexed by k over the whole grid, so a tracker can replace single slices.
 */
export interface SliceShapes {
  readonly hulls: Array<SliceHull | null>;
  readonly longest: Array<SliceLongest | null>;
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

/** Longest edge-to-edge distance between two hull vertices (a single voxel: its larger side). */
export function longestOnSliceHull(hull: SliceHull, spacing: Vec3): SliceLongest | null {
  const [sx, sy] = spacing;
  const n = hull.length >> 1;
  if (n === 0) return null;
  let best = Math.max(sx, sy);
  let from = 0;
  let to = 0;
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      const dx = (hull[2 * q]! - hull[2 * p]!) * sx;
      const dy = (hull[2 * q + 1]! - hull[2 * p + 1]!) * sy;
      const centre = Math.sqrt(dx * dx + dy * dy);
      const length = centre + voxelExtentAlong(dx / centre, dy / centre, 0, spacing);
      if (length > best) {
        best = length;
        from = p;
        to = q;
      }
    }
  }
  return {
    lengthMm: best,
    from: [hull[2 * from]!, hull[2 * from + 1]!],
    to: [hull[2 * to]!, hull[2 * to + 1]!],
  };
}

/** Fills `shapes` for slices `kFrom..kTo` (clipped to the grid) from the labels inside `box`. */
export function updateSliceShapes(
  shapes: SliceShapes,
  labels: Uint8Array,
  grid: VolumeGrid,
  segment: number,
  box: IndexBox,
  kFrom: number,
  kTo: number,
): void {
  const last = grid.dimensions[2] - 1;
  for (let k = Math.max(0, kFrom); k <= Math.min(last, kTo); k++) {
    const hull =
      k >= box.min[2] && k <= box.max[2]
        ? buildSliceHull(labels, grid.dimensions, segment, k, box)
        : null;
    shapes.hulls[k] = hull;
    shapes.longest[k] = hull ? longestOnSliceHull(hull, grid.spacingMm) : null;
  }
}

export function createSliceShapes(slices: number): SliceShapes {
  return {
    hulls: new Array<SliceHull | null>(slices).fill(null),
    longest: new Array<SliceLongest | null>(slices).fill(null),
  };
}

/**
 * RECIST-style longest in-plane diameter over the lesion's slices (RECIST 1.1 §3.1, "longest
 * diameter in the plane of measurement"; here the acquisition plane), its perpendicular short
 * axis, and the maximum 3D diameter, from per-slice hulls that are up to date inside `box`
 * (which holds every voxel of the segment). Correct for anisotropic and non-square voxels and
 * any orientation: distances use the voxel spacing, positions the direction cosines.
 */
export function measureLesionShape(
  labels: Uint8Array,
  grid: VolumeGrid,
  segment: number,
  box: IndexBox,
  shapes: SliceShapes,
): LesionShape {
  let longest: (SliceLongest & { k: number }) | null = null;
  const hulls: Array<{ k: number; hull: SliceHull }> = [];
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    const hull = shapes.hulls[k];
    if (hull) hulls.push({ k, hull });
    const candidate = shapes.longest[k];
    if (candidate && (!longest || candidate.lengthMm > longest.lengthMm))
      longest = { ...candidate, k };
  }
  if (!longest) return { longestAxial: null, shortAxis: null, maximum3dDiameterMm: null };
  const k = longest.k;
  return {
    longestAxial: {
      lengthMm: longest.lengthMm,
      fromMm: indexToPatient(grid, longest.from[0], longest.from[1], k),
      toMm: indexToPatient(grid, longest.to[0], longest.to[1], k),
      slice: k,
    },
    shortAxis: measureShortAxis(labels, grid, segment, box, longest),
    maximum3dDiameterMm: maximum3dDiameter(hulls, grid.spacingMm),
  };
}

/** Builds every slice's hull inside `box` and measures the diameters: the one-shot path. */
export function measureLesionShapeInBox(
  labels: Uint8Array,
  grid: VolumeGrid,
  segment: number,
  box: IndexBox,
): LesionShape {
  const shapes = createSliceShapes(grid.dimensions[2]);
  updateSliceShapes(shapes, labels, grid, segment, box, box.min[2], box.max[2]);
  return measureLesionShape(labels, grid, segment, box, shapes);
}

/**
 * The longest diameter perpendicular to the long axis on its slice (RECIST 1.1 short axis):
 * voxels are binned by their position along the long axis, and in each bin the extent across
 * it is measured; the largest wins. Exact for convex cross-sections.
 */
function measureShortAxis(
  labels: Uint8Array,
  grid: VolumeGrid,
  segment: number,
  box: IndexBox,
  longest: SliceLongest & { k: number },
): Diameter | null {
  const [nx, ny] = grid.dimensions;
  const [sx, sy] = grid.spacingMm;
  const ax = longest.from[0] * sx;
  const ay = longest.from[1] * sy;
  const dx = longest.to[0] * sx - ax;
  const dy = longest.to[1] * sy - ay;
  const length = Math.hypot(dx, dy);
  if (length === 0) return null;
  const u = [dx / length, dy / length] as const;
  const v = [-u[1], u[0]] as const;
  const binWidth = Math.min(sx, sy);
  const bins = new Map<number, { lo: number; hi: number; t: number }>();
  const k = longest.k;
  for (let j = box.min[1]; j <= box.max[1]; j++) {
    const row = (k * ny + j) * nx;
    for (let i = box.min[0]; i <= box.max[0]; i++) {
      if (labels[row + i] !== segment) continue;
      const x = i * sx - ax;
      const y = j * sy - ay;
      const t = x * u[0] + y * u[1];
      const s = x * v[0] + y * v[1];
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
  const { t } = best;
  const at = (s: number): Vec3 =>
    indexToPatient(grid, (ax + u[0] * t + v[0] * s) / sx, (ay + u[1] * t + v[1] * s) / sy, k);
  return { lengthMm: best.hi - best.lo + extent, fromMm: at(best.lo), toMm: at(best.hi), slice: k };
}
