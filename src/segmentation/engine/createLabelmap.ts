import { SegmentationError } from './SegmentationError.ts';
import type { Labelmap, LabelmapGeometry } from './types.ts';

// Typed arrays past 2^31 elements are not portable across browsers.
const MAX_VOXELS = 2 ** 31 - 1;

/** Throws INVALID_GEOMETRY unless dimensions are positive integers and spacings positive finite mm. */
export function validateGeometry(geometry: LabelmapGeometry): number {
  const [nx, ny, nz] = geometry.dimensions;
  for (const n of [nx, ny, nz]) {
    if (!Number.isInteger(n) || n < 1)
      throw new SegmentationError('INVALID_GEOMETRY', `dimension ${n} is not a positive integer`);
  }
  for (const s of geometry.spacingMm) {
    if (!Number.isFinite(s) || s <= 0)
      throw new SegmentationError('INVALID_GEOMETRY', `spacing ${s} mm is not positive`);
  }
  const voxels = nx * ny * nz;
  if (voxels > MAX_VOXELS)
    throw new SegmentationError('INVALID_GEOMETRY', `${voxels} voxels exceed ${MAX_VOXELS}`);
  return voxels;
}

/** Throws INVALID_SEGMENT unless `segment` is an integer 1..255 (0 means empty). */
export function validateSegment(segment: number): void {
  if (!Number.isInteger(segment) || segment < 1 || segment > 255)
    throw new SegmentationError('INVALID_SEGMENT', `segment ${segment} is not an integer 1..255`);
}

/**
 * An empty labelmap over the image volume's grid. Pass `data` to wrap existing voxels (e.g. a
 * decoded autosave); its length must match the geometry.
 */
export function createLabelmap(geometry: LabelmapGeometry, data?: Uint8Array): Labelmap {
  const voxels = validateGeometry(geometry);
  if (data && data.length !== voxels)
    throw new SegmentationError(
      'SIZE_MISMATCH',
      `labelmap data has ${data.length} bytes, geometry needs ${voxels}`,
    );
  return { geometry, data: data ?? new Uint8Array(voxels) };
}
