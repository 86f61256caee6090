import type { DownsamplePlan } from './planDownsample';
import type { Vec3, VoxelBox } from './types';

/**
 * Reduces the labels of the source voxels inside `box` into `target` (the whole reduced
 * grid), block by block, and returns the reduced box that changed. A block takes the
 * highest label among its voxels: a one-voxel stroke never vanishes from the 3D view, and
 * where two segments share a block the higher index wins (labels never blend).
 */
export function downsampleLabels(
  source: Uint8Array,
  dimensions: Vec3,
  plan: DownsamplePlan,
  target: Uint8Array,
  box: VoxelBox | null = null,
): VoxelBox {
  const [nx, ny, nz] = dimensions;
  const [fx, fy, fz] = plan.factors;
  const [mx, my] = plan.dimensions;
  const min: Vec3 = box
    ? [Math.floor(box.min[0] / fx), Math.floor(box.min[1] / fy), Math.floor(box.min[2] / fz)]
    : [0, 0, 0];
  const max: Vec3 = box
    ? [Math.floor(box.max[0] / fx), Math.floor(box.max[1] / fy), Math.floor(box.max[2] / fz)]
    : [plan.dimensions[0] - 1, plan.dimensions[1] - 1, plan.dimensions[2] - 1];
  for (let z = min[2]; z <= max[2]; z++) {
    for (let y = min[1]; y <= max[1]; y++) {
      for (let x = min[0]; x <= max[0]; x++) {
        let label = 0;
        for (let k = z * fz; k < Math.min(nz, z * fz + fz); k++) {
          for (let j = y * fy; j < Math.min(ny, y * fy + fy); j++) {
            const row = (k * ny + j) * nx;
            for (let i = x * fx; i < Math.min(nx, x * fx + fx); i++) {
              const value = source[row + i] ?? 0;
              if (value > label) label = value;
            }
          }
        }
        target[(z * my + y) * mx + x] = label;
      }
    }
  }
  return { min, max };
}
