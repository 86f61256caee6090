import { describe, expect, it } from 'vitest';
import { convexHull2d, type Point2 } from '../convexHull2d';
import { farthestBetweenHulls, maximum3dDiameter, type FarthestPair } from '../maximum3dDiameter';
import type { Vec3 } from '../types';

function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flatHull(points: readonly Point2[]): Int32Array {
  return Int32Array.from(convexHull2d(points).flat());
}

/** The farthest pair by brute force over every pair of the raw points (not only hull vertices). */
function bruteForce(a: readonly Point2[], b: readonly Point2[], dk: number, s: Vec3) {
  let d2 = 0;
  let extentNumerator = 0;
  for (const p of a)
    for (const q of b) {
      const di = p[0] - q[0];
      const dj = p[1] - q[1];
      const x = di * s[0];
      const y = dj * s[1];
      const z = dk * s[2];
      const d = x * x + y * y + z * z;
      const n =
        Math.abs(di) * s[0] * s[0] + Math.abs(dj) * s[1] * s[1] + Math.abs(dk) * s[2] * s[2];
      if (d > d2 || (d === d2 && n > extentNumerator)) {
        d2 = d;
        extentNumerator = n;
      }
    }
  return { d2, extentNumerator };
}

describe('farthestBetweenHulls', () => {
  it('finds the farthest pair of two point sets as brute force does, hulls of any size', () => {
    const random = createPrng(7);
    const spacing: Vec3 = [0.78, 0.62, 1.25];
    for (let trial = 0; trial < 400; trial++) {
      const cloud = (): Point2[] => {
        const n = 1 + Math.floor(random() * (trial % 3 === 0 ? 3 : 40));
        const cx = Math.floor(random() * 30);
        const cy = Math.floor(random() * 30);
        const r = 1 + random() * 15;
        return Array.from({ length: n }, () => [
          cx + Math.round((random() - 0.5) * 2 * r),
          cy + Math.round((random() - 0.5) * 2 * r),
        ]);
      };
      const a = cloud();
      const b = trial % 5 === 0 ? a : cloud();
      const dk = trial % 5 === 0 ? 0 : Math.floor(random() * 6);
      const best: FarthestPair = { d2: 0, extentNumerator: 0 };
      farthestBetweenHulls(flatHull(a), flatHull(b), dk, spacing, best);
      expect(best).toEqual(bruteForce(a, b, dk, spacing));
    }
  });
});

describe('maximum3dDiameter', () => {
  const spacing: Vec3 = [0.5, 0.8, 3];

  it('is the largest side of a single voxel', () => {
    expect(maximum3dDiameter([{ k: 4, hull: Int32Array.of(2, 2) }], spacing)).toBe(3);
  });

  it('adds half a voxel along the slice normal to two voxels on adjacent slices', () => {
    const hulls = [
      { k: 4, hull: Int32Array.of(2, 2) },
      { k: 5, hull: Int32Array.of(2, 2) },
    ];
    // Centres 3 mm apart, plus half the 3 mm voxel extent (the edge lies between centres).
    expect(maximum3dDiameter(hulls, spacing)).toBeCloseTo(4.5, 12);
  });

  it('takes the diagonal between opposite corners of a block', () => {
    // Corners (0,0,k=0) and (4,10,k=2): 2 × 8 × 6 mm between centres.
    const square = Int32Array.of(0, 0, 4, 0, 4, 10, 0, 10);
    const hulls = [0, 1, 2].map((k) => ({ k, hull: square }));
    const centre = Math.hypot(2, 8, 6);
    const extent = 0.5 * ((2 / centre) * 0.5 + (8 / centre) * 0.8 + (6 / centre) * 3);
    expect(maximum3dDiameter(hulls, spacing)).toBeCloseTo(centre + extent, 12);
  });

  it('returns null without slices', () => {
    expect(maximum3dDiameter([], spacing)).toBeNull();
  });
});
