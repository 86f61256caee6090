import type { SliceHull } from './buildSliceHull';
import type { Vec3 } from './types';

/**
 * The farthest pair found so far: squared centre distance (mm²) and, for its direction u,
 * Σ|δₐ|·sₐ² (δ = index difference, s = spacing), so that the half-voxel extent along u is
 * 0.5·Σ|uₐ|·sₐ = 0.5·numerator / distance. Exact ties in distance keep the larger extent, so
 * the result does not depend on the order pairs are visited in.
 */
export interface FarthestPair {
  d2: number;
  extentNumerator: number;
}

function consider(best: FarthestPair, di: number, dj: number, dk: number, spacing: Vec3): void {
  const x = di * spacing[0];
  const y = dj * spacing[1];
  const z = dk * spacing[2];
  const d2 = x * x + y * y + z * z;
  if (d2 < best.d2) return;
  const n =
    Math.abs(di) * spacing[0] * spacing[0] +
    Math.abs(dj) * spacing[1] * spacing[1] +
    Math.abs(dk) * spacing[2] * spacing[2];
  if (d2 > best.d2 || n > best.extentNumerator) {
    best.d2 = d2;
    best.extentNumerator = n;
  }
}

/** Index of the vertex with the smallest (sign·j, then sign·i): the start of a merge. */
function extremeVertex(hull: SliceHull, sign: 1 | -1): number {
  let at = 0;
  for (let v = 1; v < hull.length >> 1; v++) {
    const dj = sign * (hull[2 * v + 1]! - hull[2 * at + 1]!);
    if (dj < 0 || (dj === 0 && sign * (hull[2 * v]! - hull[2 * at]!) < 0)) at = v;
  }
  return at;
}

/**
 * Farthest pair between the vertices of two slice hulls `dk` slices apart, updating `best`.
 * The farthest pair of two convex polygons is a vertex of their Minkowski difference A ⊕ (−B)
 * (a norm is convex, so its maximum over a convex polygon sits at a vertex), and that polygon's
 * vertices come from merging both edge sequences by angle: O(n + m) instead of O(n·m). The
 * merge needs strictly convex polygons (three vertices or more, as convexHull2d returns);
 * points and segments are compared pair by pair.
 */
export function farthestBetweenHulls(
  a: SliceHull,
  b: SliceHull,
  dk: number,
  spacing: Vec3,
  best: FarthestPair,
): void {
  const n = a.length >> 1;
  const m = b.length >> 1;
  if (n < 3 || m < 3) {
    for (let p = 0; p < n; p++)
      for (let q = 0; q < m; q++)
        consider(best, a[2 * p]! - b[2 * q]!, a[2 * p + 1]! - b[2 * q + 1]!, dk, spacing);
    return;
  }
  // A from its lowest vertex; −B from its lowest, the negation of B's highest.
  const sa = extremeVertex(a, 1);
  const sb = extremeVertex(b, -1);
  let i = 0;
  let j = 0;
  for (let step = 0; step < n + m && (i < n || j < m); step++) {
    const pa = (sa + i) % n;
    const pb = (sb + j) % m;
    const na = (pa + 1) % n;
    const nb = (pb + 1) % m;
    consider(best, a[2 * pa]! - b[2 * pb]!, a[2 * pa + 1]! - b[2 * pb + 1]!, dk, spacing);
    // Edge of A leaving pa, and edge of −B leaving −b[pb] (i.e. b[pb] − b[nb]).
    const eax = a[2 * na]! - a[2 * pa]!;
    const eay = a[2 * na + 1]! - a[2 * pa + 1]!;
    const ebx = b[2 * pb]! - b[2 * nb]!;
    const eby = b[2 * pb + 1]! - b[2 * nb + 1]!;
    const cross = eax * eby - eay * ebx;
    if (cross >= 0 && i < n) i++;
    if (cross <= 0 && j < m) j++;
  }
}

/**
 * Largest distance between voxel centres of all slices plus half a voxel's extent along it
 * (edge to edge), mm: the maximum over every pair of slices of their hulls' farthest pair.
 * `hulls` holds one entry per slice (null = none of the segment there), k ascending.
 */
export function maximum3dDiameter(
  hulls: ReadonlyArray<{ readonly k: number; readonly hull: SliceHull }>,
  spacing: Vec3,
): number | null {
  if (hulls.length === 0) return null;
  if (hulls.length === 1 && hulls[0]!.hull.length === 2)
    return Math.max(spacing[0], spacing[1], spacing[2]);
  const best: FarthestPair = { d2: 0, extentNumerator: 0 };
  for (let p = 0; p < hulls.length; p++) {
    const a = hulls[p]!;
    for (let q = p; q < hulls.length; q++) {
      const b = hulls[q]!;
      farthestBetweenHulls(a.hull, b.hull, b.k - a.k, spacing, best);
    }
  }
  const d = Math.sqrt(best.d2);
  return d + (0.5 * best.extentNumerator) / d;
}
