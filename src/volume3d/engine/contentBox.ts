import type { TransferPoint } from './transferFunction';
import type { Vec3, VoxelBox } from './types';

/**
 * Bounding box of the voxels above `threshold` (x fastest, then y, then slice), or null
 * when there are none. Rays are clipped to it: air around the body costs no steps.
 */
export function scalarContentBox(
  data: ArrayLike<number>,
  dimensions: Vec3,
  threshold: number,
): VoxelBox | null {
  const [nx, ny, nz] = dimensions;
  const min = [nx, ny, nz];
  const max = [-1, -1, -1];
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      let first = -1;
      let last = -1;
      for (let i = 0; i < nx; i++) {
        if ((data[row + i] ?? 0) > threshold) {
          if (first < 0) first = i;
          last = i;
        }
      }
      if (first < 0) continue;
      min[0] = Math.min(min[0]!, first);
      max[0] = Math.max(max[0]!, last);
      min[1] = Math.min(min[1]!, j);
      max[1] = Math.max(max[1]!, j);
      min[2] = Math.min(min[2]!, k);
      max[2] = Math.max(max[2]!, k);
    }
  }
  if (max[0]! < 0) return null;
  return { min: min as unknown as Vec3, max: max as unknown as Vec3 };
}

/** Bounding box of every labelled (non-zero) voxel, or null for an empty labelmap. */
export function labelContentBox(data: Uint8Array, dimensions: Vec3): VoxelBox | null {
  return scalarContentBox(data, dimensions, 0);
}

export function unionBox(a: VoxelBox | null, b: VoxelBox | null): VoxelBox | null {
  if (!a) return b;
  if (!b) return a;
  return {
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}

/**
 * A voxel box of a grid of `dimensions` as texture coordinates [min, max]: voxel x spans
 * [x, x + 1] / n. `extentRatio` maps that grid's texture coordinates to another texture
 * spanning a different number of source voxels (1 for the same texture).
 */
export function boxToTexture(
  box: VoxelBox,
  dimensions: Vec3,
  extentRatio: Vec3 = [1, 1, 1],
): { min: Vec3; max: Vec3 } {
  const at = (v: number, a: number): number => (v / dimensions[a]!) * extentRatio[a]!;
  return {
    min: [at(box.min[0], 0), at(box.min[1], 1), at(box.min[2], 2)],
    max: [at(box.max[0] + 1, 0), at(box.max[1] + 1, 1), at(box.max[2] + 1, 2)],
  };
}

/**
 * The value at or below which a transfer function is fully transparent: the last point
 * before the first one with any opacity (−Infinity when the first point is visible).
 */
export function transparentUpTo(points: readonly TransferPoint[]): number {
  const visible = points.findIndex((p) => p.opacity > 0);
  if (visible <= 0) return -Infinity;
  return points[visible - 1]!.value;
}
