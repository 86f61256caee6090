import { describe, expect, it } from 'vitest';
import type { DisplayVolume } from '../displayVolume';
import { viewAxis, worldToIndex } from '../volumeIndex';

function volume(
  direction: number[],
  spacing: [number, number, number],
  origin: [number, number, number],
): DisplayVolume {
  return {
    key: 'v',
    seriesInstanceUid: 's',
    studyInstanceUid: 't',
    modality: 'CT',
    frameOfReferenceUid: null,
    dimensions: [10, 10, 10],
    spacing,
    direction,
    slicePositions: [origin],
    data: new Int16Array(1000),
    window: null,
    isVolume: true,
  };
}

describe('worldToIndex', () => {
  it('maps an axial volume with non-square pixels', () => {
    const v = volume([1, 0, 0, 0, 1, 0, 0, 0, 1], [0.8, 0.5, 2.5], [-100, -50, 20]);
    // 4 columns right (3.2 mm), 6 rows down (3 mm), 2 slices up (5 mm).
    const [i, j, k] = worldToIndex(v, [-96.8, -47, 25]);
    expect(i).toBeCloseTo(4, 9);
    expect(j).toBeCloseTo(6, 9);
    expect(k).toBeCloseTo(2, 9);
  });

  it('maps a coronal acquisition (rows run towards the feet)', () => {
    // Row direction +x, column direction −z, normal = row × column = +y.
    const v = volume([1, 0, 0, 0, 0, -1, 0, 1, 0], [1, 1.5, 3], [0, 0, 0]);
    const [i, j, k] = worldToIndex(v, [2, 9, -3]);
    expect(i).toBeCloseTo(2);
    expect(j).toBeCloseTo(2);
    expect(k).toBeCloseTo(3);
  });
});

describe('viewAxis', () => {
  it('names the index axis a view looks along, and refuses oblique views', () => {
    const v = volume([1, 0, 0, 0, 1, 0, 0, 0, 1], [1, 1, 1], [0, 0, 0]);
    expect(viewAxis(v, [0, 0, -1])).toBe('k');
    expect(viewAxis(v, [0, 1, 0])).toBe('j');
    expect(viewAxis(v, [-1, 0, 0])).toBe('i');
    expect(viewAxis(v, [Math.SQRT1_2, 0, Math.SQRT1_2])).toBeNull();
  });
});
