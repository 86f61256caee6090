/**
 * What the viewport layer needs to show one series: pixels already in modality units
 * (HU for CT) and exact geometry from ingest. Independent of how the series was loaded.
 */
export type Vec3 = readonly [number, number, number];

export interface DisplayVolume {
  /** Unique per loaded series; used to build cornerstone image and volume ids. */
  readonly key: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly modality: string;
  readonly frameOfReferenceUid: string | null;
  /** [columns, rows, slices] */
  readonly dimensions: Vec3;
  /** [column spacing (along a row), row spacing, slice spacing] in mm */
  readonly spacing: Vec3;
  /** Row cosine, column cosine, slice normal: 9 numbers. */
  readonly direction: readonly number[];
  /** ImagePositionPatient of each slice, in sorted order (slice 0 = origin). */
  readonly slicePositions: readonly Vec3[];
  readonly data: Int16Array | Uint16Array | Float32Array | Uint8Array;
  readonly window: { readonly center: number; readonly width: number } | null;
  /** True when the slices are parallel and evenly spaced, so MPR is meaningful. */
  readonly isVolume: boolean;
}
