import { describe, expect, it } from 'vitest';
import type {
  HostApi,
  PatientSummary,
  SegmentationData,
  SeriesSummary,
} from '../../../../src/plugin-api';
import {
  chooseSeriesPerDate,
  readReviewTimepoints,
  segmentedSeriesOf,
} from '../readReviewTimepoints';

const series = (id: string, modality: string): SeriesSummary => ({
  id,
  seriesInstanceUid: id,
  studyInstanceUid: `study-${id}`,
  modality,
  description: id,
  number: 1,
  kind: 'volume',
  frameCount: 4,
  frameOfReferenceUid: `for-${id}`,
  dimensions: [4, 4, 4],
  spacingMm: [1, 1, 1],
  contrastAgent: null,
  warnings: [],
});

const lesionSegment = (index: number, trackingId: string) => ({
  index,
  label: `Lesion ${index}`,
  typeId: 'lesion',
  type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
  isLesion: true,
  color: [255, 0, 0] as const,
  trackingId,
  trackingUid: `2.25.${index}`,
  voxelCount: 1,
  volumeMl: 0.001,
});

const patient: PatientSummary = {
  patientId: 'P',
  patientName: 'P',
  studies: [
    {
      studyInstanceUid: 's1',
      date: '2024-07-25',
      description: '',
      modalities: ['CT'],
      series: [series('ct1', 'CT'), series('ct1b', 'CT')],
    },
    {
      studyInstanceUid: 's2',
      date: '2024-07-26',
      description: '',
      modalities: ['MR'],
      series: [series('mr1', 'MR')],
    },
    {
      studyInstanceUid: 's3',
      date: '2024-08-12',
      description: '',
      modalities: ['CT'],
      series: [series('ct2', 'CT')],
    },
    {
      studyInstanceUid: 's4',
      date: null,
      description: '',
      modalities: ['CT'],
      series: [series('ct3', 'CT')],
    },
  ],
};

describe('segmentedSeriesOf and chooseSeriesPerDate', () => {
  const segmentations = [
    { seriesId: 'ct1', revision: 1, segments: [lesionSegment(1, 'L1')] },
    { seriesId: 'ct1b', revision: 1, segments: [lesionSegment(1, 'L1'), lesionSegment(2, 'L2')] },
    { seriesId: 'mr1', revision: 1, segments: [lesionSegment(1, 'L1')] },
    { seriesId: 'ct2', revision: 1, segments: [lesionSegment(1, 'L1')] },
    { seriesId: 'ct3', revision: 1, segments: [lesionSegment(1, 'L1')] },
  ];
  const candidates = segmentedSeriesOf(patient, segmentations);

  it('keeps dated series with lesion segments only', () => {
    expect(candidates.map((c) => c.series.id)).toEqual(['ct1', 'ct1b', 'mr1', 'ct2']);
  });

  it('takes one series of the modality per date, the most segmented unless the reader picked one', () => {
    expect(chooseSeriesPerDate(candidates, 'CT', new Map()).map((c) => c.series.id)).toEqual([
      'ct1b',
      'ct2',
    ]);
    expect(
      chooseSeriesPerDate(candidates, 'CT', new Map([['2024-07-25', 'ct1']])).map(
        (c) => c.series.id,
      ),
    ).toEqual(['ct1', 'ct2']);
    expect(chooseSeriesPerDate(candidates, 'MR', new Map()).map((c) => c.date)).toEqual([
      '2024-07-26',
    ]);
  });
});

describe('readReviewTimepoints', () => {
  it('measures each lesion on its grid and aligns by the liver segment', async () => {
    // 4×4×4 grid of 2 mm voxels at origin (10, 20, 30): lesion = 2 voxels, liver = 1 voxel.
    const labels = new Uint8Array(64);
    labels[0] = 1;
    labels[1] = 1;
    labels[63] = 2;
    const data: SegmentationData = {
      seriesId: 'ct1',
      revision: 1,
      modality: 'CT',
      frameOfReferenceUid: 'F',
      grid: {
        dimensions: [4, 4, 4],
        spacingMm: [2, 2, 2],
        originMm: [10, 20, 30],
        direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      },
      labels,
      image: new Float32Array(64).fill(40),
      segments: [
        lesionSegment(1, 'L1'),
        {
          ...lesionSegment(2, ''),
          typeId: 'liver',
          isLesion: false,
          trackingId: null,
          trackingUid: null,
          type: { codeValue: '10200004', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver' },
        },
      ],
    };
    const host = { readSegmentation: async () => data } as unknown as HostApi;
    const [tp] = await readReviewTimepoints(host, [
      { series: series('ct1', 'CT'), date: '2024-07-25', lesionCount: 1 },
    ]);
    expect(tp!.liverCentroidMm).toEqual([16, 26, 36]);
    expect(tp!.lesions).toHaveLength(1);
    const stats = tp!.lesions[0]!.statistics;
    expect(stats.voxelCount).toBe(2);
    expect(stats.volumeMl).toBeCloseTo(0.016, 12); // 2 voxels × 8 mm³
    expect(stats.centroidMm).toEqual([11, 20, 30]);
    expect(stats.mean).toBe(40);
  });
});
