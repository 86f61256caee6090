/**
 * Inputs and results of lesion quantification. Index space follows the image volume:
 * i = column, j = row, k = slice; patient coordinates are DICOM LPS in mm.
 */
export type Vec3 = readonly [number, number, number];

export interface VolumeGrid {
  /** [columns, rows, slices] */
  readonly dimensions: Vec3;
  /** [column spacing (along a row), row spacing, slice spacing] in mm */
  readonly spacingMm: Vec3;
  /** Patient position of voxel (0, 0, 0), mm. */
  readonly originMm: Vec3;
  /** Row cosine, column cosine, slice normal: 9 numbers. */
  readonly direction: readonly number[];
}

export interface IndexBox {
  readonly min: Vec3;
  readonly max: Vec3;
}

/** A diameter: its length and end points (patient mm), on one slice. */
export interface Diameter {
  readonly lengthMm: number;
  readonly fromMm: Vec3;
  readonly toMm: Vec3;
  /** Slice index it was measured on. */
  readonly slice: number;
}

export interface LesionStatistics {
  readonly voxelCount: number;
  readonly volumeMl: number;
  /** Intensity statistics in modality units (HU on CT). null for an empty segment. */
  readonly mean: number | null;
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly centroidMm: Vec3 | null;
  /** RECIST-style longest in-plane diameter over the lesion's slices. */
  readonly longestAxial: Diameter | null;
  /** Longest diameter perpendicular to it, on the same slice. */
  readonly shortAxis: Diameter | null;
  readonly maximum3dDiameterMm: number | null;
}
