import { validateSegmentNumber } from './computeAllLesionStatistics';
import {
  createSliceShapes,
  measureLesionShape,
  updateSliceShapes,
  type SliceShapes,
} from './measureLesionShape';
import { QuantifyError } from './QuantifyError';
import {
  accumulatedBox,
  scanSegmentAccumulators,
  type SegmentAccumulators,
} from './scanSegmentAccumulators';
import { EMPTY_LESION_STATISTICS, summariseLesionStatistics } from './summariseLesionStatistics';
import type { IndexBox, LesionStatistics, VolumeGrid } from './types';

export interface LesionStatisticsTrackerInput {
  /**
   * The live labelmap (one byte per voxel, x fastest), read again when a segment's diameters
   * or min/max must be recomputed: the caller edits it in place and reports every edit.
   */
  readonly labels: Uint8Array;
  /** Image values over the same grid, in modality units (HU on CT); never changes. */
  readonly image: ArrayLike<number>;
  readonly grid: VolumeGrid;
}

export interface LesionStatisticsTracker {
  /**
   * Reports an edit already written into `labels`: inside the inclusive `box`, the labels were
   * `before` and are now `after` (both box-sized, x fastest: an EditRecord's layout). For an
   * undo, pass (box, after, before). Counts, sums and centroid sums change exactly, in
   * O(box); min/max, bounding boxes and diameters of the touched segments are recomputed on
   * the next `get`. Throws INVALID_BOX or SIZE_MISMATCH on a box outside the grid or arrays
   * of another size.
   */
  applyEdit(box: IndexBox, before: Uint8Array, after: Uint8Array): void;
  /** One segment's statistics (empty ones for an absent segment); cached until it changes. */
  get(segment: number): LesionStatistics;
  /** Every segment present, ascending. */
  getAll(): Map<number, LesionStatistics>;
}

/** A set of slices k, as a range: lo > hi when empty. */
interface DirtySlices {
  lo: number;
  hi: number;
}

/**
 * Live lesion statistics for a labelmap under edit. One full pass at creation
 * (scanSegmentAccumulators); after that an edit costs O(its box) and a read recomputes only
 * what the edits made stale: min/max (only when an erased voxel held one of them, one pass
 * over the segment's box), and the hulls of the slices an edit touched. The diameters then
 * come from the cached per-slice hulls: the longest axial diameter and maximum 3D diameter
 * without reading voxels again, the short axis from one slice. Results equal a fresh
 * computeAllLesionStatistics: counts exactly, sums up to float rounding (exact for integer
 * images, such as CT in HU).
 */
export function createLesionStatisticsTracker(
  input: LesionStatisticsTrackerInput,
): LesionStatisticsTracker {
  const { labels, image, grid } = input;
  const [nx, ny, nz] = grid.dimensions;
  const acc: SegmentAccumulators = scanSegmentAccumulators(labels, image, grid);
  const { count, sum, sumSq, min, max, sumI, sumJ, sumK, boxMin, boxMax } = acc;
  /** 1 while min/max of the segment are exact; erasing a voxel holding one clears it. */
  const minMaxExact = new Uint8Array(256).fill(1);
  const shapes: Array<SliceShapes | undefined> = new Array<SliceShapes | undefined>(256);
  const dirty: DirtySlices[] = Array.from({ length: 256 }, () => ({ lo: 0, hi: nz - 1 }));
  const cache: Array<LesionStatistics | undefined> = new Array<LesionStatistics | undefined>(256);

  // An emptied segment starts again from nothing (float sums may keep a rounding residue).
  const resetSegment = (s: number): void => {
    sum[s] = 0;
    sumSq[s] = 0;
    sumI[s] = 0;
    sumJ[s] = 0;
    sumK[s] = 0;
    min[s] = Infinity;
    max[s] = -Infinity;
    boxMin.fill(0x7fffffff, 3 * s, 3 * s + 3);
    boxMax.fill(-1, 3 * s, 3 * s + 3);
    minMaxExact[s] = 1;
    shapes[s] = undefined;
    const d = dirty[s]!;
    d.lo = 0;
    d.hi = nz - 1;
  };

  const touch = (s: number, k: number): void => {
    cache[s] = undefined;
    const d = dirty[s]!;
    if (k < d.lo) d.lo = k;
    if (k > d.hi) d.hi = k;
  };

  /** Exact min/max and a tight box again, from one pass over the (possibly loose) box. */
  const rescanMinMax = (s: number, box: IndexBox): void => {
    let lo = Infinity;
    let hi = -Infinity;
    let i0 = nx;
    let i1 = -1;
    let j0 = ny;
    let j1 = -1;
    let k0 = nz;
    let k1 = -1;
    for (let k = box.min[2]; k <= box.max[2]; k++)
      for (let j = box.min[1]; j <= box.max[1]; j++) {
        const row = (k * ny + j) * nx;
        for (let i = box.min[0]; i <= box.max[0]; i++) {
          if (labels[row + i] !== s) continue;
          const x = image[row + i]!;
          if (x < lo) lo = x;
          if (x > hi) hi = x;
          if (i < i0) i0 = i;
          if (i > i1) i1 = i;
          if (j < j0) j0 = j;
          if (j > j1) j1 = j;
          if (k < k0) k0 = k;
          k1 = k;
        }
      }
    min[s] = lo;
    max[s] = hi;
    boxMin.set([i0, j0, k0], 3 * s);
    boxMax.set([i1, j1, k1], 3 * s);
    minMaxExact[s] = 1;
  };

  const applyEdit = (box: IndexBox, before: Uint8Array, after: Uint8Array): void => {
    for (let a = 0; a < 3; a++) {
      const lo = box.min[a]!;
      const hi = box.max[a]!;
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi < lo)
        throw new QuantifyError('INVALID_BOX', `box axis ${a}: ${lo}..${hi} is not a range`);
      if (hi >= grid.dimensions[a]!)
        throw new QuantifyError('INVALID_BOX', `box axis ${a}: ${hi} is outside the grid`);
    }
    const bx = box.max[0] - box.min[0] + 1;
    const by = box.max[1] - box.min[1] + 1;
    const bz = box.max[2] - box.min[2] + 1;
    if (before.length !== bx * by * bz || after.length !== before.length)
      throw new QuantifyError(
        'SIZE_MISMATCH',
        `before (${before.length}) and after (${after.length}) must have ${bx}×${by}×${bz} voxels`,
      );
    let at = 0;
    for (let k = box.min[2]; k <= box.max[2]; k++)
      for (let j = box.min[1]; j <= box.max[1]; j++) {
        const row = (k * ny + j) * nx;
        for (let i = box.min[0]; i <= box.max[0]; i++, at++) {
          const from = before[at]!;
          const to = after[at]!;
          if (from === to) continue;
          const x = image[row + i]!;
          if (from !== 0) {
            count[from]!--;
            sum[from]! -= x;
            sumSq[from]! -= x * x;
            sumI[from]! -= i;
            sumJ[from]! -= j;
            sumK[from]! -= k;
            // The box stays a superset; min/max are exact unless this voxel held one.
            if (x <= min[from]! || x >= max[from]!) minMaxExact[from] = 0;
            if (count[from] === 0) resetSegment(from);
            touch(from, k);
          }
          if (to !== 0) {
            count[to]!++;
            sum[to]! += x;
            sumSq[to]! += x * x;
            sumI[to]! += i;
            sumJ[to]! += j;
            sumK[to]! += k;
            if (x < min[to]!) min[to] = x;
            if (x > max[to]!) max[to] = x;
            const b = 3 * to;
            if (i < boxMin[b]!) boxMin[b] = i;
            if (i > boxMax[b]!) boxMax[b] = i;
            if (j < boxMin[b + 1]!) boxMin[b + 1] = j;
            if (j > boxMax[b + 1]!) boxMax[b + 1] = j;
            if (k < boxMin[b + 2]!) boxMin[b + 2] = k;
            if (k > boxMax[b + 2]!) boxMax[b + 2] = k;
            touch(to, k);
          }
        }
      }
  };

  const get = (segment: number): LesionStatistics => {
    validateSegmentNumber(segment);
    const cached = cache[segment];
    if (cached) return cached;
    let box = accumulatedBox(acc, segment);
    if (!box) return (cache[segment] = EMPTY_LESION_STATISTICS);
    if (!minMaxExact[segment]) {
      rescanMinMax(segment, box);
      box = accumulatedBox(acc, segment)!;
    }
    const segmentShapes = (shapes[segment] ??= createSliceShapes(nz));
    const d = dirty[segment]!;
    if (d.lo <= d.hi) updateSliceShapes(segmentShapes, labels, grid, segment, box, d.lo, d.hi);
    d.lo = nz;
    d.hi = -1;
    const stats = summariseLesionStatistics(
      acc,
      segment,
      grid,
      measureLesionShape(labels, grid, segment, box, segmentShapes),
    );
    cache[segment] = stats;
    return stats;
  };

  const getAll = (): Map<number, LesionStatistics> => {
    const out = new Map<number, LesionStatistics>();
    for (let s = 1; s < 256; s++) if ((count[s] ?? 0) > 0) out.set(s, get(s));
    return out;
  };

  return { applyEdit, get, getAll };
}
