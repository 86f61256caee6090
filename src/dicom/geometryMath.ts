import type { Orientation, Vec3 } from './types.ts';

/** Cosines closer than this are the same orientation (about 0.06°: print rounding, not a tilt). */
export const ORIENTATION_TOLERANCE = 1e-3;
/** Slices whose positions along the normal differ by less than this share a position, mm. */
export const POSITION_TOLERANCE_MM = 0.01;
/** Relative difference below which two spacings are equal (also the irregular-gap threshold). */
export const RELATIVE_SPACING_TOLERANCE = 0.01;

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function normalize(v: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2]);
  return length > 0 ? [v[0] / length, v[1] / length, v[2] / length] : [0, 0, 0];
}

export function rowCosine(o: Orientation): Vec3 {
  return normalize([o[0], o[1], o[2]]);
}

export function columnCosine(o: Orientation): Vec3 {
  return normalize([o[3], o[4], o[5]]);
}

/** Slice normal = row cosine × column cosine (PS3.3 C.7.6.2.1.1), unit length. */
export function sliceNormal(o: Orientation): Vec3 {
  const r = rowCosine(o);
  const c = columnCosine(o);
  return normalize([
    r[1] * c[2] - r[2] * c[1],
    r[2] * c[0] - r[0] * c[2],
    r[0] * c[1] - r[1] * c[0],
  ]);
}

export function orientationsMatch(a: Orientation, b: Orientation): boolean {
  for (let i = 0; i < 6; i++) {
    if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > ORIENTATION_TOLERANCE) return false;
  }
  return true;
}

export function spacingsMatch(a: [number, number], b: [number, number]): boolean {
  const close = (x: number, y: number): boolean =>
    Math.abs(x - y) <= 1e-3 * Math.max(Math.abs(x), Math.abs(y));
  return close(a[0], b[0]) && close(a[1], b[1]);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}
