import type { VolumeGrid } from '../quantify/types';

/** Only the grid's size and spacing matter for an in-slice ROI. */
export type RoiGrid = Pick<VolumeGrid, 'dimensions' | 'spacingMm'>;

/**
 * A circle or ellipse on one slice, axis-aligned with the image rows and columns. The centre
 * is in index space (column i, row j; fractional allowed), the radii in mm along i and j.
 */
export interface EllipseRoi {
  readonly sliceIndex: number;
  readonly centreIndex: readonly [number, number];
  /** [along i (a row), along j (a column)] in mm; equal for a circle. */
  readonly radiiMm: readonly [number, number];
}

/** Intensity statistics of a region, in modality units (HU on CT). */
export interface RoiStatistics {
  readonly voxelCount: number;
  /** null for an empty region. */
  readonly mean: number | null;
  /** Sample standard deviation (n − 1), 0 for one voxel, as in quantify's statistics. */
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** In-slice area (voxel count × pixel area); null for a 3D region such as a segment. */
  readonly areaMm2: number | null;
}
