import { describe, expect, it } from 'vitest';
import type { ReportedFinding } from '../../../../../src/plugin-api';
import type { Finding } from '../../findings/types';
import { findingToReport, findingsFromReport } from '../reportFindings';

const series = { seriesInstanceUid: '1.2.3', studyInstanceUid: '1.2' };

describe('findingsFromReport', () => {
  it('leaves responses out (they are computed, not recorded)', () => {
    const out = findingsFromReport(
      [
        { kind: 'response', method: 'recist-1.1', category: 'PD' },
        { kind: 'ascites', present: false, referencedSeries: [series] },
      ],
      '2024-08-12',
    );
    expect(out.findings).toEqual([
      {
        id: 'ascites-2024-08-12',
        kind: 'ascites',
        date: '2024-08-12',
        imageReferences: [{ seriesInstanceUid: '1.2.3', studyInstanceUid: '1.2' }],
        present: false,
      },
    ]);
    expect(out.skipped).toEqual([]);
  });

  it('skips, and says so, what cannot be restored: L/S without ROIs, biliary without level', () => {
    const reported: ReportedFinding[] = [
      {
        kind: 'liver-spleen',
        liver: { meanHu: 50, sdHu: null },
        spleen: { meanHu: 55, sdHu: null },
        ratio: 50 / 55,
      },
      {
        kind: 'biliary-interruption',
        trackingId: null,
        pointMm: [1, 2, 3],
        frameOfReferenceUid: '1.2.9',
        level: null,
        upstreamDilatation: null,
        referencedSeries: [series],
      },
      {
        kind: 'biliary-interruption',
        trackingId: null,
        pointMm: [1, 2, 3],
        frameOfReferenceUid: '1.2.9',
        level: { scheme: 'intrahepatic-segment', segment: 'IX' },
        upstreamDilatation: null,
        referencedSeries: [series],
      },
    ];
    const out = findingsFromReport(reported, '2024-07-25');
    expect(out.findings).toEqual([]);
    expect(out.skipped).toHaveLength(3);
    expect(out.skipped[0]).toMatch(/without its ROIs/);
    expect(out.skipped[1]).toMatch(/without a level/);
  });

  it('keeps an ROI outline null when its series is not loaded (no grid to index)', () => {
    const out = findingsFromReport(
      [
        {
          kind: 'liver-spleen',
          liver: { meanHu: 40, sdHu: 1 },
          spleen: { meanHu: 50, sdHu: 1 },
          ratio: 0.8,
          rois: [
            {
              organ: 'liver',
              voxelCount: 4,
              meanHu: 40,
              sdHu: 1,
              minHu: 39,
              maxHu: 41,
              areaMm2: 1,
              series,
              centre: { mm: [1, 2, 3], frameOfReferenceUid: '1.2.9' },
              radiiMm: [5, 5],
            },
          ],
        },
      ],
      '2024-07-25',
      { indexOf: () => null },
    );
    const ls = out.findings[0];
    expect(ls?.kind === 'liver-spleen' && ls.liverRois[0]).toMatchObject({
      roi: null,
      centreMm: [1, 2, 3],
    });
  });
});

describe('findingToReport', () => {
  it('gives no L/S without an ROI mean, and no biliary point without a frame of reference', () => {
    const ls: Finding = {
      id: 'liver-spleen-d',
      kind: 'liver-spleen',
      date: 'd',
      imageReferences: [],
      liverRois: [],
      spleenRois: [],
      contrastEnhanced: null,
    };
    const biliary: Finding = {
      id: 'biliary-interruption-d',
      kind: 'biliary-interruption',
      date: 'd',
      imageReferences: [series],
      pointMm: [0, 0, 0],
      imageReference: series,
      level: { scheme: 'bismuth-corlette', type: 'I' },
      upstreamDilatation: null,
      ductRigidityRarefaction: null,
    };
    const ctx = { frameOfReferenceOf: () => null };
    expect(findingToReport(ls, ctx)).toBeNull();
    expect(findingToReport(biliary, ctx)).toBeNull();
  });
});
