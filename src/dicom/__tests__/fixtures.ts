import { writePart10 } from '../write/writePart10.ts';
import type { InputFile, Orientation, Vec3 } from '../types.ts';
import { encodeRaw, type RawEncoding } from './encodeRawDicom.ts';

export { encodeRleFrame } from './encodeRawDicom.ts';

/**
 * The one fixture factory of the ingest tests: small DICOM files built in memory. Explicit VR
 * little endian goes through the project's writer (dcmjs); implicit VR, big endian and RLE go
 * through the tiny encoder in encodeRawDicom.ts.
 */

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const ENHANCED_CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2.1';
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33';
export const AXIAL: Orientation = [1, 0, 0, 0, 1, 0];

export type Encoding = 'explicit-le' | RawEncoding;

export interface SliceOptions {
  name?: string;
  patientId?: string;
  patientName?: string;
  studyUid?: string;
  studyDate?: string;
  studyTime?: string;
  seriesUid?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  modality?: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
  frameOfReferenceUid?: string;
  instanceNumber?: number;
  /** null omits the attribute. */
  position?: Vec3 | null;
  orientation?: Orientation | null;
  /** [row spacing, column spacing]; null omits PixelSpacing. */
  pixelSpacing?: [number, number] | null;
  sliceThickness?: number | null;
  rows?: number;
  columns?: number;
  /** Stored words, row by row (negative values become two's complement); default `fill`. */
  pixels?: ArrayLike<number>;
  fill?: number;
  bitsAllocated?: 8 | 16;
  /** 3 makes an RGB image (pixel-interleaved); `pixels` then holds 3 values per pixel. */
  samplesPerPixel?: 1 | 3;
  /** Classic multi-frame: NumberOfFrames without functional groups; `pixels` covers all. */
  frames?: number;
  bitsStored?: number;
  highBit?: number;
  pixelRepresentation?: 0 | 1;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  imageType?: string[];
  echoTime?: number;
  /** Any further naturalised attributes (explicit-le only). */
  extra?: Record<string, unknown>;
  encoding?: Encoding;
}

let uidCounter = 0;
/** A fresh UID under a test-only root. */
export function uid(): string {
  uidCounter += 1;
  return `1.2.826.0.1.3680043.10.1478.99.${uidCounter}`;
}

export const DEFAULT_STUDY_UID = '1.2.826.0.1.3680043.10.1478.99.0.1';
export const DEFAULT_SERIES_UID = '1.2.826.0.1.3680043.10.1478.99.0.2';
export const DEFAULT_FRAME_OF_REFERENCE_UID = '1.2.826.0.1.3680043.10.1478.99.0.3';

function storedWords(options: SliceOptions): Uint16Array | Uint8Array {
  const count =
    (options.rows ?? 4) *
    (options.columns ?? 4) *
    (options.samplesPerPixel ?? 1) *
    (options.frames ?? 1);
  const values = options.pixels ?? new Array<number>(count).fill(options.fill ?? 0);
  if (values.length !== count)
    throw new Error(`pixels: ${values.length} values for ${count} pixels`);
  if ((options.bitsAllocated ?? 16) === 8) return Uint8Array.from(values, (v) => v & 0xff);
  return Uint16Array.from(values, (v) => v & 0xffff);
}

/** The naturalised (dcmjs keyword) dataset of one slice. */
export function sliceDataset(options: SliceOptions = {}): Record<string, unknown> {
  const bitsAllocated = options.bitsAllocated ?? 16;
  const bitsStored = options.bitsStored ?? bitsAllocated;
  const dataset: Record<string, unknown> = {
    SOPClassUID: options.sopClassUid ?? CT_IMAGE_STORAGE,
    SOPInstanceUID: options.sopInstanceUid ?? uid(),
    PatientID: options.patientId ?? 'P-001',
    PatientName: options.patientName ?? 'Test^Patient',
    PatientBirthDate: '19600101',
    PatientSex: 'F',
    StudyInstanceUID: options.studyUid ?? DEFAULT_STUDY_UID,
    StudyDate: options.studyDate ?? '20240115',
    StudyTime: options.studyTime ?? '101500',
    StudyDescription: 'CT ABDOMEN',
    AccessionNumber: 'ACC1',
    SeriesInstanceUID: options.seriesUid ?? DEFAULT_SERIES_UID,
    SeriesNumber: options.seriesNumber ?? 2,
    SeriesDescription: options.seriesDescription ?? 'Portal venous',
    Modality: options.modality ?? 'CT',
    FrameOfReferenceUID: options.frameOfReferenceUid ?? DEFAULT_FRAME_OF_REFERENCE_UID,
    InstanceNumber: options.instanceNumber ?? 1,
    ImageType: options.imageType ?? ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    Rows: options.rows ?? 4,
    Columns: options.columns ?? 4,
    SamplesPerPixel: options.samplesPerPixel ?? 1,
    PhotometricInterpretation: options.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2',
    BitsAllocated: bitsAllocated,
    BitsStored: bitsStored,
    HighBit: options.highBit ?? bitsStored - 1,
    PixelRepresentation: options.pixelRepresentation ?? 1,
    RescaleIntercept: options.rescaleIntercept ?? 0,
    RescaleSlope: options.rescaleSlope ?? 1,
    WindowCenter: 40,
    WindowWidth: 400,
  };
  const position = options.position === undefined ? [0, 0, 0] : options.position;
  const orientation = options.orientation === undefined ? AXIAL : options.orientation;
  const spacing = options.pixelSpacing === undefined ? [1, 1] : options.pixelSpacing;
  const thickness = options.sliceThickness === undefined ? 1 : options.sliceThickness;
  if (position) dataset['ImagePositionPatient'] = [...position];
  if (orientation) dataset['ImageOrientationPatient'] = [...orientation];
  if (spacing) dataset['PixelSpacing'] = [...spacing];
  if (thickness !== null) dataset['SliceThickness'] = thickness;
  if (options.echoTime !== undefined) dataset['EchoTime'] = options.echoTime;
  if (options.samplesPerPixel === 3) dataset['PlanarConfiguration'] = 0;
  if (options.frames !== undefined) dataset['NumberOfFrames'] = options.frames;
  return { ...dataset, ...options.extra };
}

/** One slice as a DICOM file in the requested encoding. */
export function makeSlice(options: SliceOptions = {}): InputFile {
  const encoding = options.encoding ?? 'explicit-le';
  const dataset = sliceDataset(options);
  const words = storedWords(options);
  const name = options.name ?? `slice-${String(dataset['SOPInstanceUID'])}.dcm`;
  if (encoding === 'explicit-le') {
    return { name, bytes: writeNaturalized(dataset, words) };
  }
  return { name, bytes: encodeRaw(dataset, words, encoding) };
}

/** Writes a naturalised dataset (plus optional pixel words) with the project's writer. */
export function writeNaturalized(
  dataset: Record<string, unknown>,
  pixels?: Uint16Array | Uint8Array,
): Uint8Array {
  const full: Record<string, unknown> = { ...dataset };
  if (pixels) {
    const even = pixels.byteLength % 2 === 0 ? pixels : Uint8Array.from([...pixels, 0]);
    full['PixelData'] = even.buffer.slice(even.byteOffset, even.byteOffset + even.byteLength);
    full['_vrMap'] = { PixelData: pixels instanceof Uint16Array ? 'OW' : 'OB' };
  }
  return new Uint8Array(writePart10(full));
}

/** A slice series: one file per position, InstanceNumber counting from 1 in the given order. */
export function makeSeries(
  positions: Vec3[],
  options: SliceOptions = {},
  pixelsFor?: (index: number) => SliceOptions,
): InputFile[] {
  const seriesUid = options.seriesUid ?? uid();
  return positions.map((position, index) =>
    makeSlice({
      ...options,
      seriesUid,
      position,
      instanceNumber: index + 1,
      ...pixelsFor?.(index),
    }),
  );
}

/** An enhanced multi-frame CT: one file, per-frame positions and intercepts in functional groups. */
export function makeEnhancedCt(options: {
  positions: Vec3[];
  fills: number[];
  intercepts?: number[];
  rows?: number;
  columns?: number;
  pixelSpacing?: [number, number];
  orientation?: Orientation;
  seriesUid?: string;
}): InputFile {
  const rows = options.rows ?? 4;
  const columns = options.columns ?? 4;
  const frames = options.positions.length;
  const words = new Uint16Array(rows * columns * frames);
  options.fills.forEach((fill, frame) =>
    words.fill(fill & 0xffff, frame * rows * columns, (frame + 1) * rows * columns),
  );
  const base = sliceDataset({
    sopClassUid: ENHANCED_CT_IMAGE_STORAGE,
    seriesUid: options.seriesUid ?? uid(),
    rows,
    columns,
    position: null,
    orientation: null,
    pixelSpacing: null,
    sliceThickness: null,
  });
  delete base['RescaleIntercept'];
  delete base['RescaleSlope'];
  const dataset = {
    ...base,
    NumberOfFrames: frames,
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [
          { ImageOrientationPatient: [...(options.orientation ?? AXIAL)] },
        ],
        PixelMeasuresSequence: [
          { PixelSpacing: [...(options.pixelSpacing ?? [1, 1])], SliceThickness: 1 },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: options.positions.map((position, frame) => ({
      PlanePositionSequence: [{ ImagePositionPatient: [...position] }],
      PixelValueTransformationSequence: [
        { RescaleIntercept: options.intercepts?.[frame] ?? 0, RescaleSlope: 1, RescaleType: 'HU' },
      ],
    })),
  };
  return { name: 'enhanced.dcm', bytes: writeNaturalized(dataset, words) };
}

/** A minimal DICOM SEG (1-bit pixel data) referencing nothing in particular. */
export function makeSeg(seriesUid = uid()): InputFile {
  const dataset = {
    ...sliceDataset({ sopClassUid: SEGMENTATION_STORAGE, modality: 'SEG', seriesUid }),
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    NumberOfFrames: 1,
  };
  return { name: 'seg.dcm', bytes: writeNaturalized(dataset, Uint8Array.from([0xff, 0x0f])) };
}

/** A minimal SR document: no pixel data at all. */
export function makeSr(seriesUid = uid()): InputFile {
  const dataset: Record<string, unknown> = {
    SOPClassUID: COMPREHENSIVE_SR_STORAGE,
    SOPInstanceUID: uid(),
    PatientID: 'P-001',
    PatientName: 'Test^Patient',
    StudyInstanceUID: DEFAULT_STUDY_UID,
    StudyDate: '20240115',
    SeriesInstanceUID: seriesUid,
    SeriesNumber: 900,
    Modality: 'SR',
  };
  return { name: 'sr.dcm', bytes: writeNaturalized(dataset) };
}

/** Fisher–Yates with a fixed LCG so failures reproduce. */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
