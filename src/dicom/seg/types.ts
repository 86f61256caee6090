/**
 * Types of the DICOM Segmentation (SEG) reader and writer (PS3.3 A.51, C.8.20). Index space
 * follows ingest volumes: i = column, j = row, k = slice sorted along the normal; patient
 * coordinates are DICOM LPS in mm.
 */
import type { Vec3 } from '../types.ts';

export type SegErrorCode =
  /** Not a Segmentation Storage object, or its dataset cannot be parsed. */
  | 'NOT_A_SEG'
  /** A SEG feature we do not read (compressed binary frames, unknown SegmentationType…). */
  | 'UNSUPPORTED_SEG'
  /** A required attribute is absent or malformed (names it). */
  | 'MISSING_ATTRIBUTE'
  /** PixelData shorter than the frames declared. */
  | 'TRUNCATED'
  /** A frame names a segment number absent from SegmentSequence, or segments repeat. */
  | 'INVALID_SEGMENT'
  /** Frames do not lie on the source grid (size, spacing, orientation or position). */
  | 'GEOMETRY_MISMATCH'
  /** No source image series could be found for the SEG. */
  | 'SOURCE_NOT_FOUND'
  /** Bad input to the writer (labelmap size, segment list, UIDs…) or a wrong-sized buffer. */
  | 'INVALID_ARGUMENT';

/** What the SEG functions return instead of throwing: a stable code and a message for people. */
export interface SegError {
  readonly code: SegErrorCode;
  readonly message: string;
  /** The file concerned, when there is one. */
  readonly file?: string;
}

export type SegResult<T> = { ok: true; value: T } | { ok: false; error: SegError };

/** A DICOM code (Code Sequence Macro, PS3.3 Table 8.8-1). */
export interface CodedConcept {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
  readonly codeMeaning: string;
}

export type SegmentAlgorithmType = 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';

/** One item of SegmentSequence (Segment Description Macro, PS3.3 C.8.20.2). */
export interface SegmentDescription {
  readonly segmentNumber: number;
  readonly label: string;
  readonly description: string | null;
  readonly algorithmType: SegmentAlgorithmType | null;
  readonly algorithmName: string | null;
  readonly category: CodedConcept | null;
  readonly type: CodedConcept | null;
  readonly typeModifier: CodedConcept | null;
  /** (0062,0020): a human label of the tracked finding ("L1"). */
  readonly trackingId: string | null;
  /** (0062,0021): the same finding across objects and dates. */
  readonly trackingUid: string | null;
  /** RecommendedDisplayCIELabValue as stored (0–65535 scaled L*a*b*). */
  readonly recommendedDisplayCieLab: readonly [number, number, number] | null;
}

export type SegmentationType = 'BINARY' | 'FRACTIONAL' | 'LABELMAP';

/** A source image frame a SEG frame was derived from (SourceImageSequence item). */
export interface SourceImageReference {
  readonly sopClassUid: string | null;
  readonly sopInstanceUid: string;
  /** 1-based frame of a multi-frame source; null for single-frame images. */
  readonly frameNumber: number | null;
}

/** One frame of a SEG, as its functional groups describe it. */
export interface SegFrame {
  /** 0-based position of the frame in PixelData. */
  readonly index: number;
  /** ReferencedSegmentNumber (BINARY/FRACTIONAL); null for LABELMAP frames. */
  readonly segmentNumber: number | null;
  readonly imagePositionPatient: Vec3 | null;
  readonly sourceImages: readonly SourceImageReference[];
}

/** Everything read from a SEG file except the pixels, which stay in `bytes`. */
export interface ParsedSegmentation {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly frameOfReferenceUid: string | null;
  readonly patientId: string;
  readonly patientName: string;
  readonly studyDate: string | null;
  readonly seriesDescription: string;
  readonly contentLabel: string;
  readonly segmentationType: SegmentationType;
  /** FRACTIONAL: the value meaning "fully inside" (MaximumFractionalValue); else 1. */
  readonly maximumFractionalValue: number;
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  /**
   * BINARY: bits from the start of one frame to the next. rows × columns as PS3.5 8.1.1 packs
   * frames (back to back); rows × columns rounded up to whole bytes when the writer padded every
   * frame (as @cornerstonejs/adapters 5.x does) and PixelData's length says so unambiguously.
   */
  readonly binaryFrameStrideBits: number;
  /** Shared orientation (all frames of a SEG on one grid share it). */
  readonly imageOrientationPatient:
    readonly [number, number, number, number, number, number] | null;
  /** [row spacing, column spacing] mm. */
  readonly pixelSpacing: readonly [number, number] | null;
  readonly segments: readonly SegmentDescription[];
  readonly frames: readonly SegFrame[];
  /** ReferencedSeriesSequence: series UID → its referenced SOP instance UIDs. */
  readonly referencedSeries: ReadonlyArray<{
    readonly seriesInstanceUid: string;
    readonly sopInstanceUids: readonly string[];
  }>;
  /** Byte offset and length of native PixelData in `bytes`. */
  readonly pixelData: { readonly byteOffset: number; readonly byteLength: number };
}

/** The grid a SEG is mapped onto: an ingested image volume and the instance of each slice. */
export interface SegTargetGrid {
  /** [columns, rows, slices]. */
  readonly dimensions: readonly [number, number, number];
  /** [column spacing, row spacing, slice spacing] mm. */
  readonly spacingMm: readonly [number, number, number];
  /** Patient position of voxel (0, 0, 0), mm. */
  readonly originMm: Vec3;
  /** Row cosine, column cosine, slice normal (9 numbers). */
  readonly direction: readonly number[];
  /** Position of every slice along the normal, mm (ascending); from the source frames. */
  readonly slicePositionsMm: readonly number[];
  /** The source frame of every slice: SOP instance UID and 1-based frame number. */
  readonly slices: ReadonlyArray<{ readonly sopInstanceUid: string; readonly frameNumber: number }>;
  readonly frameOfReferenceUid: string | null;
}

/** Voxels of one segment that another segment painted over (see SegLabelmap.overlaps). */
export interface SegmentOverlap {
  /** Segment whose voxels were covered. */
  readonly segmentNumber: number;
  /** Segment that now holds them in the labelmap. */
  readonly coveredBy: number;
  readonly voxelCount: number;
}

/** A SEG mapped onto its source grid. */
export interface SegLabelmap {
  /** One byte per voxel, x fastest; value = segment number (0 = none). */
  readonly labels: Uint8Array;
  readonly segments: readonly SegmentDescription[];
  /** Voxels per segment number as painted (before any overlap was resolved). */
  readonly paintedVoxels: ReadonlyMap<number, number>;
  readonly overlaps: readonly SegmentOverlap[];
  /** How each frame found its slice: by referenced instance, or by plane position. */
  readonly framesByReference: number;
  readonly framesByPosition: number;
  readonly warnings: readonly string[];
}
