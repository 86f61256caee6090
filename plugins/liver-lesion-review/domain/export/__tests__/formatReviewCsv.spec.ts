import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LesionReviewExport } from '../buildReviewExport';
import { REVIEW_CSV_COLUMNS, formatReviewCsv } from '../formatReviewCsv';
import { EXPORT } from './exportFixtures';

const parse = (csv: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

describe('formatReviewCsv', () => {
  it('writes one row per lesion per date with the date’s series and response', () => {
    const csv = formatReviewCsv(EXPORT);
    expect(csv.split('\r\n')[0]).toBe(REVIEW_CSV_COLUMNS.join(','));
    const rows = parse(csv);
    expect(rows).toHaveLength(6);
    const l1August = rows[1]!;
    expect(l1August).toMatchObject({
      lesionId: 'L1',
      date: '2024-08-12',
      seriesInstanceUid: '1.2.20240812.2',
      status: 'enlarging',
      volumeMl: '24.429',
      isTarget: 'true',
      recist: 'PD',
      newLesionIds: 'L3',
      sumLongestDiametersMm: '36',
    });
    // Empty cells for what an absent lesion does not have.
    expect(rows[3]!.volumeMl).toBe('');
  });

  it('prefixes text cells beginning with = + - @ so spreadsheets do not run them', () => {
    const hostile: LesionReviewExport = {
      ...EXPORT,
      lesions: EXPORT.lesions.slice(0, 4).map((row, i) => ({
        ...row,
        segmentLabel: ['=HYPERLINK("http://x","y")', '-2+3', '@SUM(A1)', 'plain'][i]!,
        // A negative number is a number: it keeps its sign.
        intensityMin: -12.5,
      })),
    };
    const rows = parse(formatReviewCsv(hostile));
    expect(rows.map((r) => r.segmentLabel)).toEqual([
      `'=HYPERLINK("http://x","y")`,
      `'-2+3`,
      `'@SUM(A1)`,
      'plain',
    ]);
    expect(rows.map((r) => r.intensityMin)).toEqual(['-12.5', '-12.5', '-12.5', '-12.5']);
  });

  it('keeps a date without lesions as one row with its response', () => {
    const rows = parse(formatReviewCsv({ ...EXPORT, patientId: '=1+1', lesions: [] }));
    expect(rows.map((r) => [r.date, r.patientId, r.lesionId, r.recist])).toEqual([
      ['2024-07-25', "'=1+1", '', 'BASELINE'],
      ['2024-08-12', "'=1+1", '', 'PD'],
    ]);
  });
});
