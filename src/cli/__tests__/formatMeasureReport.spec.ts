import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, formatCsv, formatReport } from '../formatMeasureReport.ts';
import type { MeasureReport } from '../types.ts';

const REPORT: MeasureReport = {
  patientId: '@PAT',
  timepoints: [
    {
      date: '2024-07-25',
      studyInstanceUid: '1.2.3',
      seriesInstanceUid: '1.2.3.4',
      liver: { volumeMl: 1400.5, parenchymaMeanHu: 118.2 },
      spleen: { volumeMl: 230, meanHu: 102 },
      liverToSpleenRatio: 1.1588,
      lesions: [
        {
          lesionId: 'L1',
          label: '=1+2',
          trackingUid: '2.25.7',
          voxelCount: 12,
          volumeMl: 0.1,
          meanHu: -5.5,
          longestAxialMm: 10,
          shortAxisMm: 8,
          centroidMm: [-82, 24, -76],
        },
      ],
      totalLesionVolumeMl: 0.1,
    },
    {
      date: '2024-08-12',
      studyInstanceUid: '1.2.5',
      seriesInstanceUid: '1.2.5.4',
      liver: null,
      spleen: null,
      liverToSpleenRatio: null,
      lesions: [],
      totalLesionVolumeMl: 0,
    },
  ],
  response: [
    {
      date: '2024-07-25',
      sumLongestDiametersMm: 10,
      changeFromBaselinePct: null,
      changeFromNadirPct: null,
      changeFromPreviousPct: null,
      newLesions: [],
      recist: 'BASELINE',
      volumetric: 'BASELINE',
    },
    {
      date: '2024-08-12',
      sumLongestDiametersMm: 0,
      changeFromBaselinePct: -100,
      changeFromNadirPct: -100,
      changeFromPreviousPct: -100,
      newLesions: [],
      recist: 'CR',
      volumetric: 'CR',
    },
  ],
  warnings: [],
};

describe('formatCsv', () => {
  const rows = Papa.parse<Record<string, string>>(formatCsv(REPORT).trim(), { header: true });

  it('has one row per lesion per date and one for a date without lesions', () => {
    expect(rows.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(rows.data.map((r) => [r['date'], r['lesionId'], r['recist']])).toEqual([
      ['2024-07-25', 'L1', 'BASELINE'],
      ['2024-08-12', '', 'CR'],
    ]);
  });

  it('escapes text that a spreadsheet would run as a formula, not negative numbers', () => {
    const [first, second] = rows.data;
    expect(first!['label']).toBe("'=1+2");
    expect(first!['patientId']).toBe("'@PAT");
    expect(first!['meanHu']).toBe('-5.5');
    expect(first!['centroidXMm']).toBe('-82');
    expect(second!['changeFromBaselinePct']).toBe('-100');
    expect(first!['isNewLesion']).toBe('false');
    expect(first!['liverToSpleenRatio']).toBe('1.1588');
  });

  it('ends lines with CRLF (RFC 4180)', () => {
    expect(formatCsv(REPORT).split('\r\n')).toHaveLength(4);
  });
});

describe('formatReport', () => {
  it('writes the JSON schema as is', () => {
    expect(JSON.parse(formatReport(REPORT, 'json'))).toEqual(REPORT);
  });
});
