import { describe, expect, it } from 'vitest';
import { applyRegion } from '../applyRegion.ts';
import { brushRegion } from '../brushRegion.ts';
import { createStroke } from '../createStroke.ts';
import type { EditOptions, Region } from '../types.ts';
import { at, countValue, fillBlock, labelmapOf, set } from './fixtures.ts';

/** A hand-built region: the inclusive block min..max, every voxel inside. */
const block = (min: [number, number, number], max: [number, number, number]): Region => ({
  box: { min, max },
  mask: new Uint8Array((max[0] - min[0] + 1) * (max[1] - min[1] + 1) * (max[2] - min[2] + 1)).fill(
    1,
  ),
});

const paint = (segment: number, extra: Partial<EditOptions> = {}): EditOptions => ({
  segment,
  mode: 'paint',
  overwrite: 'all',
  ...extra,
});

describe('createStroke', () => {
  it('returns the box it changed and null when a region changes nothing more', () => {
    const labelmap = labelmapOf([16, 16, 16]);
    const stroke = createStroke(labelmap, paint(1), 'Paint');
    const region: Region = {
      box: { min: [2, 2, 2], max: [5, 5, 5] },
      mask: new Uint8Array(64),
    };
    // Only voxels (3,4,2) and (4,2,5) are in the mask: the changed box is theirs, not the region's.
    region.mask[1 + 4 * 2] = 1;
    region.mask[2 + 4 * (0 + 4 * 3)] = 1;
    expect(stroke.add(region)).toEqual({ min: [3, 2, 2], max: [4, 4, 5] });
    expect(stroke.add(region)).toBeNull();
    const record = stroke.end();
    expect(record?.changedVoxels).toBe(2);
    expect(record?.box).toEqual({ min: [3, 2, 2], max: [4, 4, 5] });
    expect(record?.label).toBe('Paint');
  });

  it('records the values from before the stroke first touched each voxel', () => {
    const labelmap = labelmapOf([20, 20, 20]);
    fillBlock(labelmap, [0, 0, 0], [19, 19, 9], 2); // lower half belongs to segment 2
    const start = labelmap.data.slice();
    const stroke = createStroke(labelmap, paint(1), 'Paint');
    stroke.add(block([4, 4, 6], [12, 12, 12])); // overwrites 2 below k = 10
    stroke.add(block([8, 8, 8], [15, 15, 15])); // overlaps voxels already painted 1
    const record = stroke.end()!;
    expect(record.box).toEqual({ min: [4, 4, 6], max: [15, 15, 15] });
    // before/after are box-sized; compare each voxel with the start and current volume.
    let q = 0;
    let changed = 0;
    for (let k = 6; k <= 15; k++)
      for (let j = 4; j <= 15; j++)
        for (let i = 4; i <= 15; i++, q++) {
          const index = i + 20 * (j + 20 * k);
          expect(record.before[q]).toBe(start[index]);
          expect(record.after[q]).toBe(labelmap.data[index]);
          if (start[index] !== labelmap.data[index]) changed++;
        }
    // Union of the blocks: 9·9·7 + 8³ − 5³ (their 5×5×5 overlap) = 567 + 512 − 125 = 954 voxels.
    expect(changed).toBe(954);
    expect(record.changedVoxels).toBe(954);
  });

  it('returns null from end when nothing changed, and refuses add after end', () => {
    const labelmap = labelmapOf([8, 8, 8]);
    fillBlock(labelmap, [0, 0, 0], [7, 7, 7], 1);
    const stroke = createStroke(labelmap, paint(1), 'Paint');
    expect(stroke.add(block([1, 1, 1], [3, 3, 3]))).toBeNull();
    expect(stroke.end()).toBeNull();
    expect(stroke.end()).toBeNull();
    expect(() => stroke.add(block([1, 1, 1], [3, 3, 3]))).toThrow(
      expect.objectContaining({ code: 'STROKE_ENDED' }),
    );
  });

  it('returns null when a paint and a later erase in one stroke cancel out', () => {
    const labelmap = labelmapOf([8, 8, 8]);
    const stroke = createStroke(labelmap, paint(3), 'Paint');
    stroke.add(block([1, 1, 1], [2, 2, 2]));
    const eraser = createStroke(labelmap, { ...paint(3), mode: 'erase' }, 'Erase');
    eraser.add(block([1, 1, 1], [2, 2, 2]));
    expect(stroke.end()).toBeNull();
    expect(eraser.end()?.changedVoxels).toBe(8);
  });

  it('restores every touched voxel on cancel', () => {
    const labelmap = labelmapOf([30, 30, 30], [0.78, 0.78, 1.25]);
    fillBlock(labelmap, [10, 10, 10], [14, 14, 14], 2);
    const start = labelmap.data.slice();
    const stroke = createStroke(labelmap, paint(1), 'Paint');
    const geometry = labelmap.geometry;
    stroke.add(
      brushRegion({ center: [12, 12, 12], radiusMm: 5, shape: 'sphere', plane: 'k', geometry }),
    );
    stroke.add(
      brushRegion({ center: [25, 3, 28], radiusMm: 5, shape: 'sphere', plane: 'k', geometry }),
    );
    expect(stroke.cancel()).not.toBeNull();
    expect(labelmap.data).toEqual(start);
    expect(stroke.end()).toBeNull();
  });

  it('keeps paint inside the threshold range', () => {
    const labelmap = labelmapOf([10, 10, 1]);
    // Image value = i × 10 HU: only columns 3..6 are within [25, 65].
    const image = new Float32Array(100).map((_, n) => (n % 10) * 10);
    applyRegion(
      labelmap,
      block([0, 0, 0], [9, 9, 0]),
      paint(1, { threshold: { image, min: 25, max: 65 } }),
      'Paint',
    );
    for (let i = 0; i < 10; i++) expect(at(labelmap, i, 5, 0)).toBe(i >= 3 && i <= 6 ? 1 : 0);
    expect(countValue(labelmap.data, 1)).toBe(40);
  });

  it('applies the threshold to erase too', () => {
    const labelmap = labelmapOf([10, 10, 1]);
    fillBlock(labelmap, [0, 0, 0], [9, 9, 0], 1);
    const image = Int16Array.from({ length: 100 }, (_, n) => (n % 10) * 10);
    applyRegion(
      labelmap,
      block([0, 0, 0], [9, 9, 0]),
      { ...paint(1, { threshold: { image, min: 0, max: 45 } }), mode: 'erase' },
      'Erase',
    );
    expect(countValue(labelmap.data, 1)).toBe(50);
    expect(at(labelmap, 4, 0, 0)).toBe(0);
    expect(at(labelmap, 5, 0, 0)).toBe(1);
  });

  it('rejects a threshold image of the wrong size', () => {
    const labelmap = labelmapOf([4, 4, 4]);
    const options = paint(1, { threshold: { image: new Int16Array(10), min: 0, max: 1 } });
    expect(() => createStroke(labelmap, options, 'x')).toThrow(
      expect.objectContaining({ code: 'SIZE_MISMATCH' }),
    );
  });

  it("paints only empty voxels with overwrite 'none', and over others with 'all'", () => {
    const labelmap = labelmapOf([10, 1, 1]);
    for (let i = 0; i < 5; i++) set(labelmap, i, 0, 0, 2);
    applyRegion(labelmap, block([0, 0, 0], [9, 0, 0]), paint(1, { overwrite: 'none' }), 'Paint');
    expect(Array.from(labelmap.data)).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
    applyRegion(labelmap, block([0, 0, 0], [1, 0, 0]), paint(1, { overwrite: 'all' }), 'Paint');
    expect(Array.from(labelmap.data)).toEqual([1, 1, 2, 2, 2, 1, 1, 1, 1, 1]);
  });

  it('never changes locked segments by paint or erase', () => {
    const labelmap = labelmapOf([6, 1, 1]);
    labelmap.data.set([0, 2, 3, 1, 2, 3]);
    const locked = new Set([3]);
    applyRegion(labelmap, block([0, 0, 0], [5, 0, 0]), paint(1, { lockedSegments: locked }), 'P');
    expect(Array.from(labelmap.data)).toEqual([1, 1, 3, 1, 1, 3]);
    labelmap.data.set([0, 2, 3, 1, 2, 3]);
    applyRegion(
      labelmap,
      block([0, 0, 0], [5, 0, 0]),
      { ...paint(1, { lockedSegments: locked }), mode: 'erase', eraseScope: 'all' },
      'E',
    );
    expect(Array.from(labelmap.data)).toEqual([0, 0, 3, 0, 0, 3]);
  });

  it('changes nothing when the active segment itself is locked', () => {
    const labelmap = labelmapOf([4, 1, 1]);
    labelmap.data.set([0, 1, 2, 0]);
    const locked = new Set([1]);
    expect(
      applyRegion(labelmap, block([0, 0, 0], [3, 0, 0]), paint(1, { lockedSegments: locked }), 'P'),
    ).toBeNull();
    const erase: EditOptions = { ...paint(1, { lockedSegments: locked }), mode: 'erase' };
    expect(applyRegion(labelmap, block([0, 0, 0], [3, 0, 0]), erase, 'E')).toBeNull();
    expect(Array.from(labelmap.data)).toEqual([0, 1, 2, 0]);
  });

  it("erases only the active segment with scope 'active' and every segment with 'all'", () => {
    const labelmap = labelmapOf([4, 1, 1]);
    labelmap.data.set([1, 2, 3, 1]);
    const erase: EditOptions = {
      segment: 1,
      mode: 'erase',
      overwrite: 'all',
      eraseScope: 'active',
    };
    applyRegion(labelmap, block([0, 0, 0], [3, 0, 0]), erase, 'E');
    expect(Array.from(labelmap.data)).toEqual([0, 2, 3, 0]);
    applyRegion(labelmap, block([0, 0, 0], [3, 0, 0]), { ...erase, eraseScope: 'all' }, 'E');
    expect(Array.from(labelmap.data)).toEqual([0, 0, 0, 0]);
  });

  it("accepts segment 0 only for erase with scope 'all'", () => {
    const labelmap = labelmapOf([3, 1, 1]);
    labelmap.data.set([4, 5, 0]);
    const eraseAll: EditOptions = {
      segment: 0,
      mode: 'erase',
      overwrite: 'all',
      eraseScope: 'all',
    };
    expect(applyRegion(labelmap, block([0, 0, 0], [2, 0, 0]), eraseAll, 'E')?.changedVoxels).toBe(
      2,
    );
    expect(() => createStroke(labelmap, paint(0), 'P')).toThrow(
      expect.objectContaining({ code: 'INVALID_SEGMENT' }),
    );
    expect(() => createStroke(labelmap, paint(256), 'P')).toThrow(
      expect.objectContaining({ code: 'INVALID_SEGMENT' }),
    );
  });

  it('rejects a region outside the volume or with a wrong-sized mask', () => {
    const labelmap = labelmapOf([4, 4, 4]);
    const stroke = createStroke(labelmap, paint(1), 'P');
    expect(() => stroke.add(block([2, 2, 2], [4, 3, 3]))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() =>
      stroke.add({ box: { min: [0, 0, 0], max: [1, 1, 1] }, mask: new Uint8Array(3) }),
    ).toThrow(expect.objectContaining({ code: 'SIZE_MISMATCH' }));
  });
});

describe('applyRegion', () => {
  it('is one stroke of one region, null for a region that misses', () => {
    const labelmap = labelmapOf([8, 8, 8]);
    const record = applyRegion(labelmap, block([1, 2, 3], [2, 3, 4]), paint(7), 'Click');
    expect(record?.changedVoxels).toBe(8);
    expect(record?.box).toEqual({ min: [1, 2, 3], max: [2, 3, 4] });
    expect(Array.from(record?.before ?? [])).toEqual(Array(8).fill(0));
    expect(Array.from(record?.after ?? [])).toEqual(Array(8).fill(7));
    const miss = brushRegion({
      center: [-9, -9, -9],
      radiusMm: 1,
      shape: 'sphere',
      plane: 'k',
      geometry: labelmap.geometry,
    });
    expect(applyRegion(labelmap, miss, paint(7), 'Click')).toBeNull();
    expect(applyRegion(labelmap, null, paint(7), 'Click')).toBeNull();
  });
});
