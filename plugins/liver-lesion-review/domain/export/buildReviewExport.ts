import type { ResponseCategory } from '../quantify/assessResponse';
import type { LesionReview, LesionStatus, ReviewTimepoint } from '../quantify/buildLesionReview';
import type { MatchMethod } from '../quantify/matchLesionsAcrossTimepoints';
import type { ExportDeidentity } from '../../../../src/plugin-api';
import type { Finding } from '../findings/types';
import type { RuleEvaluation } from '../rules/evaluateRules';
import {
  buildDateFindings,
  buildDateRules,
  type DateFindingsRow,
  type DateRulesRow,
} from './buildDateFindings';
import { deidentifyReviewExport } from './deidentifyReviewExport';

/** Identifies the document kind; `schemaVersion` changes whenever a field changes meaning. */
export const REVIEW_EXPORT_SCHEMA = 'liver-lesion-review/lesion-review';
// 2: findingsByDate, rulesByDate and deidentified added (1: lesions and response only).
export const REVIEW_EXPORT_SCHEMA_VERSION = 2;

/** The image series a date was measured on. */
export interface ExportedDate {
  readonly date: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesDescription: string;
}

/**
 * One lesion on one date. A date the lesion is not segmented on has its status ('absent',
 * 'disappeared') and null measurements. Millimetres, millilitres and per cent are in the names;
 * intensities are in `intensityUnit` (HU on CT).
 */
export interface LesionDateRow {
  readonly patientId: string;
  readonly date: string;
  readonly lesionId: string;
  /** The segment's name on that date. */
  readonly segmentLabel: string | null;
  /** DICOM TrackingUID of the segment on that date. */
  readonly trackingUid: string | null;
  /** RECIST 1.1 target lesion of this review. */
  readonly isTarget: boolean;
  /** Couinaud segment recorded by the reader. */
  readonly couinaudSegment: string | null;
  readonly status: LesionStatus;
  readonly statusReason: string;
  /** How the lesion was linked to earlier dates. */
  readonly matchMethod: MatchMethod | null;
  readonly voxelCount: number | null;
  readonly volumeMl: number | null;
  readonly volumeChangeFromPreviousPct: number | null;
  /** RECIST-style longest axial diameter and its perpendicular short axis. */
  readonly longestAxialMm: number | null;
  readonly shortAxisMm: number | null;
  readonly longestAxialChangeFromPreviousPct: number | null;
  readonly maximum3dDiameterMm: number | null;
  readonly intensityUnit: string | null;
  readonly intensityMean: number | null;
  readonly intensitySd: number | null;
  readonly intensityMin: number | null;
  readonly intensityMax: number | null;
  /** Centroid in patient coordinates (DICOM LPS). */
  readonly centroidXMm: number | null;
  readonly centroidYMm: number | null;
  readonly centroidZMm: number | null;
}

/** RECIST 1.1 and volumetric response of one date, with the reasons that decided them. */
export interface DateResponseRow {
  readonly date: string;
  readonly sumLongestDiametersMm: number;
  readonly changeFromBaselinePct: number | null;
  readonly changeFromNadirPct: number | null;
  readonly changeFromPreviousPct: number | null;
  readonly newLesionIds: readonly string[];
  readonly recist: ResponseCategory;
  readonly totalVolumeMl: number;
  readonly volumeChangeFromBaselinePct: number | null;
  readonly volumeChangeFromNadirPct: number | null;
  readonly volumetric: ResponseCategory;
  readonly reasons: readonly string[];
}

/** The lesion review as exported (JSON as is; CSV from `lesions` joined with `response`). */
export interface LesionReviewExport {
  readonly schema: typeof REVIEW_EXPORT_SCHEMA;
  readonly schemaVersion: typeof REVIEW_EXPORT_SCHEMA_VERSION;
  /** ISO 8601 date-time of the export. */
  readonly exportedAt: string;
  readonly generator: string;
  readonly notice: string;
  readonly patientId: string;
  readonly targetLesionIds: readonly string[];
  /** Oldest first. */
  readonly dates: readonly ExportedDate[];
  /** One row per lesion per date, lesion by lesion, dates oldest first. */
  readonly lesions: readonly LesionDateRow[];
  /** One row per date, oldest first. */
  readonly response: readonly DateResponseRow[];
  /** Recorded imaging findings, one row per date with findings, oldest first (schema 2). */
  readonly findingsByDate: readonly DateFindingsRow[];
  /** Every rule's status on every evaluated date (labs, findings, response), oldest first. */
  readonly rulesByDate: readonly DateRulesRow[];
  /** True when names, ids, UIDs and dates were replaced (see deidentifyReviewExport). */
  readonly deidentified: boolean;
}

export interface ReviewExportInput {
  readonly patientId: string;
  readonly review: LesionReview;
  /** The measured dates (they carry each segment's tracking identity). */
  readonly timepoints: readonly ReviewTimepoint[];
  readonly dates: readonly ExportedDate[];
  /** lesion id → Couinaud segment. */
  readonly couinaud: Readonly<Record<string, string>>;
  readonly exportedAt: string;
  readonly generator: string;
  /** The reader's findings of every date (schema 2's findingsByDate). */
  readonly findings?: readonly Finding[];
  /** The rules evaluated per date (labs, findings, response). */
  readonly rules?: RuleEvaluation;
  /** De-identify with the host session's identity (same shift and UIDs as the DICOM export). */
  readonly deidentify?: ExportDeidentity;
}

export const REVIEW_EXPORT_NOTICE =
  'Measurements, findings and the rules they meet (RECIST 1.1, volumetric, labs); not a diagnosis.';

/** Rounds to `digits` decimals (exported values carry no floating-point noise); null stays. */
function round(value: number | null | undefined, digits: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
const mm = (v: number | null | undefined): number | null => round(v, 2);
const ml = (v: number | null | undefined): number | null => round(v, 4);
const pct = (v: number | null | undefined): number | null => round(v, 2);

/**
 * The lesion review as a versioned document: one row per lesion per date (identity, status
 * with its rule, volume, diameters, intensity, centroid) and the response per date. Values are
 * rounded: mL to 4 decimals, mm, % and intensities to 2.
 */
export function buildReviewExport(input: ReviewExportInput): LesionReviewExport {
  const { review } = input;
  const targets = review.response.targetLesionIds;
  const modalityOf = new Map(input.dates.map((d) => [d.date, d.modality]));
  const trackingUidOf = new Map(
    input.timepoints.flatMap((tp) => tp.lesions.map((l) => [`${tp.date}|${l.key}`, l.trackingUid])),
  );
  const lesions = review.rows.flatMap((row) =>
    row.cells.map((cell, t): LesionDateRow => {
      const date = review.dates[t] ?? '';
      const common = {
        patientId: input.patientId,
        date,
        lesionId: row.lesionId,
        isTarget: targets.includes(row.lesionId),
        couinaudSegment: input.couinaud[row.lesionId] || null,
        status: cell.status,
        statusReason: cell.statusReason,
      };
      if (!('key' in cell))
        return {
          ...common,
          segmentLabel: null,
          trackingUid: null,
          matchMethod: null,
          voxelCount: null,
          volumeMl: null,
          volumeChangeFromPreviousPct: null,
          longestAxialMm: null,
          shortAxisMm: null,
          longestAxialChangeFromPreviousPct: null,
          maximum3dDiameterMm: null,
          intensityUnit: null,
          intensityMean: null,
          intensitySd: null,
          intensityMin: null,
          intensityMax: null,
          centroidXMm: null,
          centroidYMm: null,
          centroidZMm: null,
        };
      const s = cell.statistics;
      const intensity = (v: number | null) => round(v, 2);
      return {
        ...common,
        segmentLabel: cell.label,
        trackingUid: trackingUidOf.get(`${date}|${cell.key}`) ?? null,
        matchMethod: cell.method,
        voxelCount: s.voxelCount,
        volumeMl: ml(s.volumeMl),
        volumeChangeFromPreviousPct: pct(cell.volumeChangeFromPreviousPct),
        longestAxialMm: mm(s.longestAxial?.lengthMm),
        shortAxisMm: mm(s.shortAxis?.lengthMm),
        longestAxialChangeFromPreviousPct: pct(cell.diameterChangeFromPreviousPct),
        maximum3dDiameterMm: mm(s.maximum3dDiameterMm),
        intensityUnit: modalityOf.get(date) === 'CT' ? 'HU' : 'arbitrary units',
        intensityMean: intensity(s.mean),
        intensitySd: intensity(s.sd),
        intensityMin: intensity(s.min),
        intensityMax: intensity(s.max),
        centroidXMm: mm(s.centroidMm?.[0]),
        centroidYMm: mm(s.centroidMm?.[1]),
        centroidZMm: mm(s.centroidMm?.[2]),
      };
    }),
  );
  const response = review.response.timepoints.map((tp): DateResponseRow => ({
    date: tp.date,
    sumLongestDiametersMm: mm(tp.sumLongestDiametersMm) ?? 0,
    changeFromBaselinePct: pct(tp.changeFromBaselinePct),
    changeFromNadirPct: pct(tp.changeFromNadirPct),
    changeFromPreviousPct: pct(tp.changeFromPreviousPct),
    newLesionIds: tp.newLesions,
    recist: tp.recist,
    totalVolumeMl: ml(tp.totalVolumeMl) ?? 0,
    volumeChangeFromBaselinePct: pct(tp.volumeChangeFromBaselinePct),
    volumeChangeFromNadirPct: pct(tp.volumeChangeFromNadirPct),
    volumetric: tp.volumetric,
    reasons: tp.reasons,
  }));
  const measured = new Set(review.dates);
  const doc: LesionReviewExport = {
    schema: REVIEW_EXPORT_SCHEMA,
    schemaVersion: REVIEW_EXPORT_SCHEMA_VERSION,
    exportedAt: input.exportedAt,
    generator: input.generator,
    notice: REVIEW_EXPORT_NOTICE,
    patientId: input.patientId,
    targetLesionIds: targets,
    dates: input.dates
      .filter((d) => measured.has(d.date))
      .sort((a, b) => a.date.localeCompare(b.date)),
    lesions,
    response,
    findingsByDate: buildDateFindings(input.findings ?? []),
    rulesByDate: input.rules ? buildDateRules(input.rules) : [],
    deidentified: false,
  };
  return input.deidentify ? deidentifyReviewExport(doc, input.deidentify) : doc;
}
