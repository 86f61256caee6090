import type { DataSet } from 'dicom-parser';
import { checkEncapsulatedSize, MAX_FRAMES } from './checkPixelDataSize.ts';
import { classifyInstanceKind } from './classifyInstanceKind.ts';
import {
  createTextReader,
  readInteger,
  readNumber,
  readNumbers,
  readString,
  readStrings,
  readUint16,
  toIsoDate,
  toIsoTime,
} from './readAttributes.ts';
import { EXPLICIT_VR_BIG_ENDIAN, readDataSet, type DecodedDataSet } from './readDataSet.ts';
import { readFrameAttributes, readRescaleType } from './readFrameAttributes.ts';
import { describeOverrun } from './scanDataSetHeaders.ts';
import { nativeFrameByteLength, readPixelDataRef } from './readPixelDataRef.ts';
import { TAG } from './tags.ts';
import { IngestFailure, toIngestError } from './toIngestError.ts';
import type { FrameAttributes, InputFile, ParsedInstance, PixelDataRef, Result } from './types.ts';

/** Largest pixel payload we agree to address: typed arrays and workers choke beyond 2 GiB. */
export const MAX_PIXEL_BYTES = 2 ** 31;

const MEDIA_STORAGE_SOP_CLASS_UID = 'x00020002';
const PIXEL_DATA_TAG = 0x7fe00010;
const MEDIA_STORAGE_SOP_INSTANCE_UID = 'x00020003';

interface PixelModule {
  rows: number;
  columns: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  planarConfiguration: number;
  numberOfFrames: number;
}

function fail(
  code: ConstructorParameters<typeof IngestFailure>[0],
  message: string,
  offset?: number,
): never {
  throw new IngestFailure(code, message, offset);
}

/**
 * Reads and bounds-checks the Image Pixel module (PS3.3 C.7.6.3) of an image instance: every
 * size it declares must fit in the file (or, compressed, be plausible for its codec) before
 * any pixel is trusted or any buffer sized from it.
 */
function readPixelModule(
  dataSet: DataSet,
  pixelData: PixelDataRef,
  fileLength: number,
  transferSyntaxUid: string,
): PixelModule {
  const at = (tag: string): number | undefined => dataSet.elements[tag]?.dataOffset;
  const pixelDataOffset = at(TAG.PixelData);
  const rows = readUint16(dataSet, TAG.Rows);
  const columns = readUint16(dataSet, TAG.Columns);
  const bitsAllocated = readUint16(dataSet, TAG.BitsAllocated);
  if (!rows || !columns) {
    fail('MISSING_ATTRIBUTE', 'Rows or Columns missing or zero', at(rows ? TAG.Columns : TAG.Rows));
  }
  if (!bitsAllocated)
    fail('MISSING_ATTRIBUTE', 'BitsAllocated missing or zero', at(TAG.BitsAllocated));
  if (![1, 8, 16, 32].includes(bitsAllocated)) {
    fail(
      'UNSUPPORTED_PIXEL_FORMAT',
      `BitsAllocated ${bitsAllocated} is not supported`,
      at(TAG.BitsAllocated),
    );
  }
  const bitsStored = readUint16(dataSet, TAG.BitsStored) ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    fail(
      'UNSUPPORTED_PIXEL_FORMAT',
      `BitsStored ${bitsStored} with BitsAllocated ${bitsAllocated}`,
      at(TAG.BitsStored),
    );
  }
  let highBit = readUint16(dataSet, TAG.HighBit) ?? bitsStored - 1;
  // Stored bits must fit below BitsAllocated; a bad HighBit is common enough to repair.
  if (highBit >= bitsAllocated || highBit < bitsStored - 1) highBit = bitsStored - 1;
  const samplesPerPixel = readUint16(dataSet, TAG.SamplesPerPixel) ?? 1;
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    fail('UNSUPPORTED_PIXEL_FORMAT', `SamplesPerPixel ${samplesPerPixel}`, at(TAG.SamplesPerPixel));
  }
  const framesValue = readInteger(dataSet, TAG.NumberOfFrames);
  const numberOfFrames = framesValue !== null && framesValue > 0 ? framesValue : 1;
  if (numberOfFrames > MAX_FRAMES) {
    fail(
      'TOO_LARGE',
      `NumberOfFrames ${numberOfFrames} exceeds ${MAX_FRAMES}`,
      at(TAG.NumberOfFrames),
    );
  }
  const photometricInterpretation =
    readString(dataSet, TAG.PhotometricInterpretation) || 'MONOCHROME2';
  const frameBytes = nativeFrameByteLength(
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    pixelData.encapsulated ? '' : photometricInterpretation,
  );
  if (frameBytes * numberOfFrames > MAX_PIXEL_BYTES) {
    fail(
      'TOO_LARGE',
      `${numberOfFrames} frames of ${rows}×${columns} exceed ${MAX_PIXEL_BYTES} bytes`,
      pixelDataOffset,
    );
  }
  if (pixelData.encapsulated) {
    // Every frame starts a new fragment (PS3.5 A.4), so more frames than fragments is a lie.
    if (pixelData.fragments.length < numberOfFrames) {
      fail(
        'TRUNCATED',
        `${numberOfFrames} frames declared but only ${pixelData.fragments.length} fragments`,
        pixelDataOffset,
      );
    }
    for (const fragment of pixelData.fragments) {
      if (fragment.byteOffset + fragment.byteLength > fileLength) {
        fail('TRUNCATED', `pixel data fragment runs past the end of the file`, fragment.byteOffset);
      }
    }
    checkEncapsulatedSize(
      transferSyntaxUid,
      pixelData.fragments,
      frameBytes,
      numberOfFrames,
      pixelDataOffset,
    );
  } else {
    // 1-bit frames are packed back to back, not padded to whole bytes (PS3.5 8.1.1).
    const expected =
      bitsAllocated === 1
        ? Math.ceil((rows * columns * samplesPerPixel * numberOfFrames) / 8)
        : frameBytes * numberOfFrames;
    const available = Math.min(pixelData.byteLength, fileLength - pixelData.byteOffset);
    if (available < expected) {
      fail(
        'TRUNCATED',
        `PixelData holds ${available} bytes, ${expected} expected for ${numberOfFrames} frame(s) ` +
          `of ${rows}×${columns}×${samplesPerPixel}×${bitsAllocated} bits`,
        pixelData.byteOffset,
      );
    }
  }
  return {
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: readUint16(dataSet, TAG.PixelRepresentation) === 1 ? 1 : 0,
    samplesPerPixel,
    photometricInterpretation,
    planarConfiguration: readUint16(dataSet, TAG.PlanarConfiguration) === 1 ? 1 : 0,
    numberOfFrames,
  };
}

const NO_PIXELS: PixelModule = {
  rows: 0,
  columns: 0,
  bitsAllocated: 0,
  bitsStored: 0,
  highBit: 0,
  pixelRepresentation: 0,
  samplesPerPixel: 0,
  photometricInterpretation: '',
  planarConfiguration: 0,
  numberOfFrames: 0,
};

function topLevelPosition(dataSet: DataSet): ParsedInstance['imagePositionPatient'] {
  const v = readNumbers(dataSet, TAG.ImagePositionPatient, 3);
  return v ? [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0] : null;
}

function buildInstance(file: InputFile, decoded: DecodedDataSet): ParsedInstance {
  const { dataSet, transferSyntaxUid, hasPart10Header, overrun } = decoded;
  const text = createTextReader(dataSet);
  const sopInstanceUid =
    readString(dataSet, TAG.SOPInstanceUID) || readString(dataSet, MEDIA_STORAGE_SOP_INSTANCE_UID);
  const studyInstanceUid = readString(dataSet, TAG.StudyInstanceUID);
  const seriesInstanceUid = readString(dataSet, TAG.SeriesInstanceUID);
  const failOnOverrun = (): void => {
    // PixelData may run short (its own check reports that); any other value past the end
    // means the file is cut inside its header (dicom-parser only notices in explicit VR).
    if (!overrun || overrun.tag === PIXEL_DATA_TAG) return;
    fail('TRUNCATED', describeOverrun(overrun, file.bytes.length), overrun.dataOffset);
  };
  if (hasPart10Header) failOnOverrun();
  if (!sopInstanceUid || !studyInstanceUid || !seriesInstanceUid) {
    // A bare dataset without identity is far more likely random bytes than DICOM.
    const code = hasPart10Header ? 'MISSING_ATTRIBUTE' : 'NOT_DICOM';
    fail(code, 'SOPInstanceUID, StudyInstanceUID or SeriesInstanceUID missing');
  }
  failOnOverrun();
  const sopClassUid =
    readString(dataSet, TAG.SOPClassUID) || readString(dataSet, MEDIA_STORAGE_SOP_CLASS_UID);
  const modality = readString(dataSet, TAG.Modality);
  const pixelData = readPixelDataRef(dataSet);
  const kind = classifyInstanceKind(sopClassUid, modality, pixelData !== null);
  if (kind === 'image' && pixelData === null) {
    const float =
      dataSet.elements[TAG.FloatPixelData] ?? dataSet.elements[TAG.DoubleFloatPixelData];
    if (float) fail('UNSUPPORTED_PIXEL_FORMAT', 'Float Pixel Data is not supported');
    fail('MISSING_ATTRIBUTE', 'image without PixelData');
  }
  const pixel = pixelData
    ? readPixelModule(dataSet, pixelData, file.bytes.length, transferSyntaxUid)
    : NO_PIXELS;
  const warnings: string[] = dataSet.warnings.slice(0, 5);
  const frames: FrameAttributes[] = pixelData
    ? readFrameAttributes(dataSet, pixel.numberOfFrames)
    : [];
  const first = frames[0] ?? null;

  let pixelSpacing = first?.pixelSpacing ?? null;
  let pixelSpacingSource: ParsedInstance['pixelSpacingSource'] = pixelSpacing
    ? 'PixelSpacing'
    : null;
  if (!pixelSpacing) {
    const imager = readNumbers(dataSet, TAG.ImagerPixelSpacing, 2);
    if (imager && (imager[0] ?? 0) > 0 && (imager[1] ?? 0) > 0) {
      pixelSpacing = [imager[0] ?? 0, imager[1] ?? 0];
      pixelSpacingSource = 'ImagerPixelSpacing';
      warnings.push('PixelSpacing absent: ImagerPixelSpacing (at the detector) used');
      for (const frame of frames) frame.pixelSpacing ??= pixelSpacing;
    }
  }

  const imageType = readStrings(dataSet, TAG.ImageType).map((value) => value.toUpperCase());
  const agent = text(dataSet, TAG.ContrastBolusAgent);
  const route = text(dataSet, TAG.ContrastBolusRoute);
  const windowCenter = readNumber(dataSet, TAG.WindowCenter);
  const windowWidth = readNumber(dataSet, TAG.WindowWidth);
  return {
    file: file.name,
    bytes: file.bytes,
    sopClassUid,
    sopInstanceUid,
    transferSyntaxUid,
    littleEndian: transferSyntaxUid !== EXPLICIT_VR_BIG_ENDIAN,
    hasPart10Header,
    kind,
    isLocalizer: kind === 'image' && imageType.includes('LOCALIZER'),
    patient: {
      id: text(dataSet, TAG.PatientID),
      name: text(dataSet, TAG.PatientName),
      birthDate: toIsoDate(readString(dataSet, TAG.PatientBirthDate)),
      sex: readString(dataSet, TAG.PatientSex),
    },
    study: {
      studyInstanceUid,
      date: toIsoDate(readString(dataSet, TAG.StudyDate)),
      time: toIsoTime(readString(dataSet, TAG.StudyTime)),
      description: text(dataSet, TAG.StudyDescription),
      accessionNumber: text(dataSet, TAG.AccessionNumber),
    },
    series: {
      seriesInstanceUid,
      number: readInteger(dataSet, TAG.SeriesNumber),
      description: text(dataSet, TAG.SeriesDescription),
      modality,
      bodyPartExamined: readString(dataSet, TAG.BodyPartExamined),
    },
    frameOfReferenceUid: readString(dataSet, TAG.FrameOfReferenceUID) || null,
    instanceNumber: readInteger(dataSet, TAG.InstanceNumber),
    acquisitionNumber: readInteger(dataSet, TAG.AcquisitionNumber),
    imageType,
    rows: pixel.rows,
    columns: pixel.columns,
    pixelSpacing,
    pixelSpacingSource,
    imagePositionPatient: first?.imagePositionPatient ?? topLevelPosition(dataSet),
    imageOrientationPatient: first?.imageOrientationPatient ?? null,
    sliceThicknessMm: first?.sliceThicknessMm ?? null,
    spacingBetweenSlicesMm: readNumber(dataSet, TAG.SpacingBetweenSlices),
    bitsAllocated: pixel.bitsAllocated,
    bitsStored: pixel.bitsStored,
    highBit: pixel.highBit,
    pixelRepresentation: pixel.pixelRepresentation,
    samplesPerPixel: pixel.samplesPerPixel,
    photometricInterpretation: pixel.photometricInterpretation,
    planarConfiguration: pixel.planarConfiguration,
    rescaleSlope: first?.rescaleSlope ?? 1,
    rescaleIntercept: first?.rescaleIntercept ?? 0,
    rescaleType: readRescaleType(dataSet),
    windowCenter,
    windowWidth: windowWidth !== null && windowWidth > 0 ? windowWidth : null,
    windowExplanation: readStrings(dataSet, TAG.WindowCenterWidthExplanation)[0] ?? '',
    numberOfFrames: pixel.numberOfFrames,
    frames,
    contrast: agent || route ? { agent, route } : null,
    mr:
      modality === 'MR'
        ? {
            echoTimeMs: first?.echoTimeMs ?? null,
            repetitionTimeMs: readNumber(dataSet, TAG.RepetitionTime),
            sequenceName: readString(dataSet, TAG.SequenceName),
          }
        : null,
    pixelData,
    warnings,
  };
}

/**
 * Parses one file's header into a typed ParsedInstance; the pixels stay in `file.bytes` and are
 * only located. Never throws: every failure comes back as an IngestError with the file name.
 */
export function parseInstance(file: InputFile): Result<ParsedInstance> {
  let decoded: ReturnType<typeof readDataSet>;
  try {
    decoded = readDataSet(file.bytes);
  } catch (thrown) {
    const error = toIngestError(thrown, file.name);
    const partial = (thrown as { dataSet?: DataSet } | null)?.dataSet;
    if (partial?.elements) {
      try {
        const uid = readString(partial, TAG.SeriesInstanceUID);
        if (uid) error.seriesInstanceUid = uid;
      } catch {
        // The partial dataset may itself be unreadable; the error stands without the UID.
      }
    }
    return { ok: false, error };
  }
  try {
    const instance = buildInstance(file, decoded);
    return { ok: true, value: instance };
  } catch (thrown) {
    const error = toIngestError(thrown, file.name);
    try {
      const uid = readString(decoded.dataSet, TAG.SeriesInstanceUID);
      if (uid) error.seriesInstanceUid = uid;
    } catch {
      // Keep the original error.
    }
    return { ok: false, error };
  }
}
