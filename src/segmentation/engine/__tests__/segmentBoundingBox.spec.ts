import { describe, expect, it } from 'vitest';
import { segmentBoundingBox } from '../segmentBoundingBox.ts';
import { labelmapOf, set } from './fixtures.ts';

describe('segmentBoundingBox', () => {
  it('spans the extreme voxels of the segment on each axis', () => {
    const labelmap = labelmapOf([9, 7, 5]);
    set(labelmap, 3, 6, 1, 4);
    set(labelmap, 8, 2, 3, 4);
    set(labelmap, 0, 0, 4, 5); // another segment
    set(labelmap, 5, 1, 2, 4);
    expect(segmentBoundingBox(labelmap, 4)).toEqual({ min: [3, 1, 1], max: [8, 6, 3] });
    expect(segmentBoundingBox(labelmap, 5)).toEqual({ min: [0, 0, 4], max: [0, 0, 4] });
  });

  it('finds one voxel in the unaligned tail and returns null for an absent segment', () => {
    const labelmap = labelmapOf([3, 3, 3]); // 27 voxels: the last 3 are past the last word
    set(labelmap, 2, 2, 2, 1);
    expect(segmentBoundingBox(labelmap, 1)).toEqual({ min: [2, 2, 2], max: [2, 2, 2] });
    expect(segmentBoundingBox(labelmap, 2)).toBeNull();
  });

  it('finds segment 128 alone in the top byte of an 8-byte word (its bits read as float −0)', () => {
    const labelmap = labelmapOf([8, 4, 2]);
    set(labelmap, 7, 1, 1, 128); // byte 47 = 8·5 + 7
    expect(segmentBoundingBox(labelmap, 128)).toEqual({ min: [7, 1, 1], max: [7, 1, 1] });
  });
});
