import { describe, expect, it } from 'vitest';
import { polygonRegion } from '../polygonRegion.ts';
import type { LabelmapGeometry, PlaneAxis } from '../types.ts';
import { regionVoxels } from './fixtures.ts';

type Vertex = readonly [number, number];

const geometry: LabelmapGeometry = { dimensions: [96, 80, 72], spacingMm: [0.7, 0.9, 2.5] };
const inPlaneSpacing: Record<PlaneAxis, [number, number]> = {
  k: [0.7, 0.9],
  j: [0.7, 2.5],
  i: [0.9, 2.5],
};

const filledAreaMm2 = (vertices: Vertex[], plane: PlaneAxis): number => {
  const region = polygonRegion({ vertices, plane, sliceIndex: 5, geometry });
  const [su, sv] = inPlaneSpacing[plane];
  return regionVoxels(region).size * su * sv;
};

// Shoelace area in index units, an independent analytic truth for simple polygons.
const shoelace = (vertices: Vertex[]): number =>
  Math.abs(
    vertices.reduce((sum, [x0, y0], n) => {
      const [x1, y1] = vertices[(n + 1) % vertices.length]!;
      return sum + x0 * y1 - x1 * y0;
    }, 0),
  ) / 2;

describe('polygonRegion', () => {
  const square: Vertex[] = [
    [10.3, 10.3],
    [50.3, 10.3],
    [50.3, 50.3],
    [10.3, 50.3],
  ];
  // Square of side 40 rotated by 30°, centred at (40, 35).
  const rotated: Vertex[] = [0, 1, 2, 3].map((n) => {
    const angle = Math.PI / 6 + (n * Math.PI) / 2;
    return [40 + 20 * Math.SQRT2 * Math.cos(angle), 35 + 20 * Math.SQRT2 * Math.sin(angle)];
  });
  const triangle: Vertex[] = [
    [5.5, 5.2],
    [45.5, 5.2],
    [5.5, 35.2],
  ];
  // Regular 12-gon of circumradius 20: area = ½·12·20²·sin(30°) = 1200.
  const dodecagon: Vertex[] = Array.from({ length: 12 }, (_, n) => [
    40.1 + 20 * Math.cos((n * Math.PI) / 6),
    35.3 + 20 * Math.sin((n * Math.PI) / 6),
  ]);
  const shapes: { name: string; vertices: Vertex[]; area: number }[] = [
    { name: 'square', vertices: square, area: 40 * 40 },
    { name: 'rotated square', vertices: rotated, area: 40 * 40 },
    { name: 'right triangle', vertices: triangle, area: (40 * 30) / 2 },
    { name: 'regular 12-gon', vertices: dodecagon, area: 1200 },
  ];

  for (const { name, vertices, area } of shapes) {
    for (const plane of ['k', 'j', 'i'] as const) {
      it(`fills a ${name} on plane ${plane} to within 2 % of its analytic area`, () => {
        expect(shoelace(vertices)).toBeCloseTo(area, 6);
        const [su, sv] = inPlaneSpacing[plane];
        const truth = area * su * sv;
        expect(Math.abs(filledAreaMm2(vertices, plane) / truth - 1)).toBeLessThan(0.02);
      });
    }
  }

  it('fills an axis-aligned square exactly (centres in [x0, x1))', () => {
    const region = polygonRegion({ vertices: square, plane: 'k', sliceIndex: 5, geometry });
    expect(region.box).toEqual({ min: [11, 11, 5], max: [50, 50, 5] });
    expect(regionVoxels(region).size).toBe(1600);
  });

  it('fills a concave L without its notch', () => {
    // 10×10 square minus its 6×6 upper-right quarter: 100 − 36 = 64 voxels.
    const L: Vertex[] = [
      [0.5, 0.5],
      [10.5, 0.5],
      [10.5, 4.5],
      [4.5, 4.5],
      [4.5, 10.5],
      [0.5, 10.5],
    ];
    const painted = regionVoxels(
      polygonRegion({ vertices: L, plane: 'k', sliceIndex: 0, geometry }),
    );
    expect(painted.size).toBe(64);
    expect(painted.has('2,8,0')).toBe(true);
    expect(painted.has('8,2,0')).toBe(true);
    expect(painted.has('7,7,0')).toBe(false);
  });

  it('fills a self-intersecting bow-tie by the even-odd rule', () => {
    // Edges cross at (10, 10): left and right triangles (area 100 each) are inside, top and bottom are not.
    const bowTie: Vertex[] = [
      [0, 0],
      [20, 20],
      [20, 0],
      [0, 20],
    ];
    const painted = regionVoxels(
      polygonRegion({ vertices: bowTie, plane: 'k', sliceIndex: 0, geometry }),
    );
    expect(painted.has('3,10,0')).toBe(true);
    expect(painted.has('17,10,0')).toBe(true);
    expect(painted.has('10,3,0')).toBe(false);
    expect(painted.has('10,17,0')).toBe(false);
    expect(Math.abs(painted.size / 200 - 1)).toBeLessThan(0.1);
  });

  it('leaves the centre of a pentagram empty (even-odd, not non-zero winding)', () => {
    const star: Vertex[] = [0, 2, 4, 1, 3].map((n) => [
      40 + 30 * Math.cos(-Math.PI / 2 + (n * 2 * Math.PI) / 5),
      40 + 30 * Math.sin(-Math.PI / 2 + (n * 2 * Math.PI) / 5),
    ]);
    const painted = regionVoxels(
      polygonRegion({ vertices: star, plane: 'k', sliceIndex: 0, geometry }),
    );
    expect(painted.has('40,40,0')).toBe(false);
    // A point inside one tip: straight up from the centre, 25 index units away.
    expect(painted.has('40,15,0')).toBe(true);
  });

  it('clips vertices outside the volume', () => {
    const small: LabelmapGeometry = { dimensions: [20, 20, 4], spacingMm: [1, 1, 1] };
    const region = polygonRegion({
      vertices: [
        [-10.5, -10.5],
        [5.5, -10.5],
        [5.5, 5.5],
        [-10.5, 5.5],
      ],
      plane: 'k',
      sliceIndex: 2,
      geometry: small,
    });
    expect(region.box).toEqual({ min: [0, 0, 2], max: [5, 5, 2] });
    expect(regionVoxels(region).size).toBe(36);
  });

  it('gives an empty region for a polygon outside the volume or with under three vertices', () => {
    const small: LabelmapGeometry = { dimensions: [20, 20, 4], spacingMm: [1, 1, 1] };
    const outside = polygonRegion({
      vertices: [
        [30, 30],
        [40, 30],
        [40, 40],
      ],
      plane: 'k',
      sliceIndex: 2,
      geometry: small,
    });
    expect(regionVoxels(outside).size).toBe(0);
    const line = polygonRegion({
      vertices: [
        [1, 1],
        [5, 5],
      ],
      plane: 'k',
      sliceIndex: 9,
      geometry: small,
    });
    expect(regionVoxels(line).size).toBe(0);
    expect(line.box.max[2]).toBe(3);
  });
});
