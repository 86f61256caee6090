import { describe, expect, it } from 'vitest';
import type { Finding } from '../../findings/types';
import { buildCombinedTimeline } from '../../labs/buildCombinedTimeline';
import type { LabValue } from '../../labs/types';
import {
  buildLesionReview,
  type ObservedLesion,
  type ReviewTimepoint,
} from '../../quantify/buildLesionReview';
import type { LesionStatistics, Vec3 } from '../../quantify/types';
import { evaluateRules } from '../../rules/evaluateRules';
import { buildReportModel, REPORT_DISCLAIMER, type ReportInput } from '../buildReportModel';
import { chooseKeyImages } from '../chooseKeyImages';

function lesion(key: string, trackingId: string, centre: Vec3, ld: number, slice: number) {
  const statistics: LesionStatistics = {
    voxelCount: 100,
    volumeMl: (ld / 10) ** 3,
    mean: 60,
    sd: 10,
    min: 20,
    max: 90,
    centroidMm: centre,
    longestAxial: {
      lengthMm: ld,
      fromMm: [centre[0] - ld / 2, centre[1], centre[2]],
      toMm: [centre[0] + ld / 2, centre[1], centre[2]],
      slice,
    },
    shortAxis: null,
    maximum3dDiameterMm: ld,
  };
  const observed: ObservedLesion = {
    key,
    label: `Lesion ${key}`,
    trackingId,
    trackingUid: `2.25.${trackingId.slice(1)}`,
    statistics,
  };
  return observed;
}

const timepoints: ReviewTimepoint[] = [
  {
    date: '2024-07-01',
    seriesId: 'ct-july',
    frameOfReferenceUid: 'F',
    liverCentroidMm: null,
    lesions: [lesion('1', 'L1', [0, 0, 0], 30, 12)],
  },
  {
    date: '2024-08-19',
    seriesId: 'ct-august',
    frameOfReferenceUid: 'F',
    liverCentroidMm: null,
    lesions: [lesion('2', 'L1', [0, 0, 0], 40, 20), lesion('5', 'L2', [60, 0, 0], 15, 31)],
  },
];
const review = buildLesionReview(timepoints);

const findings: Finding[] = [
  {
    id: 'f1',
    kind: 'ascites',
    date: '2024-08-19',
    present: true,
    imageReferences: [],
    note: 'Told Mr Doe, Jane on 2024-08-19',
  },
  {
    id: 'f2',
    kind: 'hepatomegaly',
    date: '2024-07-01',
    present: true,
    liverSpanMm: 182,
    imageReferences: [],
  },
];
const labs: LabValue[] = [
  {
    analyte: 'ALT',
    date: '2024-08-19',
    value: 300,
    unit: 'U/L',
    referenceRange: { lower: 0, upper: 50 },
    source: 'import row 2 (X-123)',
  },
];

function input(): ReportInput {
  return {
    patient: { name: 'Doe, Jane', id: 'X-123', birthDate: '1960-02-03', sex: 'F' },
    studies: [
      { date: '2024-07-01', modalities: ['CT'], description: 'Doe abdomen' },
      { date: '2024-08-19', modalities: ['CT', 'MR'], description: 'follow-up' },
    ],
    measuredSeries: timepoints.map((tp) => ({ date: tp.date, modality: 'CT', description: 'PV' })),
    generatedAt: '2026-11-22T08:00:00.000Z',
    review,
    couinaud: { L1: 'VI' },
    keyImages: chooseKeyImages(review, timepoints),
    findings,
    evaluation: evaluateRules({
      labs,
      findings,
      responses: review.response.timepoints,
      knownMalignancy: true,
    }),
    timeline: buildCombinedTimeline({ burden: review.response.timepoints, labs, treatments: [] }),
  };
}

describe('chooseKeyImages', () => {
  it('picks each lesion on each date where it is segmented, on its longest-diameter slice', () => {
    const cells = chooseKeyImages(review, timepoints);
    expect(review.rows.map((r) => r.lesionId)).toEqual(['L1', 'L2']);
    expect(cells[0]).toEqual([
      {
        kind: 'image',
        choice: {
          lesionId: 'L1',
          dateIndex: 0,
          date: '2024-07-01',
          seriesId: 'ct-july',
          segmentIndex: 1,
          slice: 12,
        },
      },
      {
        kind: 'image',
        choice: {
          lesionId: 'L1',
          dateIndex: 1,
          date: '2024-08-19',
          seriesId: 'ct-august',
          segmentIndex: 2,
          slice: 20,
        },
      },
    ]);
    expect(cells[1]![0]).toMatchObject({ kind: 'absent', lesionId: 'L2', dateIndex: 0 });
    expect(cells[1]![1]).toMatchObject({ kind: 'image', choice: { segmentIndex: 5, slice: 31 } });
  });
});

describe('buildReportModel', () => {
  it('keeps identity, notes and dates in an identified report, grouping findings by date', () => {
    const model = buildReportModel(input());
    expect(model.patient?.id).toBe('X-123');
    expect(model.deidentification).toBeNull();
    expect(model.disclaimer).toBe(REPORT_DISCLAIMER);
    expect(model.disclaimer).toContain('not a diagnosis');
    expect(model.findingsByDate.map((d) => d.date)).toEqual(['2024-07-01', '2024-08-19']);
    expect(model.findingsByDate[0]!.findings).toEqual([
      { title: 'Hepatomegaly', text: 'present, liver span 182 mm', note: null },
    ]);
    expect(model.findingsByDate[1]!.findings[0]).toMatchObject({
      title: 'Ascites',
      text: 'present',
      note: 'Told Mr Doe, Jane on 2024-08-19',
    });
  });

  it('de-identifies: no name or ID anywhere, every date moved by the same offset', () => {
    const model = buildReportModel(input(), { deidentify: { dateOffsetDays: -7 * 60 } });
    const text = JSON.stringify(model);
    for (const identity of ['Doe', 'Jane', 'X-123', '1960-02-03', 'abdomen'])
      expect(text).not.toContain(identity);
    expect(model.patient).toBeNull();
    expect(model.deidentification).toContain('De-identified');
    // −420 days: 2024-07-01 → 2023-05-08, 2024-08-19 → 2023-06-26 (still 49 days apart).
    expect(model.review.dates).toEqual(['2023-05-08', '2023-06-26']);
    expect(model.studies.map((s) => s.date)).toEqual(['2023-05-08', '2023-06-26']);
    expect(model.evaluation.dates.map((d) => d.date)).toContain('2023-06-26');
    expect(model.timeline.rows.map((r) => r.timeMs)).toContain(Date.UTC(2023, 5, 26));
    expect(model.findingsByDate[1]!.findings[0]!.note).toBeNull();
    expect(text).not.toContain('2024-');
    expect(model.generatedAt).toBe('2025-09-28T08:00:00.000Z');
    // The numbers are those of the identified report.
    expect(model.review.totalVolumeMl).toEqual(review.totalVolumeMl);
  });
});
