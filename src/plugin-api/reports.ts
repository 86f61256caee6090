/**
 * Measurements a plugin adds to the DICOM SR (TID 1500) the host writes with a SEG export, and
 * the same content handed back when the user opens a loaded report. The host owns DICOM
 * (identities, references to the SEG it has just written, evidence, codes); the plugin owns
 * what the numbers and findings mean. Plain data keyed by labelmap segment index.
 */
import type { HostApi } from './host-api';
import type { Vec3 } from './segmentations';

/** Couinaud liver segments (DICOM CID 7170; IVa/IVb as segment IV superior/inferior). */
export type ReportedCouinaudSegment =
  'I' | 'II' | 'III' | 'IVa' | 'IVb' | 'V' | 'VI' | 'VII' | 'VIII';

/** One lesion segment's measurements (TID 1411); null where not measurable. */
export interface ReportedLesion {
  /** Label value in the series' labelmap (the host maps it to the SEG segment number). */
  readonly segmentIndex: number;
  readonly volumeMl: number;
  /** RECIST-style longest axial diameter and its perpendicular short axis, mm. */
  readonly longAxisMm: number | null;
  readonly shortAxisMm: number | null;
  /** Mean and SD in modality units (HU on CT). */
  readonly meanIntensity: number | null;
  readonly intensitySd: number | null;
  /** Where the reader placed the lesion; written as its Finding Site. */
  readonly couinaudSegment?: ReportedCouinaudSegment | null;
}

export interface ReportedRoiIntensity {
  readonly meanHu: number;
  readonly sdHu: number | null;
}

/** A series a finding was recorded on. */
export interface ReportedSeriesReference {
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string | null;
}

/** One ROI pooled into an L/S measurement (HU). */
export interface ReportedRoi {
  readonly organ: 'liver' | 'spleen';
  readonly voxelCount: number;
  readonly meanHu: number | null;
  readonly sdHu: number | null;
  readonly minHu: number | null;
  readonly maxHu: number | null;
  readonly areaMm2: number | null;
  readonly series: ReportedSeriesReference | null;
  /** Centre of the circle drawn, patient mm, in its frame of reference; null when unknown. */
  readonly centre?: { readonly mm: Vec3; readonly frameOfReferenceUid: string } | null;
  /** Radii in mm along the image rows and columns. */
  readonly radiiMm?: readonly [number, number] | null;
}

/** What every reported finding may carry (written when given, read back when present). */
export interface ReportedFindingCommon {
  readonly referencedSeries?: readonly ReportedSeriesReference[];
  /** The reader's note; de-identified DICOM exports replace it. */
  readonly comment?: string | null;
}

export type ReportedSignal = 'hypo' | 'iso' | 'hyper';
export type ReportedResponseCategory = 'BASELINE' | 'CR' | 'PR' | 'SD' | 'PD';

/** Findings recorded for the series' date, as the SR writes them. */
export type ReportedFinding = ReportedFindingCommon &
  (
    | {
        readonly kind: 'pattern';
        readonly pattern: 'nodular' | 'diffuse' | 'mixed' | 'none';
      }
    | {
        readonly kind: 'liver-spleen';
        readonly liver: ReportedRoiIntensity;
        readonly spleen: ReportedRoiIntensity;
        /** Liver mean ÷ spleen mean. */
        readonly ratio: number | null;
        readonly rois?: readonly ReportedRoi[];
        readonly contrastEnhanced?: boolean | null;
      }
    | {
        readonly kind: 'biliary-interruption';
        readonly trackingId: string | null;
        /** The marked point, patient LPS mm, in the frame of reference of the image it was on. */
        readonly pointMm: Vec3;
        readonly frameOfReferenceUid: string;
        readonly level:
          | {
              readonly scheme: 'bismuth-corlette';
              readonly type: 'I' | 'II' | 'IIIa' | 'IIIb' | 'IV';
            }
          | { readonly scheme: 'intrahepatic-segment'; readonly segment: string }
          | null;
        readonly upstreamDilatation: boolean | null;
        readonly ductRigidityRarefaction?: boolean | null;
      }
    | {
        readonly kind: 'mrcp-ducts';
        readonly rigidityRarefaction: boolean | null;
        readonly segmentalDilatation: boolean | null;
        readonly commonBileDuctDilated: boolean | null;
      }
    | {
        readonly kind: 'hepatomegaly';
        readonly present: boolean;
        readonly liverSpanMm: number | null;
        /** The span's line in patient mm, with its frame of reference; null when typed. */
        readonly spanLine: {
          readonly fromMm: Vec3;
          readonly toMm: Vec3;
          readonly frameOfReferenceUid: string;
        } | null;
      }
    | {
        readonly kind: 'ascites' | 't2-parenchymal-oedema' | 'homogeneous-density-decrease';
        readonly present: boolean;
      }
    | {
        readonly kind: 'lesion-signal';
        /** Tracking id of the lesion (L1 …), or null for the lesions as a group. */
        readonly lesionId: string | null;
        readonly t1: ReportedSignal | null;
        readonly t2: ReportedSignal | null;
      }
    | {
        /** The date's response; computed by the plugin, so shown on import, never stored. */
        readonly kind: 'response';
        readonly method: 'recist-1.1' | 'volumetric';
        readonly category: ReportedResponseCategory;
      }
  );

export interface ReportMeasurements {
  readonly lesions: readonly ReportedLesion[];
  readonly findings: readonly ReportedFinding[];
}

/** A lesion group of an opened report, with the SEG segment it references. */
export interface OpenedReportLesion {
  readonly trackingId: string | null;
  readonly trackingUid: string | null;
  /** The referenced SEG segment; `label` when that SEG is loaded, else null. */
  readonly segment: {
    readonly segmentationSopInstanceUid: string;
    readonly segmentNumber: number;
    readonly label: string | null;
  } | null;
  readonly volumeMl: number | null;
  readonly longAxisMm: number | null;
  readonly shortAxisMm: number | null;
  readonly meanIntensity: number | null;
  readonly intensitySd: number | null;
  /** 'HU', 'arbitrary units', or null when the report has no intensity. */
  readonly intensityUnit: string | null;
  readonly couinaudSegment: ReportedCouinaudSegment | null;
}

/** A loaded TID 1500 report the user chose to open in the plugins (after confirming). */
export interface OpenedMeasurementReport {
  readonly sopInstanceUid: string;
  /** The report's study (its findings belong to that study's date). */
  readonly studyInstanceUid: string;
  /** ISO YYYY-MM-DD of the report's StudyDate, null when absent. */
  readonly studyDate: string | null;
  /** Series the report measured (its Image Library and lesion source series). */
  readonly sourceSeriesInstanceUids: readonly string[];
  readonly lesions: readonly OpenedReportLesion[];
  readonly findings: readonly ReportedFinding[];
  /** Content the host could not map, to show the user. */
  readonly warnings: readonly string[];
}

/** What the plugin did with an opened report, in one sentence for the user. */
export interface ReportOpenOutcome {
  readonly message: string;
}

/**
 * Supplies the measurements of a segmented series for the SR written next to its SEG, and
 * (optionally) takes an opened report back into the plugin's own records.
 */
export interface MeasurementReportContribution {
  readonly id: string;
  measure(host: HostApi, seriesId: string): Promise<ReportMeasurements>;
  /**
   * The user opened a loaded report and confirmed replacing what the plugin recorded for its
   * date; the plugin keeps what it replaces so the user can undo.
   */
  open?(host: HostApi, report: OpenedMeasurementReport): Promise<ReportOpenOutcome>;
}
