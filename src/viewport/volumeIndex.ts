import type { DisplayVolume, Vec3 } from './displayVolume';

/**
 * Patient (world, mm) → continuous voxel index of a volume: i along the row direction,
 * j along the column direction, k along the slice normal; voxel centres at integers.
 * The direction cosines are orthonormal for a valid volume, so the inverse is a transpose.
 */
export function worldToIndex(volume: DisplayVolume, world: Vec3): Vec3 {
  const origin = volume.slicePositions[0] ?? [0, 0, 0];
  const d = volume.direction;
  const dx = world[0] - origin[0];
  const dy = world[1] - origin[1];
  const dz = world[2] - origin[2];
  const dot = (o: number) => dx * (d[o] ?? 0) + dy * (d[o + 1] ?? 0) + dz * (d[o + 2] ?? 0);
  return [dot(0) / volume.spacing[0], dot(3) / volume.spacing[1], dot(6) / volume.spacing[2]];
}

/** Which index axis a view looks along, or null for an oblique view (editing refuses those). */
export function viewAxis(volume: DisplayVolume, viewPlaneNormal: Vec3): 'i' | 'j' | 'k' | null {
  const d = volume.direction;
  const axes = ['i', 'j', 'k'] as const;
  for (let a = 0; a < 3; a++) {
    const o = a * 3;
    const dot =
      viewPlaneNormal[0] * (d[o] ?? 0) +
      viewPlaneNormal[1] * (d[o + 1] ?? 0) +
      viewPlaneNormal[2] * (d[o + 2] ?? 0);
    if (Math.abs(dot) > 0.999) return axes[a] ?? null;
  }
  return null;
}
