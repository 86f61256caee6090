import { describe, expect, it } from 'vitest';
import { computeSignedDistance2d } from '../computeSignedDistance2d.ts';
import { computeSquaredDistance2d } from '../computeSquaredDistance2d.ts';
import { createPrng } from './fixtures.ts';

/** Brute force: min over all feature pixels of the squared mm distance. */
function bruteForce(feature: Uint8Array, w: number, h: number, sx: number, sy: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let best = Infinity;
      for (let fy = 0; fy < h; fy++)
        for (let fx = 0; fx < w; fx++)
          if (feature[fx + fy * w])
            best = Math.min(best, ((x - fx) * sx) ** 2 + ((y - fy) * sy) ** 2);
      out.push(best);
    }
  return out;
}

describe('computeSquaredDistance2d', () => {
  it('matches brute force on random masks with anisotropic spacing', () => {
    const random = createPrng(5);
    for (let trial = 0; trial < 40; trial++) {
      const w = 1 + Math.floor(random() * 24);
      const h = 1 + Math.floor(random() * 24);
      const sx = 0.3 + random() * 2;
      const sy = 0.3 + random() * 2;
      const density = [0.01, 0.1, 0.5, 0.95][trial % 4] ?? 0.1;
      const feature = new Uint8Array(w * h).map(() => (random() < density ? 1 : 0));
      const truth = bruteForce(feature, w, h, sx, sy);
      const got = Array.from(computeSquaredDistance2d(feature, w, h, sx, sy));
      got.forEach((d, p) => {
        const t = truth[p] ?? NaN;
        if (t === Infinity) expect(d).toBe(Infinity);
        else expect(Math.abs(d - t)).toBeLessThanOrEqual(1e-9 * Math.max(1, t));
      });
    }
  });

  it('gives the hand-computed distances around one pixel', () => {
    // Feature at (1, 1) of a 3×2 grid, spacing 2 × 3 mm: (0,0) → 2² + 3² = 13.
    const d = computeSquaredDistance2d(Uint8Array.of(0, 0, 0, 0, 1, 0), 3, 2, 2, 3);
    expect(Array.from(d)).toEqual([13, 9, 13, 4, 0, 4]);
  });

  it('is infinite everywhere without any feature pixel', () => {
    expect(Array.from(computeSquaredDistance2d(new Uint8Array(6), 3, 2, 1, 1))).toEqual(
      Array(6).fill(Infinity),
    );
  });

  it('rejects a mask of the wrong size', () => {
    expect(() => computeSquaredDistance2d(new Uint8Array(5), 3, 2, 1, 1)).toThrow(
      expect.objectContaining({ code: 'SIZE_MISMATCH' }),
    );
  });
});

describe('computeSignedDistance2d', () => {
  it('is −distance to the outside inside and +distance to the inside outside', () => {
    // Row mask 0 1 1 1 0 at 2 mm: outside ends are 2 mm from the mask, the centre 4 mm from outside.
    const d = computeSignedDistance2d(Uint8Array.of(0, 1, 1, 1, 0), 5, 1, 2, 1);
    expect(Array.from(d)).toEqual([2, -2, -4, -2, 2]);
  });
});
