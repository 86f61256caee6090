import { measureLesionShapeInBox } from './measureLesionShape';
import { QuantifyError } from './QuantifyError';
import { accumulatedBox, scanSegmentAccumulators } from './scanSegmentAccumulators';
import { EMPTY_LESION_STATISTICS, summariseLesionStatistics } from './summariseLesionStatistics';
import type { LesionStatistics, VolumeGrid } from './types';

export interface AllLesionStatisticsInput {
  /** Labelmap over the grid, one byte per voxel (x fastest); 1..255 = segment. */
  readonly labels: Uint8Array;
  /** Image values over the same grid, in modality units (HU on CT). */
  readonly image: ArrayLike<number>;
  readonly grid: VolumeGrid;
  /** Segments to report (each 1..255); default: every segment present in the labelmap. */
  readonly segments?: readonly number[];
}

/** Throws INVALID_SEGMENT unless `segment` is an integer 1..255. */
export function validateSegmentNumber(segment: number): void {
  if (!Number.isInteger(segment) || segment < 1 || segment > 255)
    throw new QuantifyError('INVALID_SEGMENT', `segment ${segment} is not an integer 1..255`);
}

/**
 * The statistics of every segment (or of `segments`) from one pass over the labelmap: counts,
 * intensity sums, centroid sums and bounding boxes of all segments at once, then the
 * diameters of each segment inside its own bounding box. Equal to computeLesionStatistics
 * segment by segment, at the cost of one scan instead of one per segment. Segments asked for
 * but absent get empty statistics (voxelCount 0, nulls). Keys ascend.
 */
export function computeAllLesionStatistics(
  input: AllLesionStatisticsInput,
): Map<number, LesionStatistics> {
  const { labels, image, grid } = input;
  input.segments?.forEach(validateSegmentNumber);
  const acc = scanSegmentAccumulators(labels, image, grid);
  const segments = input.segments
    ? [...new Set(input.segments)].sort((a, b) => a - b)
    : Array.from({ length: 255 }, (_, s) => s + 1).filter((s) => (acc.count[s] ?? 0) > 0);
  const out = new Map<number, LesionStatistics>();
  for (const segment of segments) {
    const box = accumulatedBox(acc, segment);
    out.set(
      segment,
      box
        ? summariseLesionStatistics(
            acc,
            segment,
            grid,
            measureLesionShapeInBox(labels, grid, segment, box),
          )
        : EMPTY_LESION_STATISTICS,
    );
  }
  return out;
}
