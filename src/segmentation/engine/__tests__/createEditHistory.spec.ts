import { describe, expect, it } from 'vitest';
import { applyRegion } from '../applyRegion.ts';
import { brushRegion } from '../brushRegion.ts';
import { createEditHistory } from '../createEditHistory.ts';
import type { EditRecord, Ijk } from '../types.ts';
import { createPrng, labelmapOf, randomStroke } from './fixtures.ts';

describe('createEditHistory', () => {
  it('returns to the start byte for byte after 500 strokes and 500 undos, and to the end after 500 redos', () => {
    const labelmap = labelmapOf([24, 20, 12], [0.78, 0.78, 1.25]);
    const random = createPrng(20240607);
    for (let q = 0; q < labelmap.data.length; q++)
      if (random() < 0.05) labelmap.data[q] = 1 + Math.floor(random() * 3);
    const start = labelmap.data.slice();
    const history = createEditHistory({ maxBytes: Infinity });
    let pushed = 0;
    for (let n = 0; pushed < 500; n++) {
      const record = randomStroke(labelmap, random, n);
      if (!record) continue;
      history.push(record);
      pushed++;
    }
    const end = labelmap.data.slice();
    expect(end).not.toEqual(start);
    expect(history.depth()).toBe(500);
    for (let n = 0; n < 500; n++) expect(history.undo(labelmap)).not.toBeNull();
    expect(history.canUndo()).toBe(false);
    expect(history.undo(labelmap)).toBeNull();
    expect(labelmap.data).toEqual(start);
    for (let n = 0; n < 500; n++) expect(history.redo(labelmap)).not.toBeNull();
    expect(history.canRedo()).toBe(false);
    expect(labelmap.data).toEqual(end);
  });

  it('clears the redo stack on push', () => {
    const labelmap = labelmapOf([8, 8, 8]);
    const history = createEditHistory({ maxBytes: 1e6 });
    const click = (center: Ijk): EditRecord | null =>
      applyRegion(
        labelmap,
        brushRegion({
          center,
          radiusMm: 1,
          shape: 'sphere',
          plane: 'k',
          geometry: labelmap.geometry,
        }),
        { segment: 1, mode: 'paint', overwrite: 'all' },
        'click',
      );
    history.push(click([2, 2, 2])!);
    history.push(click([5, 5, 5])!);
    history.undo(labelmap);
    expect(history.canRedo()).toBe(true);
    history.push(click([2, 5, 2])!);
    expect(history.canRedo()).toBe(false);
    expect(history.depth()).toBe(2);
  });

  it('drops the oldest records past maxBytes, reports it, and still undoes the rest', () => {
    const labelmap = labelmapOf([10, 1, 1]);
    // Each record is a 2-voxel box: 2 bytes before + 2 after = 4 bytes.
    const history = createEditHistory({ maxBytes: 12 });
    const states: Uint8Array[] = [labelmap.data.slice()];
    const results = [];
    for (let n = 0; n < 5; n++) {
      const record = applyRegion(
        labelmap,
        { box: { min: [2 * n, 0, 0], max: [2 * n + 1, 0, 0] }, mask: Uint8Array.of(1, 1) },
        { segment: n + 1, mode: 'paint', overwrite: 'all' },
        `edit ${n}`,
      )!;
      results.push(history.push(record));
      states.push(labelmap.data.slice());
    }
    expect(results.map((r) => r.droppedRecords)).toEqual([0, 0, 0, 1, 1]);
    expect(results[4]?.droppedBytes).toBe(4);
    expect(history.bytes()).toBe(12);
    expect(history.depth()).toBe(3);
    for (let n = 0; n < 3; n++) history.undo(labelmap);
    expect(history.canUndo()).toBe(false);
    expect(labelmap.data).toEqual(states[2]);
  });

  it('keeps the newest record even when it alone exceeds maxBytes', () => {
    const labelmap = labelmapOf([10, 1, 1]);
    const history = createEditHistory({ maxBytes: 3 });
    const record = applyRegion(
      labelmap,
      { box: { min: [0, 0, 0], max: [3, 0, 0] }, mask: Uint8Array.of(1, 1, 1, 1) },
      { segment: 1, mode: 'paint', overwrite: 'all' },
      'big',
    )!;
    expect(history.push(record).droppedRecords).toBe(0);
    expect(history.bytes()).toBe(8);
    expect(history.undo(labelmap)).toBe(record);
    expect(Array.from(labelmap.data)).toEqual(Array(10).fill(0));
    history.clear();
    expect(history.bytes()).toBe(0);
    expect(history.canRedo()).toBe(false);
  });

  it('refuses to undo a record whose box does not fit the labelmap', () => {
    const history = createEditHistory({ maxBytes: 100 });
    history.push({
      box: { min: [0, 0, 0], max: [4, 0, 0] },
      before: new Uint8Array(5),
      after: new Uint8Array(5),
      changedVoxels: 1,
      label: 'elsewhere',
    });
    expect(() => history.undo(labelmapOf([3, 3, 3]))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(history.canUndo()).toBe(true);
  });
});
