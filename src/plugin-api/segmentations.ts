/**
 * What a plugin may read of the segment editor's work: plain data, no cornerstone objects.
 * Labelmaps and images are shared, read-only views of the editor's buffers (no copies), so
 * a plugin must not write into them and must not keep them past the next change event.
 */
import type { CodedConcept } from './contract';

export type Vec3 = readonly [number, number, number];

/** A regular volume's grid: index (i = column, j = row, k = slice) to patient LPS mm. */
export interface VolumeGridInfo {
  /** [columns, rows, slices] */
  readonly dimensions: Vec3;
  /** [column spacing (along a row), row spacing, slice spacing] in mm */
  readonly spacingMm: Vec3;
  /** Patient position of voxel (0, 0, 0), mm. */
  readonly originMm: Vec3;
  /** Row cosine, column cosine, slice normal: 9 numbers. */
  readonly direction: readonly number[];
}

export interface SegmentSummary {
  /** Label value in the labelmap, 1..255. */
  readonly index: number;
  readonly label: string;
  /** Id of the SegmentTypeContribution. */
  readonly typeId: string;
  /** The type's code (SNOMED CT), when the type is known. */
  readonly type: CodedConcept | null;
  readonly isLesion: boolean;
  readonly color: readonly [number, number, number];
  /** Human tracking label ("L1"), kept across dates; null for organs. */
  readonly trackingId: string | null;
  /** DICOM TrackingUID (2.25 form), kept across dates; null for organs. */
  readonly trackingUid: string | null;
  readonly voxelCount: number;
  readonly volumeMl: number;
}

export interface SegmentationSummary {
  /** SeriesSummary.id of the segmented series. */
  readonly seriesId: string;
  /** Increases with every change of voxels or segments. */
  readonly revision: number;
  readonly segments: readonly SegmentSummary[];
}

/** A labelmap with its image and grid, for measurements. */
export interface SegmentationData extends SegmentationSummary {
  readonly grid: VolumeGridInfo;
  readonly frameOfReferenceUid: string | null;
  readonly modality: string;
  /** One byte per voxel, x fastest; the value is the segment index (0 = none). Read only. */
  readonly labels: Uint8Array;
  /** Image values in modality units (HU on CT), same grid. Read only. */
  readonly image: ArrayLike<number>;
}

/** A series' image and grid (no segmentation), for measurements such as ROIs. */
export interface VolumeData {
  readonly seriesId: string;
  readonly modality: string;
  readonly frameOfReferenceUid: string | null;
  readonly grid: VolumeGridInfo;
  /** Image values in modality units (HU on CT), x fastest. Read only. */
  readonly image: ArrayLike<number>;
}

/** A point the user clicked on an image (HostApi.pickPoint). */
export interface PickedPoint {
  readonly seriesId: string;
  readonly pointMm: Vec3;
}

/** Fields of a segment a plugin may change (e.g. linking a lesion to an earlier date's). */
export interface SegmentPatch {
  readonly label?: string;
  readonly trackingId?: string | null;
  readonly trackingUid?: string | null;
}

/** A point to bring into view in the viewports showing a series. */
export interface SeriesPoint {
  readonly seriesId: string;
  readonly pointMm: Vec3;
}

/** A line drawn over the views of a series (e.g. a lesion's RECIST long and short axes). */
export interface LineAnnotation {
  readonly seriesId: string;
  readonly fromMm: Vec3;
  readonly toMm: Vec3;
  /** Shown beside the line: "L1 36.0 mm". */
  readonly label: string;
}
