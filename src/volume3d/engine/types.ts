/** Pure types of the 3D view: no DOM, no WebGL, no React. Patient coordinates are LPS, mm. */
export type Vec3 = readonly [number, number, number];

/** A 4×4 affine matrix, column-major (WebGL's uniformMatrix4fv layout). */
export type Mat4 = readonly number[];

/** A 3×3 matrix, column-major (uniformMatrix3fv layout). */
export type Mat3 = readonly number[];

/** The geometry of an image volume as ingest delivers it. */
export interface VolumeGeometry {
  /** [columns, rows, slices] */
  readonly dimensions: Vec3;
  /** [column spacing, row spacing, slice spacing], mm */
  readonly spacing: Vec3;
  /** Row cosine, column cosine, slice normal: 9 numbers. */
  readonly direction: readonly number[];
  /** ImagePositionPatient of each slice in sorted order (slice 0 = origin). */
  readonly slicePositions: readonly Vec3[];
}

/** Inclusive integer voxel box (same convention as the segmentation engine's Box). */
export interface VoxelBox {
  readonly min: Vec3;
  readonly max: Vec3;
}
