import { describe, expect, it } from 'vitest';
import { circleInSlice, patientToIndex } from '../patientToIndex';

// A coronal grid (rows along −z): index (i, j, k) ↦ origin + i·sx·x̂ + j·sy·(−ẑ) + k·sz·ŷ.
const grid = {
  dimensions: [10, 10, 10] as const,
  spacingMm: [0.5, 2, 3] as const,
  originMm: [10, 20, 30] as const,
  direction: [1, 0, 0, 0, 0, -1, 0, 1, 0],
};

describe('patientToIndex', () => {
  it('inverts the index → patient map on an anisotropic oblique-axis grid', () => {
    // (i, j, k) = (4, 3, 2) → (10 + 2, 20 + 6, 30 − 6) = (12, 26, 24)
    expect(patientToIndex(grid, [12, 26, 24])).toEqual([4, 3, 2]);
  });
});

describe('circleInSlice', () => {
  it('stays in the slice plane at the radius from the centre', () => {
    const points = circleInSlice(grid, [12, 26, 24], 5, 8);
    expect(points).toHaveLength(9);
    for (const p of points) {
      expect(p[1]).toBeCloseTo(26, 12); // the slice normal is y
      expect(Math.hypot(p[0] - 12, p[2] - 24)).toBeCloseTo(5, 12);
    }
  });
});
