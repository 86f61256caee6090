import type { LabelmapGeometry } from './types.ts';

/** Volume of one voxel in mL (1 mL = 1000 mm³); a segment's volume = count × this. */
export function voxelVolumeMl(geometry: LabelmapGeometry): number {
  const [sx, sy, sz] = geometry.spacingMm;
  return (sx * sy * sz) / 1000;
}
