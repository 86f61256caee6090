import type { DisplayVolume, Vec3 } from './displayVolume';

/**
 * Slice arithmetic for stack viewports, which show a series' acquired slices one at a time
 * (a 2D texture of the slice shown, never a 3D texture of the whole series).
 */

export const dot = (a: Vec3, b: readonly number[]): number =>
  a[0] * (b[0] ?? 0) + a[1] * (b[1] ?? 0) + a[2] * (b[2] ?? 0);

/** The series' slice normal (the third row of its direction), along which ingest sorted it. */
export function sliceNormal(volume: DisplayVolume): Vec3 {
  const d = volume.direction;
  return [d[6] ?? 0, d[7] ?? 0, d[8] ?? 1];
}

/** Each slice's position along a normal (mm). */
export function slicePositionsAlong(volume: DisplayVolume, normal: Vec3): number[] {
  return volume.slicePositions.map((p) => dot(p, normal));
}

/** Index of the slice whose plane lies nearest a position along the normal (mm); -1 if none. */
export function nearestSlice(positions: readonly number[], at: number): number {
  let best = -1;
  let bestDistance = Infinity;
  positions.forEach((p, k) => {
    const distance = Math.abs(p - at);
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  });
  return best;
}

/** The slice of a series nearest the plane through a patient point (mm). */
export function nearestSliceTo(volume: DisplayVolume, world: Vec3): number {
  const normal = sliceNormal(volume);
  return nearestSlice(slicePositionsAlong(volume, normal), dot(world, normal));
}
