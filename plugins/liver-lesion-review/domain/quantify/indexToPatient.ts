import type { Vec3, VolumeGrid } from './types';

/** Patient coordinates (mm) of a continuous voxel index. */
export function indexToPatient(grid: VolumeGrid, i: number, j: number, k: number): Vec3 {
  const [sx, sy, sz] = grid.spacingMm;
  const d = grid.direction;
  const o = grid.originMm;
  const a = i * sx;
  const b = j * sy;
  const c = k * sz;
  return [
    o[0] + a * (d[0] ?? 0) + b * (d[3] ?? 0) + c * (d[6] ?? 0),
    o[1] + a * (d[1] ?? 0) + b * (d[4] ?? 0) + c * (d[7] ?? 0),
    o[2] + a * (d[2] ?? 0) + b * (d[5] ?? 0) + c * (d[8] ?? 0),
  ];
}
