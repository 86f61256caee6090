import { measureLesionShapeInBox } from './measureLesionShape';
import { accumulatedBox, createSegmentAccumulators } from './scanSegmentAccumulators';
import { EMPTY_LESION_STATISTICS, summariseLesionStatistics } from './summariseLesionStatistics';
import type { IndexBox, LesionStatistics, VolumeGrid } from './types';

export { indexToPatient } from './indexToPatient';

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

/**
 * Volume, intensity statistics, centroid, RECIST-style longest in-plane diameter with its
 * perpendicular short axis, and maximum 3D diameter of one segment (see measureLesionShape).
 * For several segments, computeAllLesionStatistics gives the same numbers from one scan.
 */
export function computeLesionStatistics(input: LesionStatisticsInput): LesionStatistics {
  const { labels, image, grid, segment } = input;
  const [nx, ny, nz] = grid.dimensions;
  const box = input.box ?? { min: [0, 0, 0], max: [nx - 1, ny - 1, nz - 1] };
  const acc = createSegmentAccumulators();
  const { min, max, boxMin, boxMax } = acc;
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  let si = 0;
  let sj = 0;
  let sk = 0;
  const b = 3 * segment;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      const row = (k * ny + j) * nx;
      for (let i = box.min[0]; i <= box.max[0]; i++) {
        if (labels[row + i] !== segment) continue;
        const v = Number(image[row + i] ?? 0);
        count++;
        sum += v;
        sumSq += v * v;
        if (v < min[segment]!) min[segment] = v;
        if (v > max[segment]!) max[segment] = v;
        si += i;
        sj += j;
        sk += k;
        if (i < boxMin[b]!) boxMin[b] = i;
        if (i > boxMax[b]!) boxMax[b] = i;
        if (j < boxMin[b + 1]!) boxMin[b + 1] = j;
        if (j > boxMax[b + 1]!) boxMax[b + 1] = j;
        if (k < boxMin[b + 2]!) boxMin[b + 2] = k;
        if (k > boxMax[b + 2]!) boxMax[b + 2] = k;
      }
    }
  }
  acc.count[segment] = count;
  acc.sum[segment] = sum;
  acc.sumSq[segment] = sumSq;
  acc.sumI[segment] = si;
  acc.sumJ[segment] = sj;
  acc.sumK[segment] = sk;
  const tight = accumulatedBox(acc, segment);
  if (!tight) return { ...EMPTY_LESION_STATISTICS };
  return summariseLesionStatistics(
    acc,
    segment,
    grid,
    measureLesionShapeInBox(labels, grid, segment, tight),
  );
}
