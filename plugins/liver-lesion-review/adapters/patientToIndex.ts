import type { VolumeGridInfo } from '../../../src/plugin-api';

/**
 * Continuous voxel index (i, j, k) of a patient point (mm): the inverse of the grid's
 * index → patient map, whose direction cosines are orthonormal.
 */
export function patientToIndex(
  grid: VolumeGridInfo,
  point: readonly [number, number, number],
): [number, number, number] {
  const d = grid.direction;
  const o = grid.originMm;
  const v = [point[0] - o[0], point[1] - o[1], point[2] - o[2]];
  const along = (axis: number): number =>
    (v[0]! * (d[axis * 3] ?? 0) + v[1]! * (d[axis * 3 + 1] ?? 0) + v[2]! * (d[axis * 3 + 2] ?? 0)) /
    grid.spacingMm[axis]!;
  return [along(0), along(1), along(2)];
}

/** A circle of radius r (mm) in the slice plane through `centre`, as a closed polyline. */
export function circleInSlice(
  grid: VolumeGridInfo,
  centre: readonly [number, number, number],
  radiusMm: number,
  segments = 32,
): Array<[number, number, number]> {
  const d = grid.direction;
  const row = [d[0] ?? 1, d[1] ?? 0, d[2] ?? 0];
  const col = [d[3] ?? 0, d[4] ?? 1, d[5] ?? 0];
  return Array.from({ length: segments + 1 }, (_, n) => {
    const a = (2 * Math.PI * n) / segments;
    const x = Math.cos(a) * radiusMm;
    const y = Math.sin(a) * radiusMm;
    return [
      centre[0] + x * row[0]! + y * col[0]!,
      centre[1] + x * row[1]! + y * col[1]!,
      centre[2] + x * row[2]! + y * col[2]!,
    ];
  });
}
