import { SegmentationError } from './SegmentationError.ts';
import { planeAxes } from './planeAxes.ts';
import type { BrushShape, Ijk, LabelmapGeometry, PlaneAxis, Region } from './types.ts';

export interface BrushRegionInput {
  /** Continuous index coordinates of the brush centre (voxel centres at integers). */
  readonly center: Ijk;
  readonly radiusMm: number;
  /** 'circle' = a disc on the slice `round(center[plane])`; 'sphere' = a ball. */
  readonly shape: BrushShape;
  readonly plane: PlaneAxis;
  readonly geometry: LabelmapGeometry;
}

/** Per-axis mm weights and index ranges shared by the brush and stroke shapes. */
export interface BrushFrame {
  /** True when the shape misses the volume: lo = hi = the voxel nearest to it, nothing inside. */
  readonly empty: boolean;
  /** mm per index step; 0 along the normal of a circle (its distance is measured in-plane). */
  readonly weightMm: [number, number, number];
  /** Inclusive index range per axis, clipped to the volume. */
  readonly lo: [number, number, number];
  readonly hi: [number, number, number];
}

export function validateBrushInput(points: readonly Ijk[], radiusMm: number): void {
  if (!Number.isFinite(radiusMm) || radiusMm < 0)
    throw new SegmentationError('INVALID_ARGUMENT', `radius ${radiusMm} mm is not ≥ 0`);
  for (const p of points) {
    if (!p.every(Number.isFinite))
      throw new SegmentationError('INVALID_ARGUMENT', `point [${p.join(', ')}] is not finite`);
  }
}

/**
 * Index ranges of the voxels within `radiusMm` of any of `points` along each axis (a superset of
 * the shape), plus each point's nearest voxel, clipped to the volume. For a circle the normal
 * axis is the single slice `round(sliceOf[normal])`.
 */
export function brushFrame(
  points: readonly Ijk[],
  radiusMm: number,
  shape: BrushShape,
  plane: PlaneAxis,
  geometry: LabelmapGeometry,
  sliceOf: Ijk,
): BrushFrame {
  const { normal } = planeAxes(plane);
  const weightMm: [number, number, number] = [...geometry.spacingMm];
  const lo: [number, number, number] = [0, 0, 0];
  const hi: [number, number, number] = [0, 0, 0];
  const r2 = radiusMm * radiusMm;
  for (let a = 0; a < 3; a++) {
    if (shape === 'circle' && a === normal) {
      weightMm[a] = 0;
      lo[a] = hi[a] = Math.round(sliceOf[a] ?? 0);
    } else {
      const s = weightMm[a] ?? 1;
      let first = Infinity;
      let last = -Infinity;
      for (const p of points) {
        const c = p[a] ?? 0;
        // The float test below is the definition; the division only gives a start point.
        let i0 = Math.ceil(c - radiusMm / s);
        let i1 = Math.floor(c + radiusMm / s);
        while (((i0 - 1 - c) * s) ** 2 <= r2) i0--;
        while (i0 <= i1 && ((i0 - c) * s) ** 2 > r2) i0++;
        while (((i1 + 1 - c) * s) ** 2 <= r2) i1++;
        while (i1 >= i0 && ((i1 - c) * s) ** 2 > r2) i1--;
        const nearest = Math.round(c);
        first = Math.min(first, i0, nearest);
        last = Math.max(last, i1, nearest);
      }
      lo[a] = first;
      hi[a] = last;
    }
  }
  let empty = false;
  for (let a = 0; a < 3; a++) {
    const n = geometry.dimensions[a] ?? 1;
    const first = Math.max(lo[a] ?? 0, 0);
    const last = Math.min(hi[a] ?? 0, n - 1);
    if (first > last) empty = true;
    lo[a] = first;
    hi[a] = last;
  }
  if (empty) {
    for (let a = 0; a < 3; a++) {
      const n = geometry.dimensions[a] ?? 1;
      lo[a] = hi[a] = Math.min(n - 1, Math.max(0, Math.round(sliceOf[a] ?? 0)));
    }
  }
  return { empty, weightMm, lo, hi };
}

/** Sets the voxel nearest to `p` (on the frame's slice for a circle), if inside the frame. */
export function markNearestVoxel(mask: Uint8Array, frame: BrushFrame, p: Ijk): void {
  if (frame.empty) return;
  const index: number[] = [];
  for (let a = 0; a < 3; a++) {
    const lo = frame.lo[a] ?? 0;
    const hi = frame.hi[a] ?? 0;
    const at = frame.weightMm[a] === 0 && lo === hi ? lo : Math.round(p[a] ?? 0);
    if (at < lo || at > hi) return;
    index.push(at - lo);
  }
  const bx = frame.hi[0] - frame.lo[0] + 1;
  const by = frame.hi[1] - frame.lo[1] + 1;
  mask[(index[0] ?? 0) + bx * ((index[1] ?? 0) + by * (index[2] ?? 0))] = 1;
}

/**
 * Voxels whose centre lies within `radiusMm` of the centre, distance in mm with the volume's
 * (anisotropic) spacing; the voxel nearest the centre is always painted so a tiny brush still
 * paints. Cost is proportional to the brush box, never the volume. A brush that misses the
 * volume gives a one-voxel region with an all-zero mask.
 */
export function brushRegion(input: BrushRegionInput): Region {
  const { center, radiusMm, shape, plane, geometry } = input;
  validateBrushInput([center], radiusMm);
  const frame = brushFrame([center], radiusMm, shape, plane, geometry, center);
  const { weightMm, lo, hi } = frame;
  if (frame.empty) return { box: { min: [...lo], max: [...hi] }, mask: new Uint8Array(1) };
  const [sx, sy, sz] = weightMm;
  const [cx, cy, cz] = center;
  const bx = hi[0] - lo[0] + 1;
  const by = hi[1] - lo[1] + 1;
  const bz = hi[2] - lo[2] + 1;
  const mask = new Uint8Array(bx * by * bz);
  const r2 = radiusMm * radiusMm;
  // The definition, evaluated in this order everywhere: (dx² + dy²) + dz² ≤ r².
  const inside = (i: number, dy2: number, dz2: number): boolean =>
    ((i - cx) * sx) ** 2 + dy2 + dz2 <= r2;
  for (let k = lo[2]; k <= hi[2]; k++) {
    const dz2 = ((k - cz) * sz) ** 2;
    for (let j = lo[1]; j <= hi[1]; j++) {
      const dy2 = ((j - cy) * sy) ** 2;
      const rest = r2 - dy2 - dz2;
      let i0: number;
      let i1: number;
      if (sx === 0) {
        if (!inside(0, dy2, dz2)) continue;
        i0 = lo[0];
        i1 = hi[0];
      } else {
        // Solve the row's interval analytically, then settle its ends with the definition.
        const half = rest > 0 ? Math.sqrt(rest) / sx : 0;
        i0 = Math.ceil(cx - half);
        i1 = Math.floor(cx + half);
        if (i0 > i1) i0 = i1 = Math.round(cx);
        while (i0 <= i1 && !inside(i0, dy2, dz2)) i0++;
        while (i1 >= i0 && !inside(i1, dy2, dz2)) i1--;
        if (i0 > i1) continue;
        while (inside(i0 - 1, dy2, dz2)) i0--;
        while (inside(i1 + 1, dy2, dz2)) i1++;
        i0 = Math.max(i0, lo[0]);
        i1 = Math.min(i1, hi[0]);
        if (i0 > i1) continue;
      }
      const row = bx * (j - lo[1] + by * (k - lo[2])) - lo[0];
      mask.fill(1, row + i0, row + i1 + 1);
    }
  }
  markNearestVoxel(mask, frame, center);
  return { box: { min: [...lo], max: [...hi] }, mask };
}
