import Papa from 'papaparse';
import type { DateResponseRow, LesionDateRow, LesionReviewExport } from './buildReviewExport';

/** The CSV columns: a lesion on a date, then that date's response. */
export const REVIEW_CSV_COLUMNS = [
  'patientId',
  'date',
  'studyInstanceUid',
  'seriesInstanceUid',
  'modality',
  'lesionId',
  'segmentLabel',
  'trackingUid',
  'isTarget',
  'couinaudSegment',
  'status',
  'statusReason',
  'matchMethod',
  'voxelCount',
  'volumeMl',
  'volumeChangeFromPreviousPct',
  'longestAxialMm',
  'shortAxisMm',
  'longestAxialChangeFromPreviousPct',
  'maximum3dDiameterMm',
  'intensityUnit',
  'intensityMean',
  'intensitySd',
  'intensityMin',
  'intensityMax',
  'centroidXMm',
  'centroidYMm',
  'centroidZMm',
  'sumLongestDiametersMm',
  'changeFromBaselinePct',
  'changeFromNadirPct',
  'changeFromPreviousPct',
  'newLesionIds',
  'recist',
  'totalVolumeMl',
  'volumeChangeFromBaselinePct',
  'volumeChangeFromNadirPct',
  'volumetric',
  'responseReasons',
] as const;

type Column = (typeof REVIEW_CSV_COLUMNS)[number];
type Cell = string | number | boolean | null;

function responseCells(r: DateResponseRow | undefined): Partial<Record<Column, Cell>> {
  if (!r) return {};
  return {
    sumLongestDiametersMm: r.sumLongestDiametersMm,
    changeFromBaselinePct: r.changeFromBaselinePct,
    changeFromNadirPct: r.changeFromNadirPct,
    changeFromPreviousPct: r.changeFromPreviousPct,
    newLesionIds: r.newLesionIds.join(' '),
    recist: r.recist,
    totalVolumeMl: r.totalVolumeMl,
    volumeChangeFromBaselinePct: r.volumeChangeFromBaselinePct,
    volumeChangeFromNadirPct: r.volumeChangeFromNadirPct,
    volumetric: r.volumetric,
    responseReasons: r.reasons.join(' | '),
  };
}

/**
 * CSV of an exported review (RFC 4180, CRLF): one row per lesion per date with that date's
 * series and response; a date without any lesion gets one row, so its response is not lost.
 * Text cells beginning with = + - @ (or tab, CR) are prefixed with ' so a spreadsheet shows
 * them instead of running them as formulas (OWASP "CSV injection"); numbers keep their sign.
 */
export function formatReviewCsv(doc: LesionReviewExport): string {
  const dateOf = new Map(doc.dates.map((d) => [d.date, d]));
  const responseOf = new Map(doc.response.map((r) => [r.date, r]));
  const row = (date: string, lesion: LesionDateRow | null): Cell[] => {
    const d = dateOf.get(date);
    const cells: Partial<Record<Column, Cell>> = {
      ...(lesion ?? { patientId: doc.patientId, date }),
      studyInstanceUid: d?.studyInstanceUid ?? null,
      seriesInstanceUid: d?.seriesInstanceUid ?? null,
      modality: d?.modality ?? null,
      ...responseCells(responseOf.get(date)),
    };
    return REVIEW_CSV_COLUMNS.map((c) => cells[c] ?? null);
  };
  const withLesions = new Set(doc.lesions.map((l) => l.date));
  const rows: Cell[][] = [
    ...doc.lesions.map((l) => row(l.date, l)),
    ...doc.response.filter((r) => !withLesions.has(r.date)).map((r) => row(r.date, null)),
  ];
  return `${Papa.unparse(
    { fields: [...REVIEW_CSV_COLUMNS], data: rows },
    { escapeFormulae: true, newline: '\r\n' },
  )}\r\n`;
}
