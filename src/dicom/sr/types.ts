/**
 * Types of the DICOM SR Measurement Report (PS3.16 TID 1500) writer and reader: one report per
 * study (date), one measurement group per lesion (TID 1411, referencing its SEG segment) and the
 * date's imaging findings. Patient coordinates are DICOM LPS in mm.
 */
import type { Vec3 } from '../types.ts';

export type SrErrorCode =
  /** Not a DICOM Part 10 SR (SOP class, or the file cannot be parsed). */
  | 'NOT_AN_SR'
  /** An SR, but its root is not a TID 1500 Measurement Report. */
  | 'NOT_A_MEASUREMENT_REPORT'
  /** A required attribute or content item is absent or malformed (names it). */
  | 'MISSING_CONTENT'
  /** Bad input to the writer (UIDs, dates, references, numbers). */
  | 'INVALID_ARGUMENT'
  /** dcmjs could not encode the dataset. */
  | 'ENCODE_FAILED';

export interface SrError {
  readonly code: SrErrorCode;
  readonly message: string;
  readonly file?: string;
}

export type SrResult<T> = { ok: true; value: T } | { ok: false; error: SrError };

/** A DICOM code (Code Sequence Macro, PS3.3 Table 8.8-1). */
export interface CodedConcept {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
  readonly codeMeaning: string;
}

/** An image (or one frame of it) the report refers to. */
export interface SrImageReference {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** 1-based frame of a multi-frame image. */
  readonly frameNumber?: number;
}

/** An image series measured or referenced; it becomes one Image Library Group (TID 1600). */
export interface SrSourceSeries {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** DICOM Modality (CT, MR …). */
  readonly modality: string;
  readonly frameOfReferenceUid: string | null;
  /** DA YYYYMMDD of the series' study. */
  readonly studyDate: string | null;
  readonly images: readonly SrImageReference[];
}

/** A DICOM SEG whose segments the lesion groups reference. */
export interface SrSegmentationReference {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
}

/** A numeric measurement (TID 300) other than the ones the lesion model names. */
export interface SrNumericMeasurement {
  readonly concept: CodedConcept;
  readonly value: number;
  readonly unit: CodedConcept;
  /** Derivation modifier (e.g. Mean, Maximum), when present. */
  readonly derivation: CodedConcept | null;
}

/** What the mean intensity measures: CT attenuation (HU) or MR signal (arbitrary units). */
export type SrIntensityKind = 'ct-attenuation' | 'mr-signal';

/** One lesion on this report's date: a TID 1411 Volumetric ROI measurement group. */
export interface SrLesionMeasurement {
  readonly trackingId: string | null;
  readonly trackingUid: string | null;
  /** Lesion (SCT 52988006), Neoplasm, metastatic (SCT 14799000) … */
  readonly findingType: CodedConcept | null;
  /** Liver (SCT 10200004) for every lesion this product writes. */
  readonly findingSite: CodedConcept | null;
  /** The SEG segment drawn for the lesion (TID 1411 Referenced Segment). */
  readonly segment: {
    readonly segmentationSopInstanceUid: string;
    readonly segmentNumber: number;
  } | null;
  /** Series the segment was drawn on (Source series for segmentation). */
  readonly sourceSeriesInstanceUid: string | null;
  readonly volumeMl: number | null;
  /** RECIST-style longest axial diameter and its perpendicular short axis, mm. */
  readonly longAxisMm: number | null;
  readonly shortAxisMm: number | null;
  readonly intensityKind: SrIntensityKind | null;
  readonly meanIntensity: number | null;
  readonly intensitySd: number | null;
  readonly otherMeasurements: readonly SrNumericMeasurement[];
  /**
   * Couinaud segment (DICOM CID 7170, SNOMED CT). Written as the Finding Site in place of
   * Liver; IVa / IVb as segment IV with a Superior / Inferior topographical modifier.
   */
  readonly couinaudSegment?: SrCouinaudSegment | null;
}

export type SrCouinaudSegment = 'I' | 'II' | 'III' | 'IVa' | 'IVb' | 'V' | 'VI' | 'VII' | 'VIII';

/** A series a finding was recorded on (UIDREF Series / Study Instance UID items). */
export interface SrSeriesReference {
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string | null;
}

/** What every finding group may carry besides its own content. */
interface SrFindingCommon {
  readonly trackingUid: string | null;
  /** The series the finding was recorded on; written only when given. */
  readonly referencedSeries?: readonly SrSeriesReference[];
  /** The reader's note (TEXT Comment, DCM 121106); de-identification replaces it. */
  readonly comment?: string | null;
}

export type SrLiverPattern = 'nodular' | 'diffuse' | 'mixed' | 'none';

/** Liver involvement pattern (seed 000): a TID 1501 group with one qualitative evaluation. */
export interface SrPatternFinding extends SrFindingCommon {
  readonly kind: 'pattern';
  readonly pattern: SrLiverPattern;
}

/** Mean attenuation of one organ's ROIs and the images they were drawn on. */
export interface SrRoiIntensity {
  readonly meanHu: number;
  readonly sdHu: number | null;
  readonly images: readonly SrImageReference[];
}

/**
 * One ROI of an L/S measurement (HU): its own TID 1501 group, tracking id "Liver ROI 1",
 * "Spleen ROI 2"… so it survives de-identification (UIDs are remapped, tracking ids kept).
 */
export interface SrRoiMeasurement {
  readonly organ: 'liver' | 'spleen';
  readonly voxelCount: number;
  readonly meanHu: number | null;
  readonly sdHu: number | null;
  readonly minHu: number | null;
  readonly maxHu: number | null;
  readonly areaMm2: number | null;
  readonly series: SrSeriesReference | null;
  /** Centre of the circle/ellipse drawn (Image Region SCOORD3D POINT), when known. */
  readonly centre?: { readonly mm: Vec3; readonly frameOfReferenceUid: string } | null;
  /** Radii in mm along the image rows and columns (one Radius NUM when equal). */
  readonly radiiMm?: readonly [number, number] | null;
}

/** CT liver-to-spleen attenuation: a TID 1501 group with both means and their ratio. */
export interface SrLiverSpleenFinding extends SrFindingCommon {
  readonly kind: 'liver-spleen';
  readonly liver: SrRoiIntensity;
  readonly spleen: SrRoiIntensity;
  /** Liver mean ÷ spleen mean, unitless. */
  readonly ratio: number | null;
  /** The ROIs pooled into the means, in drawing order (liver first). */
  readonly rois?: readonly SrRoiMeasurement[];
  /** Contrast administered (DCM 122086): true, false, or null when unknown. */
  readonly contrastEnhanced?: boolean | null;
}

/** A point in the frame of reference, or in pixel coordinates of one image (column, row). */
export type SrPoint =
  | { readonly kind: 'patient'; readonly mm: Vec3; readonly frameOfReferenceUid: string }
  | {
      readonly kind: 'image';
      readonly image: SrImageReference;
      /** PS3.3 C.18.6.1.2: (0, 0) is the top-left corner of the top-left pixel. */
      readonly columnRow: readonly [number, number];
    };

export type SrBiliaryLevel =
  | { readonly scheme: 'bismuth-corlette'; readonly type: 'I' | 'II' | 'IIIa' | 'IIIb' | 'IV' }
  | { readonly scheme: 'intrahepatic-segment'; readonly segment: string };

/** A bile duct interruption marked on MRCP: a TID 1410 group whose region is the point. */
export interface SrBiliaryInterruptionFinding extends SrFindingCommon {
  readonly kind: 'biliary-interruption';
  readonly trackingId: string | null;
  readonly point: SrPoint;
  readonly level: SrBiliaryLevel | null;
  readonly upstreamDilatation: boolean | null;
  /** Rigidity and rarefaction of small intrahepatic ducts (TEXT, no code exists). */
  readonly ductRigidityRarefaction?: boolean | null;
}

/** The MRCP duct reading of a date (seed 004's cholestatic pattern). */
export interface SrMrcpDuctsFinding extends SrFindingCommon {
  readonly kind: 'mrcp-ducts';
  readonly rigidityRarefaction: boolean | null;
  readonly segmentalDilatation: boolean | null;
  readonly commonBileDuctDilated: boolean | null;
}

/** Hepatomegaly present/absent, with the liver span (mm) and the line it was measured on. */
export interface SrHepatomegalyFinding extends SrFindingCommon {
  readonly kind: 'hepatomegaly';
  readonly present: boolean;
  readonly liverSpanMm: number | null;
  readonly spanLine: {
    readonly fromMm: Vec3;
    readonly toMm: Vec3;
    readonly frameOfReferenceUid: string;
  } | null;
}

/** Present/absent findings coded by one concept each. */
export interface SrPresenceFinding extends SrFindingCommon {
  readonly kind: 'ascites' | 't2-parenchymal-oedema' | 'homogeneous-density-decrease';
  readonly present: boolean;
}

export type SrSignalIntensity = 'hypo' | 'iso' | 'hyper';

/** T1 / T2 signal of one lesion (its tracking id) or of the lesions as a group (null). */
export interface SrLesionSignalFinding extends SrFindingCommon {
  readonly kind: 'lesion-signal';
  readonly lesionId: string | null;
  readonly t1: SrSignalIntensity | null;
  readonly t2: SrSignalIntensity | null;
}

export type SrResponseCategory = 'BASELINE' | 'CR' | 'PR' | 'SD' | 'PD';

/** The response of the report's date by one method (RECIST 1.1 or volumetric). */
export interface SrResponseFinding extends SrFindingCommon {
  readonly kind: 'response';
  readonly method: 'recist-1.1' | 'volumetric';
  readonly category: SrResponseCategory;
}

export type SrFinding =
  | SrPatternFinding
  | SrLiverSpleenFinding
  | SrBiliaryInterruptionFinding
  | SrMrcpDuctsFinding
  | SrHepatomegalyFinding
  | SrPresenceFinding
  | SrLesionSignalFinding
  | SrResponseFinding;

export interface SrObserver {
  /** The reader, DICOM PN ("Family^Given"); null when the report is the device's alone. */
  readonly personName: string | null;
  readonly device: {
    readonly uid: string;
    readonly name: string | null;
    readonly manufacturer: string | null;
    readonly modelName: string | null;
  } | null;
}

/** The measurement content of a report: what the writer takes and the reader gives back. */
export interface SrReportContent {
  readonly observer: SrObserver;
  /** Procedure reported (CID 100); default: CT / MRI unspecified body region (LOINC). */
  readonly procedureReported: readonly CodedConcept[];
  /** TID 1501 Activity Session of every group (e.g. "1"); not a date (de-identification). */
  readonly activitySession: string | null;
  readonly sourceSeries: readonly SrSourceSeries[];
  readonly segmentations: readonly SrSegmentationReference[];
  readonly lesions: readonly SrLesionMeasurement[];
  readonly findings: readonly SrFinding[];
}

export interface SrPatient {
  readonly name: string;
  readonly id: string;
  readonly birthDate: string;
  readonly sex: string;
}

export interface SrStudy {
  readonly studyInstanceUid: string;
  readonly date: string;
  readonly time: string;
  readonly id: string;
  readonly accessionNumber: string;
  readonly referringPhysicianName: string;
}

/** Everything the writer needs. Pure code has no clock or random source: UIDs and dates come in. */
export interface SrWriterInput extends SrReportContent {
  readonly patient: SrPatient;
  readonly study: SrStudy;
  readonly document: {
    readonly seriesInstanceUid: string;
    readonly sopInstanceUid: string;
    readonly seriesNumber: number;
    readonly instanceNumber: number;
    readonly seriesDescription: string;
    /** DA YYYYMMDD and TM HHMMSS of creation. */
    readonly contentDate: string;
    readonly contentTime: string;
    readonly completion: 'PARTIAL' | 'COMPLETE';
  };
  readonly equipment: {
    readonly manufacturer: string;
    readonly modelName: string;
    readonly softwareVersions: string;
  };
}

/** A report read back: its identity, the same content model, and what could not be mapped. */
export interface ParsedMeasurementReport extends SrReportContent {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly patient: SrPatient;
  readonly study: SrStudy;
  readonly contentDate: string | null;
  readonly completion: string | null;
  /** Content the model has no place for, or rows that break TID 1500 (read anyway). */
  readonly warnings: readonly string[];
}
