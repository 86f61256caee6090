import { describe, expect, it } from 'vitest';
import type { LesionRow } from '../buildLesionReview';
import { focusLesion } from '../focusLesion';
import type { LesionStatistics, Vec3 } from '../types';

function cell(from: Vec3, to: Vec3, centroid: Vec3): LesionRow['cells'][number] {
  const statistics: LesionStatistics = {
    voxelCount: 1,
    volumeMl: 1,
    mean: 0,
    sd: 0,
    min: 0,
    max: 0,
    centroidMm: centroid,
    longestAxial: { lengthMm: 20, fromMm: from, toMm: to, slice: 3 },
    shortAxis: { lengthMm: 10, fromMm: [0, -5, from[2]], toMm: [0, 5, from[2]], slice: 3 },
    maximum3dDiameterMm: 20,
  };
  return {
    key: '1',
    label: 'Lesion 1',
    statistics,
    method: 'position',
    status: 'stable',
    statusReason: '',
    volumeChangeFromPreviousPct: null,
    diameterChangeFromPreviousPct: null,
  };
}

describe('focusLesion', () => {
  it('looks at the middle of the long axis, and where the nearest date saw an absent lesion', () => {
    const row: LesionRow = {
      lesionId: 'L1',
      cells: [
        { status: 'absent', statusReason: '' },
        cell([-10, 0, -75], [10, 0, -75], [0, 1, -76]),
        { status: 'disappeared', statusReason: '' },
        cell([-8, 2, -80], [12, 2, -80], [2, 2, -79]),
      ],
    };
    const focus = focusLesion(row);
    // Date 0 takes date 1 (nearest); date 2 is as near to 1 as to 3 and takes the earlier.
    expect(focus.points).toEqual([
      [0, 0, -75],
      [0, 0, -75],
      [0, 0, -75],
      [2, 2, -80],
    ]);
    expect(focus.axes.map((a) => [a.date, a.name, a.lengthMm])).toEqual([
      [1, 'long', 20],
      [1, 'short', 10],
      [3, 'long', 20],
      [3, 'short', 10],
    ]);
  });

  it('has no point for a lesion never measured', () => {
    expect(
      focusLesion({ lesionId: 'L9', cells: [{ status: 'absent', statusReason: '' }] }).points,
    ).toEqual([null]);
  });
});
