/**
 * The report of `liver-review measure` (the JSON schema of issue 5). Millimetres, millilitres
 * and HU (after rescale) are in the names; dates are ISO YYYY-MM-DD.
 */
import type { ResponseCategory } from '../../plugins/liver-lesion-review/domain/quantify/assessResponse.ts';

export interface MeasuredLesion {
  /** The same string for the same lesion on every date. */
  readonly lesionId: string;
  readonly label: string;
  readonly trackingUid: string | null;
  readonly voxelCount: number;
  readonly volumeMl: number;
  readonly meanHu: number;
  /** Longest in-plane diameter over the lesion's slices (RECIST). */
  readonly longestAxialMm: number;
  /** Longest diameter perpendicular to it, on the same slice. */
  readonly shortAxisMm: number;
  readonly centroidMm: readonly [number, number, number];
}

export interface MeasuredTimepoint {
  readonly date: string;
  readonly studyInstanceUid: string;
  /** The image series the segmentation was measured on. */
  readonly seriesInstanceUid: string;
  /** Parenchyma = the liver segment's voxels that no lesion segment holds. */
  readonly liver: { readonly volumeMl: number; readonly parenchymaMeanHu: number } | null;
  readonly spleen: { readonly volumeMl: number; readonly meanHu: number } | null;
  /** parenchymaMeanHu / spleen meanHu. */
  readonly liverToSpleenRatio: number | null;
  readonly lesions: readonly MeasuredLesion[];
  readonly totalLesionVolumeMl: number;
}

export interface MeasuredResponse {
  readonly date: string;
  readonly sumLongestDiametersMm: number;
  readonly changeFromBaselinePct: number | null;
  readonly changeFromNadirPct: number | null;
  readonly changeFromPreviousPct: number | null;
  readonly newLesions: readonly string[];
  readonly recist: ResponseCategory;
  readonly volumetric: ResponseCategory;
}

export interface MeasureReport {
  readonly patientId: string;
  /** Ordered by date. */
  readonly timepoints: readonly MeasuredTimepoint[];
  readonly response: readonly MeasuredResponse[];
  readonly warnings: readonly string[];
}

export type MeasureErrorCode =
  'NO_DICOM' | 'SEVERAL_PATIENTS' | 'NO_SEGMENTATION' | 'NOTHING_MEASURABLE';

/** Why the input cannot be measured (exit code 3). */
export interface MeasureError {
  readonly code: MeasureErrorCode;
  readonly message: string;
}

export type MeasureOutcome =
  | { readonly ok: true; readonly report: MeasureReport }
  | { readonly ok: false; readonly error: MeasureError; readonly warnings: readonly string[] };
