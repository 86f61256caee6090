import type { DataSet } from 'dicom-parser';
import {
  readInteger,
  readSequenceItem,
  readString,
  readStrings,
  readUint16,
  createTextReader,
  toIsoDate,
} from '../readAttributes.ts';
import { EXPLICIT_VR_BIG_ENDIAN, readDataSet } from '../readDataSet.ts';
import { readFrameAttributes } from '../readFrameAttributes.ts';
import { TAG } from '../tags.ts';
import { toIngestError } from '../toIngestError.ts';
import type { InputFile } from '../types.ts';
import { SEG_TAG, SEGMENTATION_STORAGE } from './segTags.ts';
import type {
  CodedConcept,
  ParsedSegmentation,
  SegError,
  SegErrorCode,
  SegFrame,
  SegmentAlgorithmType,
  SegmentationType,
  SegmentDescription,
  SegResult,
  SourceImageReference,
} from './types.ts';

class SegFailure extends Error {
  constructor(
    readonly code: SegErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function fail(code: SegErrorCode, message: string): never {
  throw new SegFailure(code, message);
}

/** Items of a sequence attribute as DataSets (empty when absent). */
function items(dataSet: DataSet | null, tag: string): DataSet[] {
  const list = dataSet?.elements[tag]?.items ?? [];
  return list.flatMap((item) => (item.dataSet ? [item.dataSet] : []));
}

/** The first code of a Code Sequence (Code Sequence Macro: CodeValue, Long or URN value). */
function readCode(dataSet: DataSet, tag: string): CodedConcept | null {
  const item = readSequenceItem(dataSet, tag);
  if (!item) return null;
  const codeValue =
    readString(item, SEG_TAG.CodeValue) ||
    readString(item, SEG_TAG.LongCodeValue) ||
    readString(item, SEG_TAG.URNCodeValue);
  if (!codeValue) return null;
  return {
    codeValue,
    codingSchemeDesignator: readString(item, SEG_TAG.CodingSchemeDesignator),
    codeMeaning: readString(item, SEG_TAG.CodeMeaning),
  };
}

function readUint16List(dataSet: DataSet, tag: string, count: number): number[] | null {
  const element = dataSet.elements[tag];
  if (!element || element.length < count * 2) return null;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(dataSet.uint16(tag, i) ?? 0);
  return out;
}

const ALGORITHM_TYPES: ReadonlySet<string> = new Set(['MANUAL', 'SEMIAUTOMATIC', 'AUTOMATIC']);

function readSegments(dataSet: DataSet): SegmentDescription[] {
  const text = createTextReader(dataSet);
  const segments = items(dataSet, SEG_TAG.SegmentSequence).map((item): SegmentDescription => {
    const segmentNumber = readUint16(item, SEG_TAG.SegmentNumber);
    if (segmentNumber === null || segmentNumber < 1)
      fail('MISSING_ATTRIBUTE', 'a SegmentSequence item has no SegmentNumber (0062,0004)');
    const algorithm = readString(item, SEG_TAG.SegmentAlgorithmType).toUpperCase();
    const lab = readUint16List(item, SEG_TAG.RecommendedDisplayCIELabValue, 3);
    return {
      segmentNumber,
      label: text(item, SEG_TAG.SegmentLabel),
      description: text(item, SEG_TAG.SegmentDescription) || null,
      algorithmType: ALGORITHM_TYPES.has(algorithm) ? (algorithm as SegmentAlgorithmType) : null,
      algorithmName: text(item, SEG_TAG.SegmentAlgorithmName) || null,
      category: readCode(item, SEG_TAG.SegmentedPropertyCategoryCodeSequence),
      type: readCode(item, SEG_TAG.SegmentedPropertyTypeCodeSequence),
      typeModifier: readCode(item, SEG_TAG.SegmentedPropertyTypeModifierCodeSequence),
      trackingId: text(item, SEG_TAG.TrackingID) || null,
      trackingUid: readString(item, SEG_TAG.TrackingUID) || null,
      recommendedDisplayCieLab: lab ? [lab[0] ?? 0, lab[1] ?? 0, lab[2] ?? 0] : null,
    };
  });
  if (segments.length === 0) fail('MISSING_ATTRIBUTE', 'SegmentSequence (0062,0002) is empty');
  const seen = new Set<number>();
  for (const s of segments) {
    if (seen.has(s.segmentNumber))
      fail('INVALID_SEGMENT', `SegmentNumber ${s.segmentNumber} appears twice in SegmentSequence`);
    seen.add(s.segmentNumber);
  }
  return segments.sort((a, b) => a.segmentNumber - b.segmentNumber);
}

function readSourceImages(functionalGroup: DataSet | null): SourceImageReference[] {
  const out: SourceImageReference[] = [];
  for (const derivation of items(functionalGroup, SEG_TAG.DerivationImageSequence)) {
    for (const source of items(derivation, SEG_TAG.SourceImageSequence)) {
      const sopInstanceUid = readString(source, SEG_TAG.ReferencedSOPInstanceUID);
      if (!sopInstanceUid) continue;
      const frame = readInteger(source, SEG_TAG.ReferencedFrameNumber);
      out.push({
        sopClassUid: readString(source, SEG_TAG.ReferencedSOPClassUID) || null,
        sopInstanceUid,
        frameNumber: frame !== null && frame > 0 ? frame : null,
      });
    }
  }
  return out;
}

function readSegmentationType(dataSet: DataSet): SegmentationType {
  const value = readString(dataSet, SEG_TAG.SegmentationType).toUpperCase();
  if (value === 'BINARY' || value === 'FRACTIONAL' || value === 'LABELMAP') return value;
  return value === ''
    ? fail('MISSING_ATTRIBUTE', 'SegmentationType (0062,0001) is missing')
    : fail('UNSUPPORTED_SEG', `SegmentationType "${value}" is not supported`);
}

function buildParsed(
  file: InputFile,
  dataSet: DataSet,
  transferSyntaxUid: string,
): ParsedSegmentation {
  const sopClassUid = readString(dataSet, TAG.SOPClassUID);
  if (sopClassUid !== SEGMENTATION_STORAGE)
    fail('NOT_A_SEG', `SOP Class ${sopClassUid || '(none)'} is not Segmentation Storage`);
  if (transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN)
    fail('UNSUPPORTED_SEG', 'big endian SEG objects are not supported');
  const segmentationType = readSegmentationType(dataSet);
  const rows = readUint16(dataSet, TAG.Rows) ?? 0;
  const columns = readUint16(dataSet, TAG.Columns) ?? 0;
  if (rows < 1 || columns < 1) fail('MISSING_ATTRIBUTE', 'Rows or Columns missing or zero');
  const bitsAllocated = readUint16(dataSet, TAG.BitsAllocated) ?? 0;
  const expectedBits = segmentationType === 'BINARY' ? 1 : 8;
  if (bitsAllocated !== expectedBits)
    fail(
      'UNSUPPORTED_SEG',
      `${segmentationType} SEG with BitsAllocated ${bitsAllocated} (${expectedBits} supported)`,
    );
  const numberOfFrames = readInteger(dataSet, TAG.NumberOfFrames) ?? 1;
  if (numberOfFrames < 1) fail('MISSING_ATTRIBUTE', 'NumberOfFrames is not a positive integer');
  const pixel = dataSet.elements[TAG.PixelData];
  if (!pixel) fail('MISSING_ATTRIBUTE', 'PixelData (7FE0,0010) is missing');
  if (pixel.encapsulatedPixelData || pixel.fragments)
    fail('UNSUPPORTED_SEG', `compressed SEG pixel data (${transferSyntaxUid}) is not supported`);
  const frameBits = rows * columns * bitsAllocated;
  const needed = Math.ceil((frameBits * numberOfFrames) / 8);
  const available = Math.min(pixel.length, file.bytes.length - pixel.dataOffset);
  if (available < needed)
    fail(
      'TRUNCATED',
      `PixelData holds ${available} bytes, ${needed} needed for ${numberOfFrames} frame(s) of ${rows}×${columns}`,
    );

  // Frames padded to whole bytes each (not PS3.5 8.1.1, but written by some tools): PixelData
  // then holds exactly frames × ⌈frame bits / 8⌉ bytes (+1 to even), more than back to back.
  const plane = rows * columns;
  let binaryFrameStrideBits = plane;
  if (segmentationType === 'BINARY' && plane % 8 !== 0 && numberOfFrames > 1) {
    const padded = Math.ceil(plane / 8) * numberOfFrames;
    const packedEven = needed + (needed % 2);
    if (padded > packedEven && (pixel.length === padded || pixel.length === padded + (padded % 2)))
      binaryFrameStrideBits = Math.ceil(plane / 8) * 8;
  }

  const segments = readSegments(dataSet);
  const known = new Set(segments.map((s) => s.segmentNumber));
  const shared = readSequenceItem(dataSet, TAG.SharedFunctionalGroupsSequence);
  const sharedSegment = shared
    ? readSequenceItem(shared, SEG_TAG.SegmentIdentificationSequence)
    : null;
  const attributes = readFrameAttributes(dataSet, numberOfFrames);
  const frames: SegFrame[] = [];
  for (let index = 0; index < numberOfFrames; index++) {
    const perFrame = readSequenceItem(dataSet, TAG.PerFrameFunctionalGroupsSequence, index);
    let segmentNumber: number | null = null;
    if (segmentationType !== 'LABELMAP') {
      const identification =
        (perFrame && readSequenceItem(perFrame, SEG_TAG.SegmentIdentificationSequence)) ||
        sharedSegment;
      segmentNumber = identification
        ? readUint16(identification, SEG_TAG.ReferencedSegmentNumber)
        : null;
      if (segmentNumber === null)
        fail('MISSING_ATTRIBUTE', `frame ${index + 1} has no ReferencedSegmentNumber (0062,000B)`);
      if (!known.has(segmentNumber))
        fail(
          'INVALID_SEGMENT',
          `frame ${index + 1} refers to segment ${segmentNumber}, absent from SegmentSequence`,
        );
    }
    const sourceImages = readSourceImages(perFrame);
    frames.push({
      index,
      segmentNumber,
      imagePositionPatient: attributes[index]?.imagePositionPatient ?? null,
      sourceImages: sourceImages.length > 0 ? sourceImages : readSourceImages(shared),
    });
  }
  const first = attributes[0];
  const text = createTextReader(dataSet);
  const maximum = readUint16(dataSet, SEG_TAG.MaximumFractionalValue);
  return {
    file: file.name,
    bytes: file.bytes,
    sopInstanceUid: readString(dataSet, TAG.SOPInstanceUID),
    seriesInstanceUid: readString(dataSet, TAG.SeriesInstanceUID),
    studyInstanceUid: readString(dataSet, TAG.StudyInstanceUID),
    frameOfReferenceUid: readString(dataSet, TAG.FrameOfReferenceUID) || null,
    patientId: text(dataSet, TAG.PatientID),
    patientName: text(dataSet, TAG.PatientName),
    studyDate: toIsoDate(readString(dataSet, TAG.StudyDate)),
    seriesDescription: text(dataSet, TAG.SeriesDescription),
    contentLabel: readStrings(dataSet, SEG_TAG.ContentLabel)[0] ?? '',
    segmentationType,
    maximumFractionalValue:
      segmentationType === 'FRACTIONAL' ? (maximum !== null && maximum > 0 ? maximum : 255) : 1,
    rows,
    columns,
    bitsAllocated,
    binaryFrameStrideBits,
    imageOrientationPatient: first?.imageOrientationPatient ?? null,
    pixelSpacing: first?.pixelSpacing ?? null,
    segments,
    frames,
    referencedSeries: items(dataSet, SEG_TAG.ReferencedSeriesSequence).map((item) => ({
      seriesInstanceUid: readString(item, TAG.SeriesInstanceUID),
      sopInstanceUids: items(item, SEG_TAG.ReferencedInstanceSequence)
        .map((ref) => readString(ref, SEG_TAG.ReferencedSOPInstanceUID))
        .filter((uid) => uid !== ''),
    })),
    pixelData: { byteOffset: pixel.dataOffset, byteLength: available },
  };
}

/**
 * Reads a DICOM Segmentation (PS3.3 A.51): segment descriptions, and for every frame its
 * segment, plane position and source image references; the pixels stay in `file.bytes`.
 * Binary (1 bit), fractional (8 bit) and label map (8 bit) SEGs in native transfer syntaxes.
 * Never throws: bad input comes back as a SegError.
 */
export function parseSegmentation(file: InputFile): SegResult<ParsedSegmentation> {
  try {
    const decoded = readDataSet(file.bytes);
    return { ok: true, value: buildParsed(file, decoded.dataSet, decoded.transferSyntaxUid) };
  } catch (thrown) {
    if (thrown instanceof SegFailure)
      return { ok: false, error: { code: thrown.code, message: thrown.message, file: file.name } };
    const ingest = toIngestError(thrown, file.name);
    const error: SegError = {
      code: ingest.code === 'TRUNCATED' ? 'TRUNCATED' : 'NOT_A_SEG',
      message: ingest.message,
      file: file.name,
    };
    return { ok: false, error };
  }
}
