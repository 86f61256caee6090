import type { Vec3 } from './types';

/** How a volume is reduced for the 3D texture: whole-voxel blocks, one factor per axis. */
export interface DownsamplePlan {
  /** Source voxels per block along each axis (≥ 1). */
  readonly factors: Vec3;
  /** Size of the reduced grid: ceil(source / factor). */
  readonly dimensions: Vec3;
  /**
   * Source voxels spanned by the reduced grid (dimensions × factors): the last block may
   * reach past the source, so this is what texture coordinate 1 corresponds to.
   */
  readonly extent: Vec3;
}

/** The smallest whole factors that bring every axis to at most `maxDimension` voxels. */
export function planDownsample(dimensions: Vec3, maxDimension: number): DownsamplePlan {
  const cap = Math.max(1, Math.floor(maxDimension));
  const factors = dimensions.map((n) => Math.max(1, Math.ceil(n / cap))) as unknown as Vec3;
  const reduced = dimensions.map((n, a) => Math.ceil(n / factors[a]!)) as unknown as Vec3;
  const extent = reduced.map((n, a) => n * factors[a]!) as unknown as Vec3;
  return { factors, dimensions: reduced, extent };
}
