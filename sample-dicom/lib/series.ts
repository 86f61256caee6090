/**
 * Shared plumbing for writing a stack of images: plane geometry, painting + noise + quantisation
 * of one slice, and the geometry record that goes into truth.json.
 */
import { writePart10 } from '../../src/dicom/write/writePart10.ts';
import type { NaturalDataset } from 'dcmjs';
import { addGaussianNoise } from './prng.ts';
import { paintPlane, type Plane, type Primitive, type Vec3 } from './raster.ts';

export interface GeneratedFile {
  /** File name inside the series folder (e.g. IM0001.dcm). */
  name: string;
  bytes: Uint8Array;
}

export interface StorageInfo {
  bitsStored: number;
  pixelRepresentation: 0 | 1;
  rescaleIntercept: number;
  rescaleSlope: number;
}

/** Geometry of a written series, as recorded in truth.json. */
export interface SeriesGeometry {
  modality: 'CT' | 'MR';
  role: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  /** Folder relative to the output root (forward slashes). */
  folder: string;
  rows: number;
  columns: number;
  slices: number;
  /** DICOM PixelSpacing order: [between rows, between columns], mm. */
  pixelSpacingMm: [number, number];
  /** Distance between adjacent slice centres along the normal (0 for a single projection image). */
  sliceSpacingMm: number;
  sliceThicknessMm: number | null;
  imageOrientationPatient: [number, number, number, number, number, number];
  /** ImagePositionPatient of instance 1 and of the last instance. */
  firstImagePositionPatient: Vec3;
  lastImagePositionPatient: Vec3;
  storage: StorageInfo;
  noiseSigma: number;
  /** Value → meaning: 'HU' for CT images, 'signal' for MR, 'projection' for the localizer. */
  units: 'HU' | 'signal' | 'projection';
}

export function fileName(instanceNumber: number): string {
  return `IM${String(instanceNumber).padStart(4, '0')}.dcm`;
}

export function planeFor(
  rows: number,
  columns: number,
  origin: Vec3,
  iop: readonly [number, number, number, number, number, number],
  pixelSpacing: readonly [number, number],
): Plane {
  return {
    rows,
    columns,
    origin,
    rowDir: [iop[0], iop[1], iop[2]],
    colDir: [iop[3], iop[4], iop[5]],
    rowSpacing: pixelSpacing[0],
    colSpacing: pixelSpacing[1],
  };
}

/**
 * Position of pixel (0, 0) for an image of rows × columns whose centre is at `centre`.
 */
export function topLeftFor(
  centre: Vec3,
  rows: number,
  columns: number,
  iop: readonly [number, number, number, number, number, number],
  pixelSpacing: readonly [number, number],
): Vec3 {
  const hc = ((columns - 1) / 2) * pixelSpacing[1];
  const hr = ((rows - 1) / 2) * pixelSpacing[0];
  return [
    centre[0] - hc * iop[0] - hr * iop[3],
    centre[1] - hc * iop[1] - hr * iop[4],
    centre[2] - hc * iop[2] - hr * iop[5],
  ];
}

export interface SliceRender<T extends string> {
  plane: Plane;
  parts: readonly Primitive<T>[];
  valueOf: (t: T) => number;
  background: number;
  noiseSigma: number;
  noiseSeed: number;
}

/** Paints one slice and adds noise; returns real-world values (HU or MR signal). */
export function renderSlice<T extends string>(
  r: SliceRender<T>,
  scratch?: Float32Array,
): Float32Array {
  const n = r.plane.rows * r.plane.columns;
  const buf = scratch && scratch.length === n ? scratch : new Float32Array(n);
  buf.fill(r.background);
  paintPlane(r.plane, buf, r.parts, r.valueOf);
  addGaussianNoise(buf, r.noiseSigma, r.noiseSeed);
  return buf;
}

/** Real-world values → stored pixel values (round, clamp to the stored range). */
export function quantise(values: Float32Array, storage: StorageInfo): Uint16Array | Int16Array {
  const max =
    storage.pixelRepresentation === 1
      ? 2 ** (storage.bitsStored - 1) - 1
      : 2 ** storage.bitsStored - 1;
  const min = storage.pixelRepresentation === 1 ? -(2 ** (storage.bitsStored - 1)) : 0;
  const out =
    storage.pixelRepresentation === 1
      ? new Int16Array(values.length)
      : new Uint16Array(values.length);
  const inv = 1 / storage.rescaleSlope;
  const b = storage.rescaleIntercept;
  for (let i = 0; i < values.length; i++) {
    let v = Math.round(((values[i] as number) - b) * inv);
    if (v < min) v = min;
    else if (v > max) v = max;
    out[i] = v;
  }
  return out;
}

export function encode(dataset: NaturalDataset): Uint8Array {
  return new Uint8Array(writePart10(dataset));
}
