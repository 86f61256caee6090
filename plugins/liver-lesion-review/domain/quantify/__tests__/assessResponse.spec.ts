import { describe, expect, it } from 'vitest';
import { assessResponse, selectTargetLesions, type TimepointMeasurements } from '../assessResponse';

const sphereMl = (diameterMm: number): number => ((4 / 3) * Math.PI * (diameterMm / 2) ** 3) / 1000;
const lesion = (lesionId: string, longestAxialMm: number) => ({
  lesionId,
  longestAxialMm,
  volumeMl: sphereMl(longestAxialMm),
});

// The seed case's course (shared/seeds/004): July baseline, August progression in number and
// size, October no significant change against August.
const JULY: TimepointMeasurements = {
  date: '2024-07-25',
  lesions: [lesion('L1', 28), lesion('L2', 20), lesion('L3', 14)],
};
const AUGUST: TimepointMeasurements = {
  date: '2024-08-12',
  lesions: [
    lesion('L1', 36),
    lesion('L2', 27),
    lesion('L3', 20),
    lesion('L4', 13),
    lesion('L5', 16),
  ],
};
const OCTOBER: TimepointMeasurements = {
  date: '2024-10-07',
  lesions: [
    lesion('L1', 37),
    lesion('L2', 27.5),
    lesion('L3', 20),
    lesion('L4', 13),
    lesion('L5', 16),
  ],
};

describe('selectTargetLesions', () => {
  it('takes the two largest measurable liver lesions (RECIST 1.1: ≤ 2 per organ, ≥ 10 mm)', () => {
    expect(selectTargetLesions(JULY)).toEqual(['L1', 'L2']);
    expect(
      selectTargetLesions({ date: 'd', lesions: [lesion('A', 9.9), lesion('B', 10)] }),
    ).toEqual(['B']);
  });
});

describe('assessResponse', () => {
  it('calls July baseline, August PD (new lesions and +31 %), October PD against the nadir though stable against August', () => {
    const { targetLesionIds, timepoints } = assessResponse([OCTOBER, JULY, AUGUST]);
    expect(targetLesionIds).toEqual(['L1', 'L2']);
    const [july, august, october] = timepoints;
    expect(july).toMatchObject({
      date: '2024-07-25',
      sumLongestDiametersMm: 48,
      recist: 'BASELINE',
      volumetric: 'BASELINE',
    });
    // August: 36 + 27 = 63 mm; (63 − 48) / 48 = +31.25 % and +15 mm over the nadir 48.
    expect(august?.sumLongestDiametersMm).toBe(63);
    expect(august?.changeFromBaselinePct).toBeCloseTo(31.25, 10);
    expect(august?.changeFromNadirPct).toBeCloseTo(31.25, 10);
    expect(august?.newLesions).toEqual(['L4', 'L5']);
    expect(august?.recist).toBe('PD');
    expect(august?.volumetric).toBe('PD');
    // October: 37 + 27.5 = 64.5 mm: +2.4 % against August but +34.4 % (+16.5 mm) above the nadir.
    expect(october?.sumLongestDiametersMm).toBe(64.5);
    expect(october?.changeFromPreviousPct).toBeCloseTo((1.5 / 63) * 100, 10);
    expect(october?.changeFromNadirPct).toBeCloseTo((16.5 / 48) * 100, 10);
    expect(october?.newLesions).toEqual([]);
    expect(october?.recist).toBe('PD');
    expect(october?.reasons.join(' ')).toContain('Stable against the previous date');
    // Total volume October vs its nadir (July) is far above +72.8 %: volumetric PD as well.
    expect(october?.volumetric).toBe('PD');
  });

  it('calls SD when a follow-up is stable against a nadir that is the previous date', () => {
    const { timepoints } = assessResponse([
      { date: '2024-01-01', lesions: [lesion('A', 30), lesion('B', 20)] },
      { date: '2024-03-01', lesions: [lesion('A', 25), lesion('B', 15)] },
      { date: '2024-05-01', lesions: [lesion('A', 28), lesion('B', 16)] },
    ]);
    // Nadir 40 mm; 44 mm is +10 % and +4 mm: neither criterion of PD.
    expect(timepoints.map((t) => t.recist)).toEqual(['BASELINE', 'SD', 'SD']);
    expect(timepoints[2]?.changeFromNadirPct).toBeCloseTo(10, 10);
  });

  it('applies the 5 mm absolute floor of PD', () => {
    const base = { date: '2024-01-01', lesions: [lesion('A', 12), lesion('B', 10)] };
    // 22 → 26.4 mm: +20 % but only +4.4 mm → SD.
    const small = assessResponse([
      base,
      { date: '2024-02-01', lesions: [lesion('A', 15), lesion('B', 11.4)] },
    ]);
    expect(small.timepoints[1]?.recist).toBe('SD');
    // 30 → 36 mm: +20 % and +6 mm → PD.
    const large = assessResponse([
      { date: '2024-01-01', lesions: [lesion('A', 18), lesion('B', 12)] },
      { date: '2024-02-01', lesions: [lesion('A', 22), lesion('B', 14)] },
    ]);
    expect(large.timepoints[1]?.recist).toBe('PD');
  });

  it('calls PR at exactly −30 % from baseline and CR when every target is gone', () => {
    const { timepoints } = assessResponse([
      { date: '2024-01-01', lesions: [lesion('A', 30), lesion('B', 20)] },
      { date: '2024-02-01', lesions: [lesion('A', 21), lesion('B', 14)] },
      { date: '2024-03-01', lesions: [] },
    ]);
    expect(timepoints[1]?.changeFromBaselinePct).toBeCloseTo(-30, 10);
    expect(timepoints[1]?.recist).toBe('PR');
    expect(timepoints[2]?.recist).toBe('CR');
    expect(timepoints[2]?.volumetric).toBe('CR');
  });

  it('uses the volumetric thresholds +72.8 % and −65.7 % (a sphere at +20 % / −30 % diameter)', () => {
    const grow = assessResponse([
      { date: '1', lesions: [lesion('A', 20)] },
      { date: '2', lesions: [lesion('A', 24)] },
    ]).timepoints[1];
    // (24/20)³ − 1 = +72.8 %: volumetric PD, exactly as the +20 % diameter is RECIST's threshold.
    expect(grow?.volumeChangeFromNadirPct).toBeCloseTo(72.8, 6);
    expect(grow?.volumetric).toBe('PD');
    const shrink = assessResponse([
      { date: '1', lesions: [lesion('A', 20)] },
      { date: '2', lesions: [lesion('A', 14)] },
    ]).timepoints[1];
    // (14/20)³ − 1 = −65.7 %.
    expect(shrink?.volumeChangeFromBaselinePct).toBeCloseTo(-65.7, 6);
    expect(shrink?.volumetric).toBe('PR');
    expect(shrink?.recist).toBe('PR');
  });

  it('follows the reader’s choice of target lesions', () => {
    const { targetLesionIds, timepoints } = assessResponse([JULY, AUGUST], {
      targetLesionIds: ['L3'],
    });
    expect(targetLesionIds).toEqual(['L3']);
    expect(timepoints[0]?.sumLongestDiametersMm).toBe(14);
    expect(timepoints[1]?.sumLongestDiametersMm).toBe(20);
  });
});
