import { SegmentationError } from './SegmentationError.ts';
import type { Box, LabelmapGeometry } from './types.ts';

/** Voxels along i, j, k of an inclusive box. */
export function boxSize(box: Box): [number, number, number] {
  return [box.max[0] - box.min[0] + 1, box.max[1] - box.min[1] + 1, box.max[2] - box.min[2] + 1];
}

export function boxVoxelCount(box: Box): number {
  const [a, b, c] = boxSize(box);
  return a * b * c;
}

/** The smallest box holding both; either may be null. */
export function unionBox(a: Box | null, b: Box | null): Box | null {
  if (!a) return b;
  if (!b) return a;
  return {
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}

/** Throws INVALID_ARGUMENT unless the box is integer, non-empty and inside the volume. */
export function validateBox(box: Box, geometry: LabelmapGeometry): void {
  for (let a = 0; a < 3; a++) {
    const lo = box.min[a] ?? NaN;
    const hi = box.max[a] ?? NaN;
    const n = geometry.dimensions[a] ?? 0;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi < lo || hi >= n)
      throw new SegmentationError(
        'INVALID_ARGUMENT',
        `box [${box.min.join(',')}]–[${box.max.join(',')}] is not inside ${geometry.dimensions.join('×')}`,
      );
  }
}

/** Copies the voxels of `box` out of a volume into a new box-sized array (x fastest). */
export function readBox(data: Uint8Array, geometry: LabelmapGeometry, box: Box): Uint8Array {
  const [nx, ny] = geometry.dimensions;
  const [bx, by, bz] = boxSize(box);
  const out = new Uint8Array(bx * by * bz);
  let at = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const start = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      out.set(data.subarray(start, start + bx), at);
      at += bx;
    }
  }
  return out;
}

/** Writes a box-sized array (x fastest) into the volume. */
export function writeBox(
  data: Uint8Array,
  geometry: LabelmapGeometry,
  box: Box,
  values: Uint8Array,
): void {
  const [nx, ny] = geometry.dimensions;
  const [bx, by, bz] = boxSize(box);
  if (values.length !== bx * by * bz)
    throw new SegmentationError(
      'SIZE_MISMATCH',
      `box needs ${bx * by * bz} values, got ${values.length}`,
    );
  let at = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const start = box.min[0] + nx * (box.min[1] + j + ny * (box.min[2] + k));
      data.set(values.subarray(at, at + bx), start);
      at += bx;
    }
  }
}
