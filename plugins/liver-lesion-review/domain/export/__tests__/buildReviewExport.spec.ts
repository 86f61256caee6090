import { describe, expect, it } from 'vitest';
import { REVIEW_EXPORT_SCHEMA_VERSION } from '../buildReviewExport';
import { EXPORT } from './exportFixtures';

describe('buildReviewExport', () => {
  it('is a versioned document with the measured dates only, oldest first', () => {
    expect(EXPORT.schemaVersion).toBe(REVIEW_EXPORT_SCHEMA_VERSION);
    expect(EXPORT.schema).toBe('liver-lesion-review/lesion-review');
    expect(EXPORT.dates.map((d) => d.date)).toEqual(['2024-07-25', '2024-08-12']);
    expect(EXPORT.notice).toMatch(/not a diagnosis/);
  });

  it('has one row per lesion per date, absences included', () => {
    expect(EXPORT.lesions.map((r) => [r.lesionId, r.date, r.status])).toEqual([
      ['L1', '2024-07-25', 'baseline'],
      ['L1', '2024-08-12', 'enlarging'],
      ['L2', '2024-07-25', 'baseline'],
      ['L2', '2024-08-12', 'disappeared'],
      ['L3', '2024-07-25', 'absent'],
      ['L3', '2024-08-12', 'new'],
    ]);
    const gone = EXPORT.lesions[3]!;
    expect([gone.volumeMl, gone.longestAxialMm, gone.segmentLabel, gone.matchMethod]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('carries identity, size, intensity and position, rounded', () => {
    const l1 = EXPORT.lesions[1]!;
    expect(l1).toMatchObject({
      patientId: 'LLR-SAMPLE-004',
      segmentLabel: 'Lesion 1',
      trackingUid: '2.25.136',
      isTarget: true,
      couinaudSegment: 'VII',
      matchMethod: 'position',
      voxelCount: 1036,
      // π·36³/6 mm³ = 24.4290 mL; (36 − 28)/28 = +28.57 %; (36³ − 28³)/28³ = +112.54 %
      volumeMl: 24.429,
      longestAxialMm: 36,
      shortAxisMm: 28.8,
      longestAxialChangeFromPreviousPct: 28.57,
      volumeChangeFromPreviousPct: 112.54,
      maximum3dDiameterMm: 36,
      intensityUnit: 'HU',
      intensityMean: 51.23,
      intensitySd: 10.01,
      intensityMin: -12.5,
      centroidXMm: -81,
      centroidZMm: -76,
    });
    expect(l1.statusReason).toMatch(/≥ \+20 % and ≥ \+5 mm/);
    expect(EXPORT.lesions.find((r) => r.lesionId === 'L3')?.isTarget).toBe(false);
  });

  it('gives the response per date with its reasons', () => {
    expect(EXPORT.targetLesionIds).toEqual(['L1', 'L2']);
    expect(EXPORT.response.map((r) => [r.date, r.recist, r.newLesionIds])).toEqual([
      ['2024-07-25', 'BASELINE', []],
      ['2024-08-12', 'PD', ['L3']],
    ]);
    // Sum of target diameters: 28 + 20 = 48 mm, then 36 mm (L2 gone).
    expect(EXPORT.response.map((r) => r.sumLongestDiametersMm)).toEqual([48, 36]);
    expect(EXPORT.response[1]!.reasons.length).toBeGreaterThan(0);
  });
});
