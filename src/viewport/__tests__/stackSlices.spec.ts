import { describe, expect, it } from 'vitest';
import type { DisplayVolume, Vec3 } from '../displayVolume';
import { nearestSlice, nearestSliceTo, sliceNormal, slicePositionsAlong } from '../stackSlices';

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
