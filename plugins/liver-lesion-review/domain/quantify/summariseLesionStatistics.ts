import { indexToPatient } from './indexToPatient';
import type { LesionShape } from './measureLesionShape';
import type { SegmentAccumulators } from './scanSegmentAccumulators';
import type { LesionStatistics, VolumeGrid } from './types';

export const EMPTY_LESION_STATISTICS: LesionStatistics = Object.freeze({
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
});

/** The statistics of one segment from its sums and diameters (the one formula all paths share). */
export function summariseLesionStatistics(
  acc: SegmentAccumulators,
  segment: number,
  grid: VolumeGrid,
  shape: LesionShape,
): LesionStatistics {
  const count = acc.count[segment] ?? 0;
  if (count === 0) return EMPTY_LESION_STATISTICS;
  const [sx, sy, sz] = grid.spacingMm;
  const mean = (acc.sum[segment] ?? 0) / count;
  const sumSq = acc.sumSq[segment] ?? 0;
  // Sample standard deviation (n − 1), as Slicer's Segment Statistics reports.
  const sd = count > 1 ? Math.sqrt(Math.max(0, (sumSq - count * mean * mean) / (count - 1))) : 0;
  return {
    voxelCount: count,
    volumeMl: (count * sx * sy * sz) / 1000,
    mean,
    sd,
    min: acc.min[segment] ?? null,
    max: acc.max[segment] ?? null,
    centroidMm: indexToPatient(
      grid,
      (acc.sumI[segment] ?? 0) / count,
      (acc.sumJ[segment] ?? 0) / count,
      (acc.sumK[segment] ?? 0) / count,
    ),
    longestAxial: shape.longestAxial,
    shortAxis: shape.shortAxis,
    maximum3dDiameterMm: shape.maximum3dDiameterMm,
  };
}
