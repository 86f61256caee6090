import type { DataSet } from 'dicom-parser';
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
import { EXPLICIT_VR_BIG_ENDIAN, readDataSet } from './readDataSet.ts';
import { readFrameAttributes, readRescaleType } from './readFrameAttributes.ts';
import { nativeFrameByteLength, readPixelDataRef } from './readPixelDataRef.ts';
import { TAG } from './tags.ts';
import { IngestFailure, toIngestError } from './toIngestError.ts';
import type { FrameAttributes, InputFile, ParsedInstance, PixelDataRef, Result } from './types.ts';

/** Largest pixel payload we agree to address: typed arrays and workers choke beyond 2 GiB. */
export const MAX_PIXEL_BYTES = 2 ** 31;

const MEDIA_STORAGE_SOP_CLASS_UID = 'x00020002';
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

/** Reads and bounds-checks the Image Pixel module (PS3.3 C.7.6.3) of an image instance. */
function readPixelModule(
  dataSet: DataSet,
  pixelData: PixelDataRef,
  fileLength: number,
): PixelModule {
  const rows = readUint16(dataSet, TAG.Rows);
  const columns = readUint16(dataSet, TAG.Columns);
  const bitsAllocated = readUint16(dataSet, TAG.BitsAllocated);
  if (!rows || !columns) fail('MISSING_ATTRIBUTE', 'Rows or Columns missing or zero');
  if (!bitsAllocated) fail('MISSING_ATTRIBUTE', 'BitsAllocated missing or zero');
  if (![1, 8, 16, 32].includes(bitsAllocated)) {
    fail('UNSUPPORTED_PIXEL_FORMAT', `BitsAllocated ${bitsAllocated} is not supported`);
  }
  const bitsStored = readUint16(dataSet, TAG.BitsStored) ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    fail(
      'UNSUPPORTED_PIXEL_FORMAT',
      `BitsStored ${bitsStored} with BitsAllocated ${bitsAllocated}`,
    );
  }
  let highBit = readUint16(dataSet, TAG.HighBit) ?? bitsStored - 1;
  // Stored bits must fit below BitsAllocated; a bad HighBit is common enough to repair.
  if (highBit >= bitsAllocated || highBit < bitsStored - 1) highBit = bitsStored - 1;
  const samplesPerPixel = readUint16(dataSet, TAG.SamplesPerPixel) ?? 1;
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    fail('UNSUPPORTED_PIXEL_FORMAT', `SamplesPerPixel ${samplesPerPixel}`);
  }
  const framesValue = readInteger(dataSet, TAG.NumberOfFrames);
  const numberOfFrames = framesValue !== null && framesValue > 0 ? framesValue : 1;
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
    );
  }
  if (pixelData.encapsulated) {
    // Every frame starts a new fragment (PS3.5 A.4), so more frames than fragments is a lie.
    if (pixelData.fragments.length < numberOfFrames) {
      fail(
        'TRUNCATED',
        `${numberOfFrames} frames declared but only ${pixelData.fragments.length} fragments`,
      );
    }
    for (const fragment of pixelData.fragments) {
      if (fragment.byteOffset + fragment.byteLength > fileLength) {
        fail('TRUNCATED', `pixel data fragment runs past the end of the file`, fragment.byteOffset);
      }
    }
  } else {
    const expected = frameBytes * numberOfFrames;
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

function buildInstance(
  file: InputFile,
  dataSet: DataSet,
  transferSyntaxUid: string,
  hasPart10Header: boolean,
): ParsedInstance {
  const text = createTextReader(dataSet);
  const sopInstanceUid =
    readString(dataSet, TAG.SOPInstanceUID) || readString(dataSet, MEDIA_STORAGE_SOP_INSTANCE_UID);
  const studyInstanceUid = readString(dataSet, TAG.StudyInstanceUID);
  const seriesInstanceUid = readString(dataSet, TAG.SeriesInstanceUID);
  if (!sopInstanceUid || !studyInstanceUid || !seriesInstanceUid) {
    // A bare dataset without identity is far more likely random bytes than DICOM.
    const code = hasPart10Header ? 'MISSING_ATTRIBUTE' : 'NOT_DICOM';
    fail(code, 'SOPInstanceUID, StudyInstanceUID or SeriesInstanceUID missing');
  }
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
  const pixel = pixelData ? readPixelModule(dataSet, pixelData, file.bytes.length) : NO_PIXELS;
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
    const instance = buildInstance(
      file,
      decoded.dataSet,
      decoded.transferSyntaxUid,
      decoded.hasPart10Header,
    );
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
