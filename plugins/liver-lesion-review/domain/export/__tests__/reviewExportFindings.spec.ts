/**
 * Schema 2 of the review export: findings and rule results per date, the "findings per date"
 * CSV, and de-identification (pseudonym, whole-day date shift, mapped UIDs, no notes). Expected
 * values are worked out by hand from the fixtures below.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ExportDeidentity } from '../../../../../src/plugin-api';
import type { Finding, RecordedRoi } from '../../findings/types';
import { buildLesionReview } from '../../quantify/buildLesionReview';
import { evaluateRules } from '../../rules/evaluateRules';
import { REVIEW_EXPORT_SCHEMA_VERSION, buildReviewExport } from '../buildReviewExport';
import { shiftIsoDate } from '../deidentifyReviewExport';
import { formatFindingsCsv } from '../formatFindingsCsv';
import { formatReviewCsv } from '../formatReviewCsv';
import { TIMEPOINTS } from './exportFixtures';

const ct = { seriesInstanceUid: '1.2.20240725.2', studyInstanceUid: '1.2.20240725' };
const roi = (voxelCount: number, mean: number): RecordedRoi => ({
  statistics: { voxelCount, mean, sd: 5, min: mean - 10, max: mean + 10, areaMm2: voxelCount / 4 },
  imageReference: ct,
  roi: null,
});

// Liver ROIs of 100 voxels at 50 HU and 300 at 30 HU pool to (5000 + 9000) / 400 = 35 HU; the
// spleen is 50 HU: L/S = 0.7, L − S = −15 HU.
const FINDINGS: Finding[] = [
  {
    id: 'liver-spleen-2024-07-25',
    kind: 'liver-spleen',
    date: '2024-07-25',
    imageReferences: [ct],
    liverRois: [roi(100, 50), roi(300, 30)],
    spleenRois: [roi(80, 50)],
    contrastEnhanced: false,
  },
  {
    id: 'biliary-interruption-2024-08-12',
    kind: 'biliary-interruption',
    date: '2024-08-12',
    imageReferences: [ct],
    pointMm: [12.345, -6.5, 100],
    imageReference: ct,
    level: { scheme: 'bismuth-corlette', type: 'IIIa' },
    upstreamDilatation: true,
    ductRigidityRarefaction: null,
    note: 'seen on 2024-08-12 MRCP',
  },
  {
    id: 'hepatomegaly-2024-08-12',
    kind: 'hepatomegaly',
    date: '2024-08-12',
    imageReferences: [ct],
    present: true,
    liverSpanMm: 191.24,
  },
  {
    id: 'ascites-2024-08-12',
    kind: 'ascites',
    date: '2024-08-12',
    imageReferences: [],
    present: true,
  },
];

const review = buildLesionReview(TIMEPOINTS);
const dateInfo = (date: string) => ({
  date,
  studyInstanceUid: `1.2.${date.replace(/-/g, '')}`,
  seriesInstanceUid: `1.2.${date.replace(/-/g, '')}.2`,
  modality: 'CT',
  seriesDescription: 'Abdomen PV',
});
const input = {
  patientId: 'LLR-SAMPLE-004',
  review,
  timepoints: TIMEPOINTS,
  dates: [dateInfo('2024-07-25'), dateInfo('2024-08-12')],
  couinaud: {},
  exportedAt: '2024-10-08T09:00:00.000Z',
  generator: 'test',
  findings: FINDINGS,
  rules: evaluateRules({
    labs: [],
    findings: FINDINGS,
    responses: review.response.timepoints,
    knownMalignancy: true,
  }),
};

// −371 days: 2024-07-25 − 366 (a leap year back) = 2023-07-25, − 5 = 2023-07-20.
const DEID: ExportDeidentity = {
  patientId: 'ANON-0A1B2C3D4E',
  dateOffsetDays: -371,
  mapUid: (uid) => `2.25.${uid.replace(/\D/g, '')}9`,
};

describe('buildReviewExport schema 2', () => {
  it('is schema version 2 with findings and rules per date', () => {
    const doc = buildReviewExport(input);
    expect(REVIEW_EXPORT_SCHEMA_VERSION).toBe(2);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.deidentified).toBe(false);
    expect(doc.findingsByDate.map((f) => f.date)).toEqual(['2024-07-25', '2024-08-12']);
    expect(doc.rulesByDate.map((r) => r.date)).toEqual(['2024-07-25', '2024-08-12']);
  });

  it('pools the L/S ROIs by voxel count: 35 HU, ratio 0.7, L − S −15 HU', () => {
    const july = buildReviewExport(input).findingsByDate[0]!;
    expect(july).toMatchObject({
      liverMeanHu: 35,
      spleenMeanHu: 50,
      liverToSpleenRatio: 0.7,
      liverMinusSpleenHu: -15,
      liverRoiCount: 2,
      spleenRoiCount: 1,
      contrastEnhanced: false,
      biliaryInterruption: false,
      hepatomegaly: null,
    });
  });

  it('carries the biliary point, level, span and presence findings of August', () => {
    const august = buildReviewExport(input).findingsByDate[1]!;
    expect(august).toMatchObject({
      biliaryInterruption: true,
      biliaryLevel: 'Bismuth-Corlette IIIa',
      biliaryPointXMm: 12.35,
      biliaryPointYMm: -6.5,
      biliaryPointZMm: 100,
      upstreamDilatation: true,
      hepatomegaly: true,
      liverSpanMm: 191.2,
      ascites: true,
      t2ParenchymalOedema: null,
      notes: 'biliary-interruption: seen on 2024-08-12 MRCP',
    });
  });

  it('lists every rule on each date with its status', () => {
    const doc = buildReviewExport(input);
    const august = doc.rulesByDate[1]!.results;
    expect(august.find((r) => r.ruleId === 'progression-recist')?.status).toBe('met');
    expect(august.every((r) => ['met', 'not-met', 'not-evaluable'].includes(r.status))).toBe(true);
  });
});

describe('formatFindingsCsv', () => {
  it('writes one row per date with findings, one status column per rule, and the response', () => {
    const doc = buildReviewExport(input);
    const parsed = Papa.parse<Record<string, string>>(formatFindingsCsv(doc), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data.map((r) => r.date)).toEqual(['2024-07-25', '2024-08-12']);
    expect(parsed.data[0]).toMatchObject({
      liverToSpleenRatio: '0.7',
      liverMinusSpleenHu: '-15',
      recist: 'BASELINE',
    });
    expect(parsed.data[1]).toMatchObject({ 'rule:progression-recist': 'met', recist: 'PD' });
    expect(parsed.meta.fields).toContain('rule:hys-law');
  });
});

describe('de-identified export', () => {
  it('shifts dates by whole days (worked out by hand across a leap year)', () => {
    expect(shiftIsoDate('2024-07-25', -371)).toBe('2023-07-20');
    expect(shiftIsoDate('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('replaces the patient id, shifts every date, maps UIDs and drops notes', () => {
    const doc = buildReviewExport({ ...input, deidentify: DEID });
    expect(doc.deidentified).toBe(true);
    expect(doc.patientId).toBe('ANON-0A1B2C3D4E');
    expect(doc.dates.map((d) => d.date)).toEqual(['2023-07-20', '2023-08-07']);
    expect(doc.dates[0]!.studyInstanceUid).toBe('2.25.1220240725' + '9');
    expect(doc.dates[0]!.seriesDescription).toBe('');
    expect(doc.lesions.every((l) => l.patientId === 'ANON-0A1B2C3D4E')).toBe(true);
    expect(doc.lesions.every((l) => !l.date.startsWith('2024'))).toBe(true);
    expect(doc.findingsByDate.map((f) => [f.date, f.notes])).toEqual([
      ['2023-07-20', null],
      ['2023-08-07', null],
    ]);
    expect(doc.rulesByDate.map((r) => r.date)).toEqual(['2023-07-20', '2023-08-07']);
    expect(doc.response.map((r) => r.date)).toEqual(['2023-07-20', '2023-08-07']);
    // The shift keeps intervals: 18 days between the dates before and after.
    const text = JSON.stringify(doc) + formatReviewCsv(doc) + formatFindingsCsv(doc);
    expect(text).not.toMatch(/LLR-SAMPLE-004|2024-0[78]-|1\.2\.2024/);
  });
});
