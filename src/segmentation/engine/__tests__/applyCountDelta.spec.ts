import { describe, expect, it } from 'vitest';
import { applyCountDelta } from '../applyCountDelta.ts';
import { countVoxelsBySegment } from '../countVoxelsBySegment.ts';
import { createEditHistory } from '../createEditHistory.ts';
import { voxelVolumeMl } from '../voxelVolumeMl.ts';
import type { EditRecord } from '../types.ts';
import { createPrng, labelmapOf, randomStroke } from './fixtures.ts';

/** The truth: one plain pass over every voxel. */
const recount = (data: Uint8Array): number[] => {
  const counts = Array<number>(256).fill(0);
  for (const v of data) counts[v]!++;
  return counts;
};

describe('countVoxelsBySegment', () => {
  it('counts every label value, including an unaligned view and a tail shorter than a word', () => {
    const random = createPrng(3);
    const buffer = new Uint8Array(4 * 1000 + 7);
    for (let q = 0; q < buffer.length; q++)
      buffer[q] = random() < 0.8 ? 0 : Math.floor(random() * 256);
    const aligned = labelmapOf([13, 11, 7]); // 1001 voxels: 250 words + 1 byte
    aligned.data.set(buffer.subarray(0, 1001));
    expect(Array.from(countVoxelsBySegment(aligned))).toEqual(recount(aligned.data));
    const unaligned = { geometry: aligned.geometry, data: buffer.subarray(3, 1004) };
    expect(Array.from(countVoxelsBySegment(unaligned))).toEqual(recount(unaligned.data));
  });

  it('counts a lone 128 in the top byte of an 8-byte word (its bits read as float −0)', () => {
    const labelmap = labelmapOf([8, 4, 1]);
    labelmap.data[15] = 128;
    const counts = countVoxelsBySegment(labelmap);
    expect([counts[0], counts[128]]).toEqual([31, 1]);
  });
});

describe('applyCountDelta', () => {
  it('keeps counts equal to a full recount through random strokes, undos and redos', () => {
    const labelmap = labelmapOf([20, 18, 10], [0.5, 0.8, 3]);
    const random = createPrng(99);
    const counts = countVoxelsBySegment(labelmap);
    const history = createEditHistory({ maxBytes: Infinity });
    for (let n = 0; n < 300; n++) {
      const roll = random();
      let record: EditRecord | null;
      if (roll < 0.6) {
        record = randomStroke(labelmap, random, n);
        if (record) {
          history.push(record);
          applyCountDelta(counts, record, 'do');
        }
      } else if (roll < 0.85) {
        record = history.undo(labelmap);
        if (record) applyCountDelta(counts, record, 'undo');
      } else {
        record = history.redo(labelmap);
        if (record) applyCountDelta(counts, record, 'do');
      }
      if (n % 25 === 0) expect(Array.from(counts)).toEqual(recount(labelmap.data));
    }
    expect(Array.from(counts)).toEqual(recount(labelmap.data));
  });

  it('moves counts between the before and after labels of a hand-made record', () => {
    const counts = new Uint32Array(256);
    counts[0] = 10;
    counts[2] = 3;
    const record: EditRecord = {
      box: { min: [0, 0, 0], max: [3, 0, 0] },
      before: Uint8Array.of(0, 0, 2, 2),
      after: Uint8Array.of(1, 0, 1, 0),
      changedVoxels: 3,
      label: 'x',
    };
    applyCountDelta(counts, record, 'do');
    expect([counts[0], counts[1], counts[2]]).toEqual([10 - 1 + 1, 2, 1]);
    applyCountDelta(counts, record, 'undo');
    expect([counts[0], counts[1], counts[2]]).toEqual([10, 0, 3]);
  });
});

describe('voxelVolumeMl', () => {
  it('is sx·sy·sz / 1000', () => {
    // 0.78 × 0.78 × 1.25 = 0.7605 mm³ = 0.0007605 mL.
    expect(voxelVolumeMl({ dimensions: [1, 1, 1], spacingMm: [0.78, 0.78, 1.25] })).toBeCloseTo(
      0.0007605,
      12,
    );
  });
});
