import { describe, expect, it } from 'vitest';
import { buildLesionReview, type ObservedLesion, type ReviewTimepoint } from '../buildLesionReview';
import type { LesionStatistics, Vec3 } from '../types';

/** A spherical lesion of diameter d (mm) at c: volume πd³/6. */
function sphere(
  key: string,
  c: Vec3,
  d: number,
  trackingUid: string | null = null,
): ObservedLesion {
  const statistics: LesionStatistics = {
    voxelCount: 1,
    volumeMl: (Math.PI * d ** 3) / 6 / 1000,
    mean: 50,
    sd: 10,
    min: 20,
    max: 80,
    centroidMm: c,
    longestAxial: { lengthMm: d, fromMm: c, toMm: c, slice: 0 },
    shortAxis: { lengthMm: d, fromMm: c, toMm: c, slice: 0 },
    maximum3dDiameterMm: d,
  };
  return { key, label: `Lesion ${key}`, trackingId: null, trackingUid, statistics };
}

const tp = (date: string, lesions: ObservedLesion[], frame = 'F'): ReviewTimepoint => ({
  date,
  seriesId: `ct-${date}`,
  frameOfReferenceUid: frame,
  liverCentroidMm: null,
  lesions,
});

describe('buildLesionReview', () => {
  // Seed 004 worked example: July baseline; August larger with a new lesion (PD);
  // October stable against August but still above the July nadir (PD by RECIST's nadir rule).
  const july = tp('2024-07-25', [
    sphere('1', [-82, 24, -76], 28),
    sphere('2', [-48, -26, -62], 20),
  ]);
  const august = tp('2024-08-12', [
    sphere('1', [-81, 24, -76], 36),
    sphere('2', [-48, -25, -62], 26),
    sphere('3', [-14, 10, -40], 12),
  ]);
  const october = tp('2024-10-07', [
    sphere('1', [-81, 25, -76], 37),
    sphere('2', [-48, -25, -61], 25),
    sphere('3', [-14, 10, -40], 12),
  ]);
  const review = buildLesionReview([october, july, august]);

  it('orders dates and links each lesion across them', () => {
    expect(review.dates).toEqual(['2024-07-25', '2024-08-12', '2024-10-07']);
    expect(review.rows.map((r) => r.lesionId)).toEqual(['L1', 'L2', 'L3']);
    const l1 = review.rows[0]!.cells.map((c) => ('key' in c ? c.key : null));
    expect(l1).toEqual(['1', '1', '1']);
  });

  it('marks baseline, enlarging, new and stable lesions with the rule applied', () => {
    const status = review.rows.map((r) => r.cells.map((c) => c.status));
    // L1 28→36 mm: +28.6 % and +8 mm → enlarging; 36→37: stable.
    // L2 20→26 mm: +30 % and +6 mm → enlarging; 26→25: stable.
    expect(status).toEqual([
      ['baseline', 'enlarging', 'stable'],
      ['baseline', 'enlarging', 'stable'],
      ['absent', 'new', 'stable'],
    ]);
    const l1aug = review.rows[0]!.cells[1]!;
    expect(l1aug.statusReason).toContain('28.0 → 36.0 mm (+28.6 %)');
  });

  it('computes the RECIST and volumetric response per date against hand-computed sums', () => {
    const [b, aug, oct] = review.response.timepoints;
    // Targets: the two measurable lesions at baseline, sum 48 mm.
    expect(review.response.targetLesionIds).toEqual(['L1', 'L2']);
    expect(b!.sumLongestDiametersMm).toBe(48);
    expect(aug!.sumLongestDiametersMm).toBe(62);
    expect(aug!.changeFromBaselinePct).toBeCloseTo((14 / 48) * 100, 9);
    expect(aug!.newLesions).toEqual(['L3']);
    expect(aug!.recist).toBe('PD');
    // October: 62 vs previous 62 (0 %), but +29.2 % and +14 mm above the nadir 48 → PD.
    expect(oct!.changeFromPreviousPct).toBeCloseTo(0, 9);
    expect(oct!.changeFromNadirPct).toBeCloseTo((14 / 48) * 100, 9);
    expect(oct!.recist).toBe('PD');
    // Volumes: π/6·(28³+20³) mm³ = 15.68 mL at baseline.
    expect(review.totalVolumeMl[0]).toBeCloseTo(((Math.PI / 6) * (28 ** 3 + 20 ** 3)) / 1000, 9);
  });

  it('follows the reader: chosen targets and corrected links', () => {
    const chosen = buildLesionReview([july, august, october], { targetLesionIds: ['L2'] });
    expect(chosen.response.timepoints[1]!.sumLongestDiametersMm).toBe(26);
    // The reader says August's lesion 3 is July's L2 (and so August's lesion 2 is new).
    const relinked = buildLesionReview([july, august], {
      manualLinks: new Map([['2024-08-12|3', 'L2']]),
    });
    const l2 = relinked.rows.find((r) => r.lesionId === 'L2')!;
    expect(l2.cells[1]).toMatchObject({ key: '3', method: 'manual' });
  });

  it('marks a disappeared lesion and a shrinking one', () => {
    // L1 28 → 19 mm: −32.1 % → shrinking; L2 not segmented → disappeared.
    const later = tp('2024-12-01', [sphere('1', [-81, 24, -76], 19)]);
    const r = buildLesionReview([july, later]);
    expect(r.rows.map((row) => row.cells[1]!.status)).toEqual(['shrinking', 'disappeared']);
  });

  it('proposes merged and split lesions from their extents', () => {
    // Two 10 mm lesions 12 mm apart become one 30 mm lesion between them.
    const before = tp('1', [sphere('a', [0, 0, 0], 10), sphere('b', [12, 0, 0], 10)]);
    const after = tp('2', [sphere('m', [6, 0, 0], 30)]);
    const merged = buildLesionReview([before, after]);
    const cells = merged.rows.map((row) => row.cells[1]!);
    expect(cells.map((c) => c.status)).toEqual(['merged', 'absent']);
    expect(cells[1]!.statusReason).toContain('Merged into L1');
    // And back: one 30 mm lesion becomes two.
    const split = buildLesionReview(
      [tp('1', [sphere('m', [6, 0, 0], 30)]), before].map((t, i) => ({
        ...t,
        date: String(i + 1),
      })),
    );
    expect(split.rows.map((row) => row.cells[1]!.status)).toEqual(['split', 'split']);
  });
});
