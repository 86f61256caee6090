/**
 * Imaging findings a reader records per date, each with the images it came from. Findings
 * describe what is seen; which rules they meet is decided in rules/, never here.
 */
import type { Vec3 } from '../quantify/types';
import type { EllipseRoi, RoiStatistics } from './roiTypes';

/** The image a finding was recorded on. */
export interface ImageReference {
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid?: string;
  /** 1-based frame of a multi-frame instance. */
  readonly frameNumber?: number;
}

export type CouinaudSegment = 'I' | 'II' | 'III' | 'IVa' | 'IVb' | 'V' | 'VI' | 'VII' | 'VIII';

/** Couinaud segments in the order radiologists list them. */
export const COUINAUD_ORDER: readonly CouinaudSegment[] = [
  'I',
  'II',
  'III',
  'IVa',
  'IVb',
  'V',
  'VI',
  'VII',
  'VIII',
];

interface FindingBase {
  readonly id: string;
  /** ISO date YYYY-MM-DD of the study. */
  readonly date: string;
  readonly imageReferences: readonly ImageReference[];
  readonly note?: string;
}

/** Nodular = discrete countable lesions; diffuse = ill-defined infiltration (seed 000). */
export type LiverPattern = 'nodular' | 'diffuse' | 'mixed' | 'none';

/** Shown with the pattern choice: the lesson of seed 000. */
export const DIFFUSE_PATTERN_WARNING =
  'Diffuse infiltration (e.g. sinusoidal metastasis) can mimic benign diffuse liver disease. With a known malignancy and rapidly worsening liver tests, consider an early liver biopsy (seed 000).';

export interface PatternSupport {
  /** Lesions with a non-zero volume. */
  readonly lesionCount: number;
  readonly totalLesionVolumeMl: number;
  /** Whole liver, lesions included; null without a liver volume. */
  readonly liverVolumeMl: number | null;
  /** Total lesion volume ÷ whole-liver volume (0–1). */
  readonly fractionOfLiverInvolved: number | null;
  readonly segmentsInvolved: readonly CouinaudSegment[];
  readonly lesionsWithoutSegment: number;
  readonly warnings: readonly string[];
}

export interface PatternFinding extends FindingBase {
  readonly kind: 'pattern';
  readonly pattern: LiverPattern;
  /** Figures from segmentations (computePatternSupport), when they exist. */
  readonly support: PatternSupport | null;
}

/** One ROI of an L/S measurement: its statistics and where it was placed. */
export interface RecordedRoi {
  readonly statistics: RoiStatistics;
  readonly imageReference: ImageReference;
  /** The circle/ellipse drawn; null when the statistics come from a Liver/Spleen segment. */
  readonly roi: EllipseRoi | null;
}

export interface LiverSpleenFinding extends FindingBase {
  readonly kind: 'liver-spleen';
  /** One or more liver ROIs (avoiding vessels and lesions), pooled by voxel count. */
  readonly liverRois: readonly RecordedRoi[];
  readonly spleenRois: readonly RecordedRoi[];
  /** True on contrast-enhanced series (thresholds then not applicable); null when unknown. */
  readonly contrastEnhanced: boolean | null;
}

export type BismuthCorletteType = 'I' | 'II' | 'IIIa' | 'IIIb' | 'IV';

/** Bismuth–Corlette for hilar levels; a Couinaud segment for a more peripheral interruption. */
export type BiliaryLevel =
  | { readonly scheme: 'bismuth-corlette'; readonly type: BismuthCorletteType }
  | { readonly scheme: 'intrahepatic-segment'; readonly segment: CouinaudSegment };

/** A duct interruption marked on MRCP (seed 004 Fig. 3c). */
export interface BiliaryInterruptionFinding extends FindingBase {
  readonly kind: 'biliary-interruption';
  /** The marked point, DICOM patient coordinates (LPS, mm). */
  readonly pointMm: Vec3;
  readonly imageReference: ImageReference;
  readonly level: BiliaryLevel;
  readonly upstreamDilatation: boolean | null;
  readonly ductRigidityRarefaction: boolean | null;
}

/** The reading of an MRCP's ducts; its presence says the MRCP of this date was read. */
export interface MrcpDuctsFinding extends FindingBase {
  readonly kind: 'mrcp-ducts';
  /** Rigidity and rarefaction of small intrahepatic ducts (cholestatic pattern, seed 004). */
  readonly rigidityRarefaction: boolean | null;
  readonly segmentalDilatation: boolean | null;
  readonly commonBileDuctDilated: boolean | null;
}

export interface HepatomegalyFinding extends FindingBase {
  readonly kind: 'hepatomegaly';
  readonly present: boolean;
  /** Measured with a length tool; null when not measured. */
  readonly liverSpanMm: number | null;
  readonly spanLineMm?: { readonly from: Vec3; readonly to: Vec3 };
}

/** Present/absent findings of the seeds without further measurements. */
export interface PresenceFinding extends FindingBase {
  readonly kind: 'homogeneous-density-decrease' | 't2-parenchymal-oedema' | 'ascites';
  readonly present: boolean;
}

export type SignalIntensity = 'hypo' | 'iso' | 'hyper';

export interface LesionSignalFinding extends FindingBase {
  readonly kind: 'lesion-signal';
  /** The lesion's tracking id (L1, L2 …), or null for "the lesions" as a group. */
  readonly lesionId: string | null;
  readonly t1: SignalIntensity | null;
  readonly t2: SignalIntensity | null;
}

export type Finding =
  | PatternFinding
  | LiverSpleenFinding
  | BiliaryInterruptionFinding
  | MrcpDuctsFinding
  | HepatomegalyFinding
  | PresenceFinding
  | LesionSignalFinding;

export type FindingKind = Finding['kind'];
