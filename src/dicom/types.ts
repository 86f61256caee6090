/**
 * Public types of the DICOM ingest module. Every millimetre value says so in its name or doc;
 * patient-space vectors are in the DICOM patient coordinate system (LPS, PS3.3 C.7.6.2.1.1).
 */

export type IngestErrorCode =
  | 'NOT_DICOM'
  | 'TRUNCATED'
  /** Sequences nested deeper than MAX_SEQUENCE_DEPTH (256): refused before parsing. */
  | 'SEQUENCE_TOO_DEEP'
  | 'PARSE_FAILED'
  | 'MISSING_ATTRIBUTE'
  | 'UNSUPPORTED_TRANSFER_SYNTAX'
  | 'UNSUPPORTED_PIXEL_FORMAT'
  | 'INCONSISTENT_SERIES'
  | 'TOO_LARGE'
  | 'NOT_A_VOLUME'
  | 'DECODE_FAILED'
  | 'INVALID_ARGUMENT';

export interface IngestError {
  code: IngestErrorCode;
  message: string;
  /** Relative path of the offending file, when the error concerns one file. */
  file?: string;
  /** Byte position in the file where parsing stopped or the bad element starts. */
  byteOffset?: number;
  /** Series the file belonged to, when it could still be read (e.g. a truncated slice). */
  seriesInstanceUid?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IngestError };

export interface InputFile {
  /** Relative path, used in messages only. */
  name: string;
  bytes: Uint8Array;
}

export type Vec3 = [number, number, number];
/** ImageOrientationPatient: row direction cosine (3) then column direction cosine (3). */
export type Orientation = [number, number, number, number, number, number];

export type InstanceKind = 'image' | 'seg' | 'sr' | 'rtstruct' | 'pr' | 'other';

export interface PatientInfo {
  id: string;
  /** Raw DICOM PN value (components separated by '^'). */
  name: string;
  /** ISO `YYYY-MM-DD`, or null when absent or invalid. */
  birthDate: string | null;
  sex: string;
}

export interface StudyInfo {
  studyInstanceUid: string;
  /** ISO `YYYY-MM-DD`, or null when absent or invalid. */
  date: string | null;
  /** `HH:MM:SS` (fraction kept when present), or null. */
  time: string | null;
  description: string;
  accessionNumber: string;
}

export interface SeriesInfo {
  seriesInstanceUid: string;
  number: number | null;
  description: string;
  modality: string;
  bodyPartExamined: string;
}

/** Attributes that may vary per frame (enhanced multi-frame functional groups, PS3.3 C.7.6.16). */
export interface FrameAttributes {
  imagePositionPatient: Vec3 | null;
  imageOrientationPatient: Orientation | null;
  /** [row spacing, column spacing] in mm, as stored in PixelSpacing. */
  pixelSpacing: [number, number] | null;
  sliceThicknessMm: number | null;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** Values that tell apart frames sharing one position (echoes, phases, b-values). */
  echoTimeMs: number | null;
  echoNumber: number | null;
  temporalPosition: number | null;
  triggerTimeMs: number | null;
  diffusionBValue: number | null;
}

export interface ByteRange {
  byteOffset: number;
  byteLength: number;
}

/**
 * Where the pixels live inside `ParsedInstance.bytes`; nothing is copied at parse time.
 * `elementOffset` is where the PixelData element's tag starts: everything before it is header.
 */
export type PixelDataRef = (
  | ({ encapsulated: false } & ByteRange)
  | { encapsulated: true; fragments: ByteRange[]; basicOffsetTable: number[] }
) & { elementOffset: number };

export interface ParsedInstance {
  file: string;
  /** The file's bytes (shared, not copied); `pixelData` offsets point into it. */
  bytes: Uint8Array;
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  littleEndian: boolean;
  /** False when the file had no 128-byte preamble + 'DICM' (a bare dataset). */
  hasPart10Header: boolean;
  kind: InstanceKind;
  isLocalizer: boolean;
  patient: PatientInfo;
  study: StudyInfo;
  series: SeriesInfo;
  frameOfReferenceUid: string | null;
  instanceNumber: number | null;
  acquisitionNumber: number | null;
  imageType: string[];
  rows: number;
  columns: number;
  /** [row spacing, column spacing] in mm (PixelSpacing order). */
  pixelSpacing: [number, number] | null;
  /** ImagerPixelSpacing is at the detector, not the patient: measurements may be magnified. */
  pixelSpacingSource: 'PixelSpacing' | 'ImagerPixelSpacing' | null;
  imagePositionPatient: Vec3 | null;
  imageOrientationPatient: Orientation | null;
  sliceThicknessMm: number | null;
  spacingBetweenSlicesMm: number | null;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  planarConfiguration: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  rescaleType: string;
  windowCenter: number | null;
  windowWidth: number | null;
  windowExplanation: string;
  numberOfFrames: number;
  /** One entry per frame (a single-frame image has one); functional groups already resolved. */
  frames: FrameAttributes[];
  contrast: { agent: string; route: string } | null;
  mr: { echoTimeMs: number | null; repetitionTimeMs: number | null; sequenceName: string } | null;
  pixelData: PixelDataRef | null;
  /** Instance-level remarks (e.g. ImagerPixelSpacing used, parser warnings). */
  warnings: string[];
}

export type SeriesKind = 'volume' | 'stack' | 'single' | 'localizer' | 'seg' | 'sr' | 'other';

export interface FrameRef {
  instance: ParsedInstance;
  frameIndex: number;
  attributes: FrameAttributes;
  /** Projection of ImagePositionPatient on the slice normal, mm; null without geometry. */
  positionMm: number | null;
}

export interface VolumeGeometry {
  /** [columns, rows, slices]. */
  dimensions: [number, number, number];
  /** [column spacing = PixelSpacing[1], row spacing = PixelSpacing[0], slice spacing], mm. */
  spacing: [number, number, number];
  /** ImagePositionPatient of the first sorted slice (centre of its first voxel), mm. */
  origin: Vec3;
  /** Row cosine, column cosine, slice normal (row × column), 9 numbers. */
  direction: [number, number, number, number, number, number, number, number, number];
  slicePositionsMm: number[];
  /** Median gap between consecutive slice positions (never SliceThickness). */
  sliceSpacingMm: number;
  spacingIrregular: boolean;
  maxSpacingDeviationMm: number;
}

export interface Series {
  /** Unique within one ingest: the UID, suffixed when one UID was split into several series. */
  id: string;
  seriesInstanceUid: string;
  modality: string;
  number: number | null;
  description: string;
  frameOfReferenceUid: string | null;
  kind: SeriesKind;
  instances: ParsedInstance[];
  /** One per 2D frame, sorted along the slice normal (non-image series: empty). */
  frames: FrameRef[];
  geometry: VolumeGeometry | null;
  warnings: string[];
}

export interface Study {
  studyInstanceUid: string;
  date: string | null;
  time: string | null;
  description: string;
  accessionNumber: string;
  series: Series[];
}

export interface Patient {
  id: string;
  name: string;
  /** ISO `YYYY-MM-DD` of the first instance read, or null. */
  birthDate: string | null;
  /** PatientSex (M, F, O) of the first instance read; '' when absent. */
  sex: string;
  studies: Study[];
}

export type IngestWarningCode =
  | 'DUPLICATE_INSTANCE'
  | 'DUPLICATE_POSITION'
  | 'SPLIT_BY_ATTRIBUTE'
  | 'MIXED_GEOMETRY'
  | 'LOCALIZER_SEPARATED'
  | 'NON_IMAGE_SEPARATED'
  | 'IRREGULAR_SPACING'
  | 'SLICE_THICKNESS_MISMATCH'
  | 'SHEARED_GEOMETRY'
  | 'MIXED_FRAME_OF_REFERENCE'
  | 'MISSING_GEOMETRY'
  | 'IMAGER_PIXEL_SPACING'
  | 'REJECTED_INSTANCES';

export interface IngestWarning {
  code: IngestWarningCode;
  message: string;
  file?: string;
  /** The `Series.id` the warning belongs to, when it belongs to one. */
  seriesId?: string;
}

export interface IngestResult {
  patients: Patient[];
  rejected: { file: string; error: IngestError }[];
  warnings: IngestWarning[];
}

export type VolumeData = Int16Array | Uint16Array | Float32Array | Uint8Array;
export type VolumeDataType = 'int16' | 'uint16' | 'float32' | 'uint8';

export interface Volume {
  geometry: VolumeGeometry;
  /** x fastest (column), then y (row), then slice, in sorted slice order. */
  data: VolumeData;
  modality: string;
  /** The modality LUT (rescale slope/intercept) is applied: CT values are HU. */
  rescaled: true;
  minValue: number;
  maxValue: number;
  window?: { center: number; width: number };
}

/** What a decoder needs to know about the frame it decodes. */
export interface FrameDecodeInfo {
  transferSyntaxUid: string;
  rows: number;
  columns: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  planarConfiguration: number;
  photometricInterpretation: string;
}

/** Decoded samples in machine (little-endian) order, pixel-interleaved. */
export type DecodedFrame =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** Decodes one compressed frame (its fragments already concatenated). May throw. */
export type FrameDecoder = (frameBytes: Uint8Array, info: FrameDecodeInfo) => DecodedFrame;

export interface FrameDecoderRegistry {
  register(transferSyntaxUid: string, decode: FrameDecoder): void;
  get(transferSyntaxUid: string): FrameDecoder | undefined;
}
