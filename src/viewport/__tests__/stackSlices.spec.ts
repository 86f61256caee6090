import { describe, expect, it } from 'vitest';
import type { DisplayVolume, Vec3 } from '../displayVolume';
import {
  createSliceLink,
  nearestSlice,
  nearestSliceTo,
  sliceNormal,
  slicePositionsAlong,
} from '../stackSlices';

function series(direction: number[], slicePositions: Vec3[]): DisplayVolume {
  return {
    key: 'v',
    seriesInstanceUid: 's',
    studyInstanceUid: 't',
    modality: 'CT',
    frameOfReferenceUid: null,
    dimensions: [4, 4, slicePositions.length],
    spacing: [1, 1, 2.5],
    direction,
    slicePositions,
    data: new Int16Array(16 * slicePositions.length),
    window: null,
    isVolume: true,
  };
}

describe('nearestSlice', () => {
  it('picks the slice plane nearest a position, the first of two equally near', () => {
    const positions = [20, 22.5, 25, 27.5];
    expect(nearestSlice(positions, 23.6)).toBe(1); // 1.1 mm from 22.5, 1.4 mm from 25
    expect(nearestSlice(positions, 23.75)).toBe(1); // halfway: the first
    expect(nearestSlice(positions, -100)).toBe(0); // beyond the ends: the end slice
    expect(nearestSlice(positions, 100)).toBe(3);
  });
  it('says -1 for a series without slices', () => {
    expect(nearestSlice([], 0)).toBe(-1);
  });
});

describe('nearestSliceTo', () => {
  it('finds the axial slice through a patient point, whatever its in-plane position', () => {
    const axial = series(
      [1, 0, 0, 0, 1, 0, 0, 0, 1],
      [0, 1, 2, 3, 4].map((k): Vec3 => [-100, -50, 20 + 2.5 * k]),
    );
    expect(sliceNormal(axial)).toEqual([0, 0, 1]);
    expect(slicePositionsAlong(axial, [0, 0, 1])).toEqual([20, 22.5, 25, 27.5, 30]);
    expect(nearestSliceTo(axial, [37, -12, 23.6])).toBe(1);
    expect(nearestSliceTo(axial, [0, 0, 29])).toBe(4);
  });

  it('follows a series sorted head to feet (normal pointing to the feet)', () => {
    // Rows along -x, columns along +y: row × column = (0, 0, -1).
    const feetFirst = series(
      [-1, 0, 0, 0, 1, 0, 0, 0, -1],
      [0, 1, 2, 3].map((k): Vec3 => [0, 0, 20 - 2.5 * k]),
    );
    expect(slicePositionsAlong(feetFirst, sliceNormal(feetFirst))).toEqual([
      -20, -17.5, -15, -12.5,
    ]);
    expect(nearestSliceTo(feetFirst, [5, 5, 15.1])).toBe(2);
  });

  it('measures along an oblique normal, not along z', () => {
    // Slices tilted 30° about x: normal (0, −sin 30°, cos 30°), 2 mm apart along it.
    const s = Math.sin(Math.PI / 6);
    const c = Math.cos(Math.PI / 6);
    const normal: Vec3 = [0, -s, c];
    const origin: Vec3 = [10, 20, 30];
    const oblique = series(
      [1, 0, 0, 0, c, s, ...normal],
      [0, 1, 2, 3].map((k): Vec3 => [
        origin[0],
        origin[1] + 2 * k * normal[1],
        origin[2] + 2 * k * normal[2],
      ]),
    );
    // 4.9 mm along the normal from the first slice, then 50 mm within the plane (along the
    // column direction, which also raises z by 25 mm): nearest is slice 2 (4 mm along it).
    const world: Vec3 = [
      origin[0] + 7,
      origin[1] + 4.9 * normal[1] + 50 * c,
      origin[2] + 4.9 * normal[2] + 50 * s,
    ];
    expect(nearestSliceTo(oblique, world)).toBe(2);
  });
});

describe('createSliceLink', () => {
  // July 1.25 mm, August 2.5 mm, October 5 mm: slice k at z = −100 + k × spacing (mm).
  const series = (spacing: number, count: number): number[] =>
    Array.from({ length: count }, (_, k) => -100 + k * spacing);
  const positions = [series(1.25, 161), series(2.5, 81), series(5, 41)];

  it('moves every date by the same distance, onto its own nearest slice', () => {
    // All at z = −50: July slice 40, August 20, October 10.
    const link = createSliceLink(positions, [40, 20, 10]);
    // July one slice up (+1.25 mm): August's nearest stays (1.25 mm away either way: the
    // first, its own), October stays.
    expect(link.moved(0, 41)).toEqual([]);
    // +2.5 mm: August one slice; October still nearer its own (2.5 mm, the first of a tie).
    expect(link.moved(0, 42)).toEqual([[1, 21]]);
    // +3.75 mm: October's next slice (1.25 mm) is nearer than its own (3.75 mm).
    expect(link.moved(0, 43)).toEqual([[2, 11]]);
    // +5 mm: August two slices up; October stays on its next slice, now exactly there.
    expect(link.moved(0, 44)).toEqual([[1, 22]]);
    expect(link.shown).toEqual([44, 22, 11]);
    // Four steps back return every date to where it started.
    for (const k of [43, 42, 41, 40]) link.moved(0, k);
    expect(link.shown).toEqual([40, 20, 10]);
  });

  it('keeps each date at its own offset after a jump, and moves the others from there', () => {
    const link = createSliceLink(positions, [40, 20, 10]);
    // October alone to its slice 14 (z = −30: a lesion 20 mm above the others).
    link.place(2, 14);
    expect(link.shown).toEqual([40, 20, 14]);
    // October scrolled down 10 mm: July and August follow by 10 mm, from their own slices.
    expect(link.moved(2, 12)).toEqual([
      [0, 32],
      [1, 16],
    ]);
    // Aligning puts every date at the first one's position.
    expect(link.alignToFirst()).toEqual([[2, 8]]);
    expect(link.shown).toEqual([32, 16, 8]);
  });

  it('stops at the ends of a shorter series and comes back in step', () => {
    const link = createSliceLink([series(1, 101), series(1, 11)], [5, 5]);
    expect(link.moved(0, 20)).toEqual([[1, 10]]); // the short series ends at its slice 10
    expect(link.moved(0, 5)).toEqual([[1, 5]]); // back together: the target kept counting
  });

  it('ignores a move to the slice already shown or outside the series', () => {
    const link = createSliceLink(positions, [40, 20, 10]);
    expect(link.moved(0, 40)).toEqual([]);
    expect(link.moved(0, 999)).toEqual([]);
    expect(link.shown).toEqual([40, 20, 10]);
  });
});
