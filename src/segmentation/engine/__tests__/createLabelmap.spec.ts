import { describe, expect, it } from 'vitest';
import { createLabelmap } from '../createLabelmap.ts';

describe('createLabelmap', () => {
  it('allocates one empty byte per voxel', () => {
    const labelmap = createLabelmap({ dimensions: [4, 3, 2], spacingMm: [0.5, 0.5, 2] });
    expect(labelmap.data).toEqual(new Uint8Array(24));
  });

  it('wraps existing data of the right length and refuses the wrong one', () => {
    const data = new Uint8Array(24).fill(3);
    expect(createLabelmap({ dimensions: [4, 3, 2], spacingMm: [1, 1, 1] }, data).data).toBe(data);
    expect(() =>
      createLabelmap({ dimensions: [4, 3, 2], spacingMm: [1, 1, 1] }, new Uint8Array(23)),
    ).toThrow(expect.objectContaining({ code: 'SIZE_MISMATCH' }));
  });

  it('rejects non-integer or empty dimensions and non-positive spacing', () => {
    for (const geometry of [
      { dimensions: [0, 3, 2], spacingMm: [1, 1, 1] },
      { dimensions: [2.5, 3, 2], spacingMm: [1, 1, 1] },
      { dimensions: [2, 3, 2], spacingMm: [1, 0, 1] },
      { dimensions: [2, 3, 2], spacingMm: [1, 1, Number.NaN] },
      { dimensions: [65536, 65536, 1], spacingMm: [1, 1, 1] },
    ] as const)
      expect(() => createLabelmap(geometry)).toThrow(
        expect.objectContaining({ code: 'INVALID_GEOMETRY' }),
      );
  });
});
