import type { NaturalDataset } from 'dcmjs';
import { writePart10 } from '../write/writePart10.ts';
import { rgbToDicomLab } from './cieLab.ts';
import { SEGMENTATION_STORAGE } from './segTags.ts';
import type { CodedConcept, SegmentAlgorithmType, SegError, SegResult } from './types.ts';

/** One segment to write: the label value it has in the labelmap and its DICOM description. */
export interface SegWriterSegment {
  /** Value of the segment's voxels in `labels` (1..255). */
  readonly labelValue: number;
  readonly label: string;
  readonly description?: string;
  readonly category: CodedConcept;
  readonly type: CodedConcept;
  readonly algorithmType: SegmentAlgorithmType;
  /** Required by PS3.3 C.8.20.2 unless the algorithm type is MANUAL. */
  readonly algorithmName?: string;
  readonly trackingId?: string | null;
  readonly trackingUid?: string | null;
  /** sRGB 0–255, written as RecommendedDisplayCIELabValue. */
  readonly colorRgb?: readonly [number, number, number];
}

/** A labelmap over a source image series, and everything a SEG needs to describe it. */
export interface SegWriterInput {
  readonly grid: {
    /** [columns, rows, slices]. */
    readonly dimensions: readonly [number, number, number];
    /** [column spacing, row spacing, slice spacing] mm. */
    readonly spacingMm: readonly [number, number, number];
    /** Patient position of voxel (0, 0, 0), mm. */
    readonly originMm: readonly [number, number, number];
    /** Row cosine, column cosine, slice normal (9 numbers). */
    readonly direction: readonly number[];
    /** Positions of the slices along the normal (irregular series); default: regular spacing. */
    readonly slicePositionsMm?: readonly number[];
  };
  /** One byte per voxel, x fastest, then rows, then slices; values are `labelValue`s. */
  readonly labels: Uint8Array;
  readonly segments: readonly SegWriterSegment[];
  readonly source: {
    readonly studyInstanceUid: string;
    readonly seriesInstanceUid: string;
    readonly frameOfReferenceUid: string;
    /** The source image of every slice k, in grid order. */
    readonly slices: ReadonlyArray<{
      readonly sopClassUid: string;
      readonly sopInstanceUid: string;
      /** 1-based frame of a multi-frame source image. */
      readonly frameNumber?: number;
    }>;
    readonly sliceThicknessMm?: number;
  };
  /** Patient and General Study attributes, copied from the source (DICOM DA/TM strings). */
  readonly patient: {
    readonly name: string;
    readonly id: string;
    readonly birthDate: string;
    readonly sex: string;
  };
  readonly study: {
    readonly date: string;
    readonly time: string;
    readonly id: string;
    readonly accessionNumber: string;
    readonly referringPhysicianName?: string;
    readonly description?: string;
  };
  /** The new SEG's identity. Pure code has no clock or random source: the caller supplies both. */
  readonly segmentation: {
    readonly seriesInstanceUid: string;
    readonly sopInstanceUid: string;
    readonly dimensionOrganizationUid: string;
    readonly seriesNumber: number;
    readonly instanceNumber: number;
    readonly seriesDescription: string;
    /** CS: upper case, digits, space and underscore, ≤ 16 characters. */
    readonly contentLabel: string;
    readonly contentDescription?: string;
    readonly contentCreatorName?: string;
    /** DA YYYYMMDD and TM HHMMSS of creation. */
    readonly contentDate: string;
    readonly contentTime: string;
  };
  readonly equipment: {
    readonly manufacturer: string;
    readonly modelName: string;
    readonly deviceSerialNumber: string;
    readonly softwareVersions: string;
  };
}

/** What the writer reports besides the bytes. */
export interface SegWriteSummary {
  readonly bytes: Uint8Array;
  readonly frameCount: number;
  /** Segment number given to each label value (1, 2, … in the order of `segments`). */
  readonly segmentNumberOf: ReadonlyMap<number, number>;
  /** Voxels written per label value. */
  readonly voxelCounts: ReadonlyMap<number, number>;
}

const CODE = (c: CodedConcept) => ({
  CodeValue: c.codeValue,
  CodingSchemeDesignator: c.codingSchemeDesignator,
  CodeMeaning: c.codeMeaning,
});
// PS3.16 DCM codes for derivation (CID 7203) and purpose of reference (CID 7202).
const SEGMENTATION_DERIVATION = {
  CodeValue: '113076',
  CodingSchemeDesignator: 'DCM',
  CodeMeaning: 'Segmentation',
};
const SOURCE_IMAGE_PURPOSE = {
  CodeValue: '121322',
  CodingSchemeDesignator: 'DCM',
  CodeMeaning: 'Source image for image processing operation',
};
// (0062,000B) ReferencedSegmentNumber in (0062,000A); (0020,0032) in (0020,9113).
const TAG_REFERENCED_SEGMENT_NUMBER = 0x0062000b;
const TAG_SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000a;
const TAG_IMAGE_POSITION_PATIENT = 0x00200032;
const TAG_PLANE_POSITION_SEQUENCE = 0x00209113;

const UID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/** DS: a decimal string of at most 16 characters (PS3.5 Table 6.2-1). */
export function formatDs(n: number): string {
  let s = String(Number(n.toFixed(6)));
  if (s === '-0') s = '0';
  for (let digits = 10; s.length > 16 && digits > 0; digits--)
    s = String(Number(n.toPrecision(digits)));
  return s;
}

function invalid(message: string): { ok: false; error: SegError } {
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message } };
}

function checkInput(input: SegWriterInput): string | null {
  const [columns, rows, slices] = input.grid.dimensions;
  if (![columns, rows, slices].every((n) => Number.isInteger(n) && n > 0))
    return `grid dimensions ${input.grid.dimensions.join('×')} are not positive integers`;
  if (columns > 65535 || rows > 65535) return 'rows and columns must fit in 16 bits';
  if (input.labels.length !== columns * rows * slices)
    return `labels hold ${input.labels.length} voxels, the grid ${columns * rows * slices}`;
  if (input.source.slices.length !== slices)
    return `${input.source.slices.length} source slices for ${slices} grid slices`;
  if (input.grid.direction.length !== 9) return 'direction must hold 9 numbers';
  if (input.segments.length === 0) return 'no segments';
  const values = new Set<number>();
  for (const s of input.segments) {
    if (!Number.isInteger(s.labelValue) || s.labelValue < 1 || s.labelValue > 255)
      return `label value ${s.labelValue} is not an integer 1..255`;
    if (values.has(s.labelValue)) return `label value ${s.labelValue} is used by two segments`;
    values.add(s.labelValue);
    if (!s.label.trim() || s.label.length > 64)
      return `segment label "${s.label}" must be 1–64 characters`;
    if (s.algorithmType !== 'MANUAL' && !s.algorithmName)
      return `segment "${s.label}": an ${s.algorithmType} segment needs an algorithm name`;
    if (s.trackingUid && !UID_PATTERN.test(s.trackingUid))
      return `segment "${s.label}": TrackingUID ${s.trackingUid} is not a UID`;
    if (s.trackingUid && !s.trackingId)
      return `segment "${s.label}": TrackingID is required with a TrackingUID (PS3.3 C.8.20.2)`;
  }
  const uids = [
    input.source.studyInstanceUid,
    input.source.seriesInstanceUid,
    input.source.frameOfReferenceUid,
    input.segmentation.seriesInstanceUid,
    input.segmentation.sopInstanceUid,
    input.segmentation.dimensionOrganizationUid,
    ...input.source.slices.flatMap((s) => [s.sopInstanceUid, s.sopClassUid]),
  ];
  const bad = uids.find((u) => u.length > 64 || !UID_PATTERN.test(u));
  if (bad !== undefined) return `"${bad}" is not a valid UID`;
  if (!/^[A-Z0-9 _]{1,16}$/.test(input.segmentation.contentLabel))
    return `content label "${input.segmentation.contentLabel}" is not a CS value (A–Z, 0–9, space, _; ≤ 16)`;
  return null;
}

interface PackedFrames {
  /** (label value, slice) of every frame, segment-major, slices ascending. */
  readonly frames: Array<{ value: number; k: number }>;
  /** The frames' bits back to back (PS3.5 8.1.1), padded to an even length. */
  readonly pixelBytes: Uint8Array;
  readonly voxelCounts: Map<number, number>;
}

/**
 * Finds the (segment, slice) frames and packs their bits, reading the labelmap as little as it
 * can: one scan of every slice in 32-bit words (a zero word, the usual case, costs one compare)
 * records which label values each slice holds, their counts and the slice's first and last
 * non-zero voxel; the bits are then set from that range of the non-empty slices only.
 */
export function packFrames(
  labels: Uint8Array,
  plane: number,
  slices: number,
  segments: readonly SegWriterSegment[],
): PackedFrames {
  const present = new Uint8Array(256 * slices);
  const perValue = new Float64Array(256);
  // First and last non-zero voxel of each slice (first > last: empty slice).
  const first = new Int32Array(slices).fill(plane);
  const last = new Int32Array(slices).fill(-1);
  // Word view of the whole buffer; a labelmap at any byte offset is read in aligned words.
  const offset = labels.byteOffset;
  const words = new Uint32Array(labels.buffer, 0, labels.buffer.byteLength >> 2);
  for (let k = 0; k < slices; k++) {
    const start = k * plane;
    const end = start + plane;
    let lo = plane;
    let hi = -1;
    let p = start;
    while (p < end) {
      // From an aligned position, skip whole zero words.
      if (((offset + p) & 3) === 0) {
        let w = (offset + p) >>> 2;
        const wordsEnd = (offset + end) >>> 2;
        while (w < wordsEnd && words[w] === 0) w++;
        p = w * 4 - offset;
        if (p >= end) break;
      }
      // Then the bytes up to the next aligned position (a non-zero word, a head or a tail).
      const stop = Math.min(end, p + 4 - ((offset + p) & 3));
      for (; p < stop; p++) {
        const v = labels[p] as number;
        if (v === 0) continue;
        present[v * slices + k] = 1;
        perValue[v] = (perValue[v] as number) + 1;
        if (hi < 0) lo = p - start;
        hi = p - start;
      }
    }
    first[k] = lo;
    last[k] = hi;
  }

  const voxelCounts = new Map<number, number>();
  for (const s of segments) voxelCounts.set(s.labelValue, perValue[s.labelValue] ?? 0);
  const frameOf = new Int32Array(256 * slices).fill(-1);
  const frames: Array<{ value: number; k: number }> = [];
  for (const s of segments) {
    for (let k = 0; k < slices; k++) {
      if (present[s.labelValue * slices + k]) {
        frameOf[s.labelValue * slices + k] = frames.length;
        frames.push({ value: s.labelValue, k });
      }
    }
  }
  const byteLength = Math.ceil((frames.length * plane) / 8);
  const pixelBytes = new Uint8Array(byteLength + (byteLength % 2));
  for (let k = 0; k < slices; k++) {
    const lo = first[k] as number;
    const hi = last[k] as number;
    const start = k * plane;
    for (let p = lo; p <= hi; p++) {
      const v = labels[start + p] as number;
      if (v === 0) continue;
      const f = frameOf[v * slices + k] as number;
      if (f < 0) continue; // a label value that is not a listed segment
      const bit = f * plane + p;
      pixelBytes[bit >> 3] = (pixelBytes[bit >> 3] as number) | (1 << (bit & 7));
    }
  }
  return { frames, pixelBytes, voxelCounts };
}

/**
 * The Part 10 bytes of a dataset followed by its PixelData (7FE0,0010) as OB in explicit VR
 * little endian: tag, "OB", two reserved zero bytes, the 32-bit length, the (even) value.
 * PixelData is the last element the SEG holds, so this is what dcmjs writes for it too, without
 * dcmjs copying the 3 MB of a large SEG through its 256-byte element buffers.
 */
function appendPixelData(head: Uint8Array, pixelBytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + 12 + pixelBytes.length);
  out.set(head, 0);
  const view = new DataView(out.buffer, head.length, 12);
  view.setUint16(0, 0x7fe0, true);
  view.setUint16(2, 0x0010, true);
  view.setUint8(4, 0x4f); // O
  view.setUint8(5, 0x42); // B
  view.setUint32(8, pixelBytes.length, true);
  out.set(pixelBytes, head.length + 12);
  return out;
}

/**
 * Writes a binary DICOM Segmentation (PS3.3 A.51) of a labelmap drawn on a source image
 * series: one segment per entry of `segments` (numbered 1, 2, … in that order), one frame per
 * segment and slice holding any of its voxels (segment-major, slices ascending along the
 * normal), each with its own ImagePositionPatient, ReferencedSegmentNumber and source image
 * reference, a dimension index of (segment, position), the Common Instance Reference to the
 * source series, explicit VR little endian and a zero preamble. Frames are bit-packed back to
 * back (PS3.5 8.1.1).
 */
export function writeSegmentation(input: SegWriterInput): SegResult<SegWriteSummary> {
  const problem = checkInput(input);
  if (problem) return invalid(problem);
  const [columns, rows, slices] = input.grid.dimensions;
  const plane = columns * rows;
  const labels = input.labels;
  const segmentNumberOf = new Map(input.segments.map((s, i) => [s.labelValue, i + 1]));

  const packed = packFrames(labels, plane, slices, input.segments);
  if (packed.frames.length === 0)
    return invalid('nothing to write: no segment has a voxel in the labelmap');
  const { frames, pixelBytes, voxelCounts } = packed;

  const g = input.grid;
  const d = g.direction;
  const normal = [d[6] ?? 0, d[7] ?? 0, d[8] ?? 0];
  const positions = g.slicePositionsMm;
  const positionOf = (k: number): string[] => {
    const offset = positions ? (positions[k] ?? 0) - (positions[0] ?? 0) : k * g.spacingMm[2];
    return [0, 1, 2].map((a) => formatDs((g.originMm[a] ?? 0) + offset * (normal[a] ?? 0)));
  };
  const sourceRef = (k: number) => {
    const s = input.source.slices[k]!;
    return {
      ReferencedSOPClassUID: s.sopClassUid,
      ReferencedSOPInstanceUID: s.sopInstanceUid,
      ...(s.frameNumber !== undefined ? { ReferencedFrameNumber: String(s.frameNumber) } : {}),
      PurposeOfReferenceCodeSequence: [SOURCE_IMAGE_PURPOSE],
    };
  };
  const perFrame = frames.map(({ value, k }) => ({
    FrameContentSequence: [{ DimensionIndexValues: [segmentNumberOf.get(value)!, k + 1] }],
    PlanePositionSequence: [{ ImagePositionPatient: positionOf(k) }],
    SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segmentNumberOf.get(value)! }],
    DerivationImageSequence: [
      { SourceImageSequence: [sourceRef(k)], DerivationCodeSequence: [SEGMENTATION_DERIVATION] },
    ],
  }));
  const referencedInstances = new Map<string, string>();
  for (const s of input.source.slices) referencedInstances.set(s.sopInstanceUid, s.sopClassUid);

  const seg = input.segmentation;
  const dimensionUid = seg.dimensionOrganizationUid;
  const dataset: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: seg.sopInstanceUid,
    InstanceCreationDate: seg.contentDate,
    InstanceCreationTime: seg.contentTime,
    // Patient
    PatientName: input.patient.name,
    PatientID: input.patient.id,
    PatientBirthDate: input.patient.birthDate,
    PatientSex: input.patient.sex,
    // General Study
    StudyInstanceUID: input.source.studyInstanceUid,
    StudyDate: input.study.date,
    StudyTime: input.study.time,
    ReferringPhysicianName: input.study.referringPhysicianName ?? '',
    StudyID: input.study.id,
    AccessionNumber: input.study.accessionNumber,
    ...(input.study.description ? { StudyDescription: input.study.description } : {}),
    // General Series + Segmentation Series
    Modality: 'SEG',
    SeriesInstanceUID: seg.seriesInstanceUid,
    SeriesNumber: seg.seriesNumber,
    SeriesDescription: seg.seriesDescription,
    SeriesDate: seg.contentDate,
    SeriesTime: seg.contentTime,
    // Frame of Reference
    FrameOfReferenceUID: input.source.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    // General Equipment + Enhanced General Equipment
    Manufacturer: input.equipment.manufacturer,
    ManufacturerModelName: input.equipment.modelName,
    DeviceSerialNumber: input.equipment.deviceSerialNumber,
    SoftwareVersions: input.equipment.softwareVersions,
    // General Image, Segmentation Image (with Content Identification)
    InstanceNumber: seg.instanceNumber,
    ContentDate: seg.contentDate,
    ContentTime: seg.contentTime,
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentLabel: seg.contentLabel,
    ContentDescription: seg.contentDescription ?? '',
    ContentCreatorName: seg.contentCreatorName ?? '',
    SegmentationType: 'BINARY',
    LossyImageCompression: '00',
    SegmentSequence: input.segments.map((s) => ({
      SegmentNumber: segmentNumberOf.get(s.labelValue)!,
      SegmentLabel: s.label,
      ...(s.description ? { SegmentDescription: s.description } : {}),
      SegmentAlgorithmType: s.algorithmType,
      ...(s.algorithmName ? { SegmentAlgorithmName: s.algorithmName } : {}),
      SegmentedPropertyCategoryCodeSequence: [CODE(s.category)],
      SegmentedPropertyTypeCodeSequence: [CODE(s.type)],
      ...(s.trackingId ? { TrackingID: s.trackingId } : {}),
      ...(s.trackingUid ? { TrackingUID: s.trackingUid } : {}),
      ...(s.colorRgb ? { RecommendedDisplayCIELabValue: rgbToDicomLab(s.colorRgb) } : {}),
    })),
    // Image Pixel
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    // Multi-frame Functional Groups + Multi-frame Dimension
    NumberOfFrames: String(frames.length),
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: d.slice(0, 6).map(formatDs) }],
        PixelMeasuresSequence: [
          {
            PixelSpacing: [formatDs(g.spacingMm[1]), formatDs(g.spacingMm[0])],
            SliceThickness: formatDs(input.source.sliceThicknessMm ?? g.spacingMm[2]),
            SpacingBetweenSlices: formatDs(g.spacingMm[2]),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: perFrame,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionUid }],
    DimensionOrganizationType: '3D',
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionUid,
        DimensionIndexPointer: TAG_REFERENCED_SEGMENT_NUMBER,
        FunctionalGroupPointer: TAG_SEGMENT_IDENTIFICATION_SEQUENCE,
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionUid,
        DimensionIndexPointer: TAG_IMAGE_POSITION_PATIENT,
        FunctionalGroupPointer: TAG_PLANE_POSITION_SEQUENCE,
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    // Common Instance Reference
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: input.source.seriesInstanceUid,
        ReferencedInstanceSequence: [...referencedInstances].map(([uid, sopClass]) => ({
          ReferencedSOPClassUID: sopClass,
          ReferencedSOPInstanceUID: uid,
        })),
      },
    ],
  };
  try {
    const bytes = appendPixelData(new Uint8Array(writePart10(dataset)), pixelBytes);
    return { ok: true, value: { bytes, frameCount: frames.length, segmentNumberOf, voxelCounts } };
  } catch (thrown) {
    return invalid(`the dataset could not be encoded: ${(thrown as Error).message}`);
  }
}
