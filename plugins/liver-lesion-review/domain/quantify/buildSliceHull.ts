import type { IndexBox, Vec3 } from './types';

/**
 * Convex hull of one segment's voxel centres on one slice, in index space: flat
 * `[i0, j0, i1, j1, …]`, counter-clockwise (i right, j up), without collinear vertices.
 */
export type SliceHull = Int32Array;

/**
 * The hull of `segment` on slice `k` within `box` (which must hold every voxel of the segment
 * on that slice), or null when the slice has none. Only a row's first and last voxel can be a
 * hull vertex, so each row is read from both ends inward (O(box area), not O(voxels)), and the
 * candidates come out sorted by (j, i), ready for Andrew's monotone chain without a sort. The
 * hull is built on integer indices, where the orientation tests are exact; scaling by the
 * voxel spacing maps it vertex for vertex onto the hull in millimetres.
 */
export function buildSliceHull(
  labels: Uint8Array,
  dimensions: Vec3,
  segment: number,
  k: number,
  box: IndexBox,
): SliceHull | null {
  const [nx, ny] = dimensions;
  const [i0, j0] = box.min;
  const [i1, j1] = box.max;
  const xs = new Int32Array(2 * (j1 - j0 + 1));
  const ys = new Int32Array(xs.length);
  let n = 0;
  for (let j = j0; j <= j1; j++) {
    const row = (k * ny + j) * nx;
    let lo = i0;
    while (lo <= i1 && labels[row + lo] !== segment) lo++;
    if (lo > i1) continue;
    let hi = i1;
    while (labels[row + hi] !== segment) hi--;
    xs[n] = lo;
    ys[n++] = j;
    if (hi !== lo) {
      xs[n] = hi;
      ys[n++] = j;
    }
  }
  if (n === 0) return null;
  if (n <= 2) {
    const out = new Int32Array(2 * n);
    for (let p = 0; p < n; p++) {
      out[2 * p] = xs[p]!;
      out[2 * p + 1] = ys[p]!;
    }
    return out;
  }
  // Monotone chain over points sorted by (j, i): with j as the primary axis the chain turns
  // clockwise in (i, j), so it is read backwards at the end. `<= 0` drops collinear points.
  const chain = new Int32Array(2 * n);
  let size = 0;
  const turn = (o: number, a: number, b: number): number =>
    (ys[a]! - ys[o]!) * (xs[b]! - xs[o]!) - (xs[a]! - xs[o]!) * (ys[b]! - ys[o]!);
  for (let p = 0; p < n; p++) {
    while (size >= 2 && turn(chain[size - 2]!, chain[size - 1]!, p) <= 0) size--;
    chain[size++] = p;
  }
  const lower = size + 1;
  for (let p = n - 2; p >= 0; p--) {
    while (size >= lower && turn(chain[size - 2]!, chain[size - 1]!, p) <= 0) size--;
    chain[size++] = p;
  }
  size--; // the last point is the first one again
  const out = new Int32Array(2 * size);
  for (let v = 0; v < size; v++) {
    const p = chain[size - 1 - v]!;
    out[2 * v] = xs[p]!;
    out[2 * v + 1] = ys[p]!;
  }
  return out;
}
