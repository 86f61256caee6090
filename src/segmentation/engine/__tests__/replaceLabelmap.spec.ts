import { describe, expect, it } from 'vitest';
import { createEditHistory } from '../createEditHistory.ts';
import { replaceLabelmap } from '../replaceLabelmap.ts';
import { fillBlock, labelmapOf, set } from './fixtures.ts';

describe('replaceLabelmap', () => {
  it('writes the new labels and keeps only the box where voxels changed', () => {
    const labelmap = labelmapOf([8, 6, 5]);
    fillBlock(labelmap, [1, 1, 1], [2, 2, 1], 1);
    const next = labelmapOf([8, 6, 5]);
    fillBlock(next, [1, 1, 1], [2, 2, 1], 1); // unchanged voxels
    set(next, 6, 4, 3, 2);
    set(next, 5, 0, 2, 3);
    const record = replaceLabelmap(labelmap, next.data, 'Load SEG');
    expect(labelmap.data).toEqual(next.data);
    expect(record?.box).toEqual({ min: [5, 0, 2], max: [6, 4, 3] });
    expect(record?.changedVoxels).toBe(2);
    expect(record?.before.length).toBe(2 * 5 * 2);
  });

  it('undoes back to the old labels byte for byte, segments removed included', () => {
    const labelmap = labelmapOf([5, 4, 3]);
    fillBlock(labelmap, [0, 0, 0], [4, 3, 0], 7);
    const old = labelmap.data.slice();
    const next = labelmapOf([5, 4, 3]);
    fillBlock(next, [2, 1, 1], [3, 2, 2], 1);
    const history = createEditHistory({ maxBytes: 1 << 20 });
    history.push(replaceLabelmap(labelmap, next.data, 'Load SEG')!);
    history.undo(labelmap);
    expect(labelmap.data).toEqual(old);
    history.redo(labelmap);
    expect(labelmap.data).toEqual(next.data);
  });

  it('returns null when nothing changes and refuses a labelmap of another size', () => {
    const labelmap = labelmapOf([3, 3, 3]);
    set(labelmap, 1, 1, 1, 4);
    expect(replaceLabelmap(labelmap, labelmap.data.slice(), 'same')).toBeNull();
    expect(() => replaceLabelmap(labelmap, new Uint8Array(26), 'short')).toThrow(/26 voxels/);
  });
});
