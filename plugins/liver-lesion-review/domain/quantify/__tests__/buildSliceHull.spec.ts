import { describe, expect, it } from 'vitest';
import { buildSliceHull } from '../buildSliceHull';
import { convexHull2d, type Point2 } from '../convexHull2d';
import type { IndexBox, Vec3 } from '../types';

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

const DIMS: Vec3 = [12, 10, 3];
const WHOLE: IndexBox = { min: [0, 0, 0], max: [11, 9, 2] };

function slice(rows: string[], k = 1): Uint8Array {
  const labels = new Uint8Array(12 * 10 * 3);
  rows.forEach((row, j) =>
    [...row].forEach((c, i) => {
      if (c !== '.') labels[(k * 10 + j) * 12 + i] = Number(c);
    }),
  );
  return labels;
}

const pairs = (flat: Int32Array | null): number[][] =>
  flat ? Array.from({ length: flat.length / 2 }, (_, v) => [flat[2 * v]!, flat[2 * v + 1]!]) : [];

/** Twice the signed area: positive for counter-clockwise (i right, j up). */
function signedArea2(points: number[][]): number {
  let sum = 0;
  points.forEach((p, v) => {
    const q = points[(v + 1) % points.length]!;
    sum += p[0]! * q[1]! - q[0]! * p[1]!;
  });
  return sum;
}

describe('buildSliceHull', () => {
  it('returns the corners of an L-shaped segment counter-clockwise, without edge points', () => {
    const labels = slice(['....', '.1..', '.1..', '.111', '.111']);
    const hull = pairs(buildSliceHull(labels, DIMS, 1, 1, WHOLE));
    // The L's hull is (1,1), (3,3), (3,4), (1,4); (1,2), (1,3) and (2,4) lie on its edges.
    expect(new Set(hull.map((p) => p.join(',')))).toEqual(new Set(['1,1', '3,3', '3,4', '1,4']));
    expect(signedArea2(hull)).toBeGreaterThan(0);
  });

  it('has the vertices of the hull of every voxel centre of the slice', () => {
    const random = createPrng(11);
    for (let trial = 0; trial < 200; trial++) {
      const labels = new Uint8Array(12 * 10 * 3);
      const points: Point2[] = [];
      const fill = random();
      for (let j = 0; j < 10; j++)
        for (let i = 0; i < 12; i++)
          if (random() < fill * 0.3) {
            labels[(2 * 10 + j) * 12 + i] = 5;
            points.push([i, j]);
          }
      // Another segment (where the voxel is empty) and another slice must not count.
      labels[(2 * 10 + 3) * 12 + 4] ||= 6;
      labels[(1 * 10 + 9) * 12 + 11] = 5;
      const hull = pairs(buildSliceHull(labels, DIMS, 5, 2, WHOLE));
      const expected = convexHull2d(points).map((p) => [p[0], p[1]]);
      expect(new Set(hull.map((p) => p.join(',')))).toEqual(
        new Set(expected.map((p) => p.join(','))),
      );
      if (hull.length >= 3) expect(signedArea2(hull)).toBeGreaterThan(0);
    }
  });

  it('is null on a slice without the segment and one point for a single voxel', () => {
    const labels = slice(['..', '.2']);
    expect(buildSliceHull(labels, DIMS, 2, 0, WHOLE)).toBeNull();
    expect(pairs(buildSliceHull(labels, DIMS, 2, 1, WHOLE))).toEqual([[1, 1]]);
  });

  it('keeps the two ends of a straight run only', () => {
    const labels = slice(['.3333.']);
    expect(pairs(buildSliceHull(labels, DIMS, 3, 1, WHOLE))).toEqual([
      [1, 0],
      [4, 0],
    ]);
  });
});
