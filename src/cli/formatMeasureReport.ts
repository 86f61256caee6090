import Papa from 'papaparse';
import type { MeasureReport } from './types.ts';

export type ReportFormat = 'json' | 'csv';

/** The CSV columns: the lesion's fields, then its date's timepoint and response fields. */
export const CSV_COLUMNS = [
  'patientId',
  'date',
  'studyInstanceUid',
  'seriesInstanceUid',
  'lesionId',
  'label',
  'trackingUid',
  'voxelCount',
  'volumeMl',
  'meanHu',
  'longestAxialMm',
  'shortAxisMm',
  'centroidXMm',
  'centroidYMm',
  'centroidZMm',
  'isNewLesion',
  'totalLesionVolumeMl',
  'liverVolumeMl',
  'liverParenchymaMeanHu',
  'spleenVolumeMl',
  'spleenMeanHu',
  'liverToSpleenRatio',
  'sumLongestDiametersMm',
  'changeFromBaselinePct',
  'changeFromNadirPct',
  'changeFromPreviousPct',
  'recist',
  'volumetric',
] as const;

type Cell = string | number | boolean | null;

/**
 * CSV: one row per lesion per date (a date without lesions gets one row with empty lesion
 * cells, so its response is not lost). Text cells starting with = + - @ (or tab, CR) are
 * prefixed with ' so spreadsheets do not run them as formulas (OWASP CSV injection); numbers
 * keep their sign.
 */
export function formatCsv(report: MeasureReport): string {
  const responseOf = new Map(report.response.map((r) => [r.date, r]));
  const rows: Cell[][] = [];
  for (const tp of report.timepoints) {
    const r = responseOf.get(tp.date);
    const dateCells: Cell[] = [
      tp.totalLesionVolumeMl,
      tp.liver?.volumeMl ?? null,
      tp.liver?.parenchymaMeanHu ?? null,
      tp.spleen?.volumeMl ?? null,
      tp.spleen?.meanHu ?? null,
      tp.liverToSpleenRatio,
      r?.sumLongestDiametersMm ?? null,
      r?.changeFromBaselinePct ?? null,
      r?.changeFromNadirPct ?? null,
      r?.changeFromPreviousPct ?? null,
      r?.recist ?? null,
      r?.volumetric ?? null,
    ];
    const head: Cell[] = [report.patientId, tp.date, tp.studyInstanceUid, tp.seriesInstanceUid];
    if (tp.lesions.length === 0)
      rows.push([...head, ...new Array<Cell>(11).fill(null), ...dateCells]);
    for (const l of tp.lesions) {
      rows.push([
        ...head,
        l.lesionId,
        l.label,
        l.trackingUid,
        l.voxelCount,
        l.volumeMl,
        l.meanHu,
        l.longestAxialMm,
        l.shortAxisMm,
        ...l.centroidMm,
        r ? r.newLesions.includes(l.lesionId) : null,
        ...dateCells,
      ]);
    }
  }
  // RFC 4180: CRLF line ends; quoted only where needed.
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: true })}\r\n`;
}

export function formatReport(report: MeasureReport, format: ReportFormat): string {
  return format === 'csv' ? formatCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
}
