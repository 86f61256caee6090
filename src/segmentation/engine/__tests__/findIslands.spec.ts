import { describe, expect, it } from 'vitest';
import { findIslands } from '../findIslands.ts';
import { removeSmallIslands } from '../removeSmallIslands.ts';
import { splitIslands } from '../splitIslands.ts';
import { at, countValue, fillBlock, labelmapOf, set } from './fixtures.ts';

/** Three separated blobs of segment 1 (27, 8 and 1 voxels) next to a block of segment 2. */
function threeBlobs() {
  const labelmap = labelmapOf([20, 20, 20]);
  fillBlock(labelmap, [2, 2, 2], [4, 4, 4], 1); // 3×3×3 = 27
  fillBlock(labelmap, [10, 10, 10], [11, 11, 11], 1); // 2×2×2 = 8
  set(labelmap, 17, 3, 15, 1); // 1
  fillBlock(labelmap, [5, 2, 2], [6, 4, 4], 2); // touches the first blob; another segment
  return labelmap;
}

describe('findIslands', () => {
  it('finds three separated blobs with their exact sizes and boxes, largest first', () => {
    const islands = findIslands(threeBlobs(), 1, 6);
    expect(islands.map((i) => i.voxelCount)).toEqual([27, 8, 1]);
    expect(islands[0]?.box).toEqual({ min: [2, 2, 2], max: [4, 4, 4] });
    expect(islands[1]?.box).toEqual({ min: [10, 10, 10], max: [11, 11, 11] });
    expect(islands[2]?.box).toEqual({ min: [17, 3, 15], max: [17, 3, 15] });
    expect(islands[2]?.seed).toEqual([17, 3, 15]);
  });

  it('joins diagonal-only contact with 26-connectivity and separates it with 6', () => {
    const corner = labelmapOf([5, 5, 5]);
    set(corner, 1, 1, 1, 3);
    set(corner, 2, 2, 2, 3);
    expect(findIslands(corner, 3, 26).map((i) => i.voxelCount)).toEqual([2]);
    expect(findIslands(corner, 3, 6).map((i) => i.voxelCount)).toEqual([1, 1]);
    const edge = labelmapOf([5, 5, 5]);
    set(edge, 1, 1, 1, 3);
    set(edge, 2, 2, 1, 3);
    expect(findIslands(edge, 3, 26)).toHaveLength(1);
    expect(findIslands(edge, 3, 6)).toHaveLength(2);
  });

  it('returns nothing for an absent segment', () => {
    expect(findIslands(labelmapOf([4, 4, 4]), 9)).toEqual([]);
  });

  it('uses 6-connectivity by default', () => {
    const corner = labelmapOf([3, 3, 3]);
    set(corner, 0, 0, 0, 1);
    set(corner, 1, 1, 1, 1);
    expect(findIslands(corner, 1)).toHaveLength(2);
  });
});

describe('removeSmallIslands', () => {
  it('erases islands under the minimum size and leaves the rest and other segments', () => {
    const labelmap = threeBlobs();
    const before = labelmap.data.slice();
    const record = removeSmallIslands(labelmap, 1, 8, 6);
    expect(record?.changedVoxels).toBe(1);
    expect(record?.box).toEqual({ min: [17, 3, 15], max: [17, 3, 15] });
    expect(at(labelmap, 17, 3, 15)).toBe(0);
    expect(countValue(labelmap.data, 1)).toBe(35);
    expect(countValue(labelmap.data, 2)).toBe(countValue(before, 2));
    expect(removeSmallIslands(labelmap, 1, 8, 6)).toBeNull();
  });
});

describe('splitIslands', () => {
  it('keeps the largest island and gives the others new segments, largest first', () => {
    const labelmap = threeBlobs();
    const free = [7, 8];
    const { record, created } = splitIslands(labelmap, 1, () => free.shift() ?? null, 6);
    expect(created).toEqual([7, 8]);
    expect(record?.changedVoxels).toBe(9);
    expect(at(labelmap, 3, 3, 3)).toBe(1);
    expect(at(labelmap, 10, 11, 10)).toBe(7);
    expect(at(labelmap, 17, 3, 15)).toBe(8);
    expect(countValue(labelmap.data, 2)).toBe(18);
  });

  it('stops when no index is free and leaves the remaining islands in place', () => {
    const labelmap = threeBlobs();
    const free = [7];
    const { created } = splitIslands(labelmap, 1, () => free.shift() ?? null, 6);
    expect(created).toEqual([7]);
    expect(at(labelmap, 10, 10, 10)).toBe(7);
    expect(at(labelmap, 17, 3, 15)).toBe(1);
  });

  it('does nothing for a single island', () => {
    const labelmap = labelmapOf([4, 4, 4]);
    fillBlock(labelmap, [0, 0, 0], [1, 1, 1], 1);
    expect(splitIslands(labelmap, 1, () => 2)).toEqual({ record: null, created: [] });
  });
});
