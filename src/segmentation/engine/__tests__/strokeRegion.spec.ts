import { describe, expect, it } from 'vitest';
import { brushRegion } from '../brushRegion.ts';
import { strokeRegion } from '../strokeRegion.ts';
import type { Ijk, LabelmapGeometry } from '../types.ts';
import { createPrng, regionVoxels } from './fixtures.ts';

/** Distance in mm from a voxel centre to segment a–b, by ternary search (not the projection formula). */
function distanceToSegmentMm(p: Ijk, a: Ijk, b: Ijk, spacing: readonly number[]): number {
  const [sx = 1, sy = 1, sz = 1] = spacing;
  const squared = (t: number): number =>
    ((p[0] - a[0] - t * (b[0] - a[0])) * sx) ** 2 +
    ((p[1] - a[1] - t * (b[1] - a[1])) * sy) ** 2 +
    ((p[2] - a[2] - t * (b[2] - a[2])) * sz) ** 2;
  let lo = 0;
  let hi = 1;
  for (let n = 0; n < 60; n++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (squared(m1) <= squared(m2)) hi = m2;
    else lo = m1;
  }
  return Math.sqrt(Math.min(squared((lo + hi) / 2), squared(0), squared(1)));
}

describe('strokeRegion', () => {
  it('paints the voxel centres within the radius of the segment (a capsule)', () => {
    const geometry: LabelmapGeometry = { dimensions: [44, 34, 16], spacingMm: [0.78, 0.78, 1.25] };
    const random = createPrng(11);
    for (let trial = 0; trial < 4; trial++) {
      const from: Ijk = [10 + 5 * random(), 10 + 5 * random(), 8 + random()];
      const to: Ijk = [30 + 10 * random(), 20 + 10 * random(), 10 + 2 * random()];
      const radiusMm = 3;
      const painted = regionVoxels(
        strokeRegion({ from, to, radiusMm, shape: 'sphere', plane: 'k', geometry }),
      );
      const [nx, ny, nz] = geometry.dimensions;
      let truth = 0;
      const wrong: string[] = [];
      for (let k = 0; k < nz; k++)
        for (let j = 0; j < ny; j++)
          for (let i = 0; i < nx; i++) {
            const d = distanceToSegmentMm([i, j, k], from, to, geometry.spacingMm);
            // Ternary search is exact to ~1e-10 mm; skip centres that close to the surface.
            if (Math.abs(d - radiusMm) < 1e-8) continue;
            const inside = d < radiusMm;
            if (inside) truth++;
            if (painted.has(`${i},${j},${k}`) !== inside) wrong.push(`${i},${j},${k}`);
          }
      expect(wrong).toEqual([]);
      expect(painted.size).toBe(truth);
    }
  });

  it('equals brushRegion when from = to', () => {
    const geometry: LabelmapGeometry = { dimensions: [30, 30, 12], spacingMm: [0.5, 0.8, 3] };
    for (const shape of ['circle', 'sphere'] as const) {
      const center: Ijk = [14.3, 15.6, 6.2];
      const stroke = strokeRegion({
        from: center,
        to: center,
        radiusMm: 4,
        shape,
        plane: 'j',
        geometry,
      });
      const brush = brushRegion({ center, radiusMm: 4, shape, plane: 'j', geometry });
      expect(regionVoxels(stroke)).toEqual(regionVoxels(brush));
    }
  });

  it('leaves no gap along a fast drag, even with a brush thinner than a voxel', () => {
    const geometry: LabelmapGeometry = { dimensions: [64, 64, 3], spacingMm: [1, 1, 1] };
    const from: Ijk = [2.2, 3.7, 1];
    const to: Ijk = [60.4, 41.1, 1];
    const painted = regionVoxels(
      strokeRegion({ from, to, radiusMm: 0.2, shape: 'circle', plane: 'k', geometry }),
    );
    // Walk 8-connected from the start voxel; the end voxel must be reachable.
    const seen = new Set(['2,4,1']);
    const queue = ['2,4,1'];
    while (queue.length > 0) {
      const [i, j] = queue.pop()!.split(',').map(Number) as [number, number];
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) {
          const key = `${i + di},${j + dj},1`;
          if (painted.has(key) && !seen.has(key)) {
            seen.add(key);
            queue.push(key);
          }
        }
    }
    expect(painted.has('2,4,1')).toBe(true);
    expect(seen.has('60,41,1')).toBe(true);
  });

  it('paints a circle stroke only on the slice of its current point', () => {
    const geometry: LabelmapGeometry = { dimensions: [30, 30, 10], spacingMm: [1, 1, 2] };
    const region = strokeRegion({
      from: [5, 5, 3],
      to: [20, 9, 4.2],
      radiusMm: 2,
      shape: 'circle',
      plane: 'k',
      geometry,
    });
    expect(region.box.min[2]).toBe(4);
    expect(region.box.max[2]).toBe(4);
    // In-plane capsule from (5,5) to (20,9), r = 2 mm: includes both ends and the midpoint.
    const painted = regionVoxels(region);
    for (const key of ['5,5,4', '20,9,4', '12,7,4', '3,5,4']) expect(painted.has(key)).toBe(true);
    expect(painted.has('12,10,4')).toBe(false);
  });
});
