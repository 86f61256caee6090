/**
 * Small CT studies with a DICOM SEG and their truths, for the SEG and `liver-review measure`
 * tests: a 64×48×20 grid (by default) holding ellipsoids (liver, spleen, lesions) with known HU
 * and a little deterministic noise. The truth (voxel counts, mean HU, analytic diameters) is
 * computed here, voxel by voxel, from the same definitions the pixels are written from — not
 * by the code under test.
 */
import dcmjs from 'dcmjs';
import type { NaturalDataset } from 'dcmjs';
import type { InputFile } from '../../src/dicom/types.ts';
import { writeSegmentation, type SegWriterSegment } from '../../src/dicom/seg/index.ts';
import { writePart10 } from '../../src/dicom/write/writePart10.ts';

export type Vec3 = [number, number, number];
const CT = '1.2.840.10008.5.1.4.1.1.2';
const MR = '1.2.840.10008.5.1.4.1.1.4';
const ROOT = '1.2.826.0.1.3680043.10.1478.96';

const CODES = {
  organ: {
    codeValue: '123037004',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Anatomical Structure',
  },
  altered: {
    codeValue: '49755003',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Morphologically Altered Structure',
  },
  liver: { codeValue: '10200004', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver' },
  spleen: { codeValue: '78961009', codingSchemeDesignator: 'SCT', codeMeaning: 'Spleen' },
  lesion: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
  mass: { codeValue: '4147007', codingSchemeDesignator: 'SCT', codeMeaning: 'Mass' },
};

export interface Shape {
  role: 'liver' | 'spleen' | 'lesion';
  label: string;
  centreMm: Vec3;
  /** Semi-axes along x, y, z (mm). */
  radiiMm: Vec3;
  hu: number;
  trackingId?: string | null;
  trackingUid?: string | null;
  /** Lesion type: SCT Lesion (default) or Mass. */
  type?: 'lesion' | 'mass';
}

export interface StudySpec {
  /** Distinguishes UIDs of the studies of one test (1, 2, 3…). */
  study: number;
  date: string;
  patientId?: string;
  patientName?: string;
  columns?: number;
  rows?: number;
  slices?: number;
  /** [row spacing, column spacing] mm (PixelSpacing order). */
  pixelSpacingMm?: [number, number];
  sliceSpacingMm?: number;
  sliceThicknessMm?: number;
  /** In-plane centre of the images and z of the most cranial slice. */
  centreXYMm?: [number, number];
  topZMm?: number;
  /** Instance 1 at the most caudal slice (default: the most cranial, as scanners write). */
  reverseInstances?: boolean;
  /** 'unsigned': 12 bit, intercept −1024 (default); 'signed': 16 bit, intercept 0. */
  storage?: 'unsigned' | 'signed';
  /** Shared frame of reference of several studies (default: one per study). */
  frameOfReferenceUid?: string;
  /** Air −1000 and fat −100 around; noise ±noiseHu (deterministic). */
  noiseHu?: number;
  shapes: Shape[];
  seg?: {
    /** Write TrackingID/TrackingUID of lesions (default true). */
    tracking?: boolean;
    /** Frames in a shuffled order instead of segment-major. */
    shuffleFrames?: boolean;
    /** The liver segment also holds the lesion voxels (segments overlap). */
    liverIncludesLesions?: boolean;
  } | null;
  /** Add a coronal LOCALIZER image and stray non-DICOM files. */
  extras?: boolean;
  /** Write the images as MR (MR Image Storage) instead of CT. */
  modality?: 'CT' | 'MR';
}

export interface SegmentTruth {
  label: string;
  role: Shape['role'];
  /** Voxels of the segment in the measured labelmap (lesions win over organs). */
  voxelCount: number;
  meanHu: number;
  /** Liver: voxels of the liver segment as drawn (with lesions when they overlap). */
  drawnVoxelCount: number;
  volumeMl: number;
  /** Lesions: 2·max(rx, ry), the longest axial diameter of the ellipsoid's central slice. */
  longestAxialMm: number;
  shortAxisMm: number;
  centreMm: Vec3;
}

export interface BuiltStudy {
  files: InputFile[];
  studyUid: string;
  seriesUid: string;
  truth: SegmentTruth[];
  /** [column, row, slice] spacing mm. */
  spacingMm: Vec3;
}

/** Deterministic integer noise in [−amplitude, amplitude]. */
function noise(i: number, j: number, k: number, amplitude: number): number {
  if (amplitude === 0) return 0;
  const h = Math.imul((i * 73856093) ^ (j * 19349663) ^ (k * 83492791), 0x9e3779b1) >>> 0;
  return (h % (2 * amplitude + 1)) - amplitude;
}

const inside = (s: Shape, x: number, y: number, z: number): boolean =>
  ((x - s.centreMm[0]) / s.radiiMm[0]) ** 2 +
    ((y - s.centreMm[1]) / s.radiiMm[1]) ** 2 +
    ((z - s.centreMm[2]) / s.radiiMm[2]) ** 2 <=
  1;

function ctDataset(spec: StudySpec, ids: Ids, extra: NaturalDataset): NaturalDataset {
  return {
    SOPClassUID: spec.modality === 'MR' ? MR : CT,
    PatientName: spec.patientName ?? 'TEST^MEASURE',
    PatientID: spec.patientId ?? 'P-MEASURE',
    PatientBirthDate: '19710314',
    PatientSex: 'F',
    StudyInstanceUID: ids.study,
    StudyDate: spec.date,
    StudyTime: '100000',
    StudyID: String(spec.study),
    AccessionNumber: `ACC${spec.study}`,
    ReferringPhysicianName: '',
    Modality: spec.modality ?? 'CT',
    FrameOfReferenceUID: ids.frameOfReference,
    PositionReferenceIndicator: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    ...extra,
  };
}

interface Ids {
  study: string;
  series: string;
  frameOfReference: string;
}

/** A CT series of the spec's shapes, its reference SEG, and the truth of every segment. */
export function buildStudy(spec: StudySpec): BuiltStudy {
  const columns = spec.columns ?? 64;
  const rows = spec.rows ?? 48;
  const slices = spec.slices ?? 20;
  const [rowSpacing, columnSpacing] = spec.pixelSpacingMm ?? [2, 2];
  const sliceSpacing = spec.sliceSpacingMm ?? 2.5;
  const [cx, cy] = spec.centreXYMm ?? [0, 0];
  const topZ = spec.topZMm ?? 0;
  const signed = spec.storage === 'signed';
  const intercept = signed ? 0 : -1024;
  const ids: Ids = {
    study: `${ROOT}.${spec.study}`,
    series: `${ROOT}.${spec.study}.2`,
    frameOfReference: spec.frameOfReferenceUid ?? `${ROOT}.${spec.study}.0.1`,
  };
  const x0 = cx - ((columns - 1) / 2) * columnSpacing;
  const y0 = cy - ((rows - 1) / 2) * rowSpacing;
  const plane = rows * columns;
  // Grid order: slice g at z = bottom + g · spacing (ascending z, as ingest sorts).
  const bottomZ = topZ - (slices - 1) * sliceSpacing;
  const instanceOf = (g: number): number => (spec.reverseInstances ? g + 1 : slices - g);

  const organs = spec.shapes.filter((s) => s.role !== 'lesion');
  const lesions = spec.shapes.filter((s) => s.role === 'lesion');
  const ordered = [...organs, ...lesions];
  const labelOf = new Map(ordered.map((s, i) => [s, i + 1]));
  const labels = new Uint8Array(plane * slices);
  const liverDrawn = new Uint8Array(plane * slices);
  const sums = new Float64Array(ordered.length + 1);
  const counts = new Float64Array(ordered.length + 1);
  const files: InputFile[] = [];
  const liver = organs.find((s) => s.role === 'liver');

  for (let g = 0; g < slices; g++) {
    const z = bottomZ + g * sliceSpacing;
    const stored = signed ? new Int16Array(plane) : new Uint16Array(plane);
    for (let j = 0; j < rows; j++) {
      const y = y0 + j * rowSpacing;
      for (let i = 0; i < columns; i++) {
        const x = x0 + i * columnSpacing;
        const p = j * columns + i;
        let hu = Math.abs(x - cx) < 0.4 * columns * columnSpacing ? -100 : -1000;
        let label = 0;
        for (const s of ordered) {
          if (!inside(s, x, y, z)) continue;
          hu = s.hu;
          label = labelOf.get(s)!;
          if (s === liver) liverDrawn[g * plane + p] = 1;
        }
        hu += noise(i, j, g, spec.noiseHu ?? 0);
        stored[p] = hu - intercept;
        if (label) {
          labels[g * plane + p] = label;
          counts[label] = (counts[label] ?? 0) + 1;
          sums[label] = (sums[label] ?? 0) + hu;
        }
      }
    }
    const instance = instanceOf(g);
    const bytes = writePart10(
      ctDataset(spec, ids, {
        SOPInstanceUID: `${ids.series}.${instance}`,
        SeriesInstanceUID: ids.series,
        SeriesNumber: 2,
        SeriesDescription: 'Abdomen PV',
        InstanceNumber: instance,
        ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
        Rows: rows,
        Columns: columns,
        BitsStored: signed ? 16 : 12,
        HighBit: signed ? 15 : 11,
        PixelRepresentation: signed ? 1 : 0,
        PixelSpacing: [rowSpacing, columnSpacing],
        ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
        ImagePositionPatient: [x0, y0, z],
        SliceThickness: spec.sliceThicknessMm ?? sliceSpacing,
        RescaleIntercept: intercept,
        RescaleSlope: 1,
        PixelData: stored.buffer,
        _vrMap: { PixelData: 'OW' },
      }),
    );
    files.push({
      name: `${spec.date}/ct/IM${String(instance).padStart(4, '0')}.dcm`,
      bytes: new Uint8Array(bytes),
    });
  }
  // Files in instance order, as a scanner's folder lists them.
  files.sort((a, b) => a.name.localeCompare(b.name));

  const grid: GridInfo = {
    columns,
    rows,
    slices,
    columnSpacing,
    rowSpacing,
    sliceSpacing,
    x0,
    y0,
    bottomZ,
    instanceOf,
  };
  if (spec.seg !== null) {
    const seg = spec.seg ?? {};
    const tracking = seg.tracking ?? true;
    const segments: SegWriterSegment[] = ordered.map((s) => ({
      labelValue: labelOf.get(s)!,
      label: s.label,
      category: s.role === 'lesion' ? CODES.altered : CODES.organ,
      type: s.role === 'lesion' ? CODES[s.type ?? 'lesion'] : CODES[s.role],
      algorithmType: 'MANUAL',
      ...(tracking && s.trackingId ? { trackingId: s.trackingId } : {}),
      ...(tracking && s.trackingUid ? { trackingUid: s.trackingUid } : {}),
    }));
    let bytes: Uint8Array;
    if (seg.liverIncludesLesions && liver) {
      // The writer takes one labelmap (no overlaps): write the lesions, then the liver as
      // drawn (lesion voxels included), and append the liver's frames to the first SEG.
      const liverLabel = labelOf.get(liver)!;
      const lesionsOnly = labels.map((v) => (v === liverLabel ? 0 : v));
      const liverOnly = liverDrawn.map((v) => (v ? liverLabel : 0));
      bytes = mergeSegFrames(
        writeSeg(spec, ids, lesionsOnly, segments, grid),
        writeSeg(spec, ids, liverOnly, segments, grid),
        plane,
      );
    } else {
      bytes = writeSeg(spec, ids, labels, segments, grid);
    }
    files.push({
      name: `${spec.date}/seg/SEG.dcm`,
      bytes: seg.shuffleFrames ? shuffleSegFrames(bytes, plane) : bytes,
    });
  }
  if (spec.extras) files.push(...extrasFor(spec, ids, { rows, columns }));

  const voxelMl = (rowSpacing * columnSpacing * sliceSpacing) / 1000;
  const truth = ordered.map((s): SegmentTruth => {
    const label = labelOf.get(s)!;
    const n = counts[label]!;
    return {
      label: s.label,
      role: s.role,
      voxelCount: n,
      meanHu: n > 0 ? sums[label]! / n : NaN,
      drawnVoxelCount:
        s === liver && spec.seg?.liverIncludesLesions ? liverDrawn.reduce((a, v) => a + v, 0) : n,
      volumeMl: n * voxelMl,
      longestAxialMm: 2 * Math.max(s.radiiMm[0], s.radiiMm[1]),
      shortAxisMm: 2 * Math.min(s.radiiMm[0], s.radiiMm[1]),
      centreMm: s.centreMm,
    };
  });
  return {
    files,
    studyUid: ids.study,
    seriesUid: ids.series,
    truth,
    spacingMm: [columnSpacing, rowSpacing, sliceSpacing],
  };
}

interface GridInfo {
  columns: number;
  rows: number;
  slices: number;
  columnSpacing: number;
  rowSpacing: number;
  sliceSpacing: number;
  x0: number;
  y0: number;
  bottomZ: number;
  instanceOf: (g: number) => number;
}

function writeSeg(
  spec: StudySpec,
  ids: Ids,
  labels: Uint8Array,
  segments: SegWriterSegment[],
  g: GridInfo,
): Uint8Array {
  const written = writeSegmentation({
    grid: {
      dimensions: [g.columns, g.rows, g.slices],
      spacingMm: [g.columnSpacing, g.rowSpacing, g.sliceSpacing],
      originMm: [g.x0, g.y0, g.bottomZ],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    },
    labels,
    segments,
    source: {
      studyInstanceUid: ids.study,
      seriesInstanceUid: ids.series,
      frameOfReferenceUid: ids.frameOfReference,
      slices: Array.from({ length: g.slices }, (_, k) => ({
        sopClassUid: spec.modality === 'MR' ? MR : CT,
        sopInstanceUid: `${ids.series}.${g.instanceOf(k)}`,
      })),
    },
    patient: {
      name: spec.patientName ?? 'TEST^MEASURE',
      id: spec.patientId ?? 'P-MEASURE',
      birthDate: '19710314',
      sex: 'F',
    },
    study: {
      date: spec.date,
      time: '100000',
      id: String(spec.study),
      accessionNumber: `ACC${spec.study}`,
    },
    segmentation: {
      seriesInstanceUid: `${ids.study}.90`,
      sopInstanceUid: `${ids.study}.90.1`,
      dimensionOrganizationUid: `${ids.study}.90.0.1`,
      seriesNumber: 90,
      instanceNumber: 1,
      seriesDescription: 'Reader SEG',
      contentLabel: 'READER',
      contentDate: spec.date,
      contentTime: '110000',
    },
    equipment: {
      manufacturer: 'TEST',
      modelName: 'fixture',
      deviceSerialNumber: '1',
      softwareVersions: '1',
    },
  });
  if (!written.ok) throw new Error(written.error.message);
  return written.value.bytes;
}

function readNatural(bytes: Uint8Array): NaturalDataset {
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(
    dcmjs.data.DicomMessage.readFile(buffer).dict,
  );
}

function unpackBits(buffer: ArrayBuffer, frames: number, plane: number): Uint8Array[] {
  const bytes = new Uint8Array(buffer);
  return Array.from({ length: frames }, (_, f) => {
    const out = new Uint8Array(plane);
    for (let p = 0; p < plane; p++) {
      const bit = f * plane + p;
      out[p] = ((bytes[bit >> 3] ?? 0) >> (bit & 7)) & 1;
    }
    return out;
  });
}

function packBits(frames: Uint8Array[], plane: number): ArrayBuffer {
  const total = frames.length * plane;
  const out = new Uint8Array(Math.ceil(total / 8) + (Math.ceil(total / 8) % 2));
  frames.forEach((frame, f) =>
    frame.forEach((v, p) => {
      const bit = f * plane + p;
      if (v) out[bit >> 3] = (out[bit >> 3] ?? 0) | (1 << (bit & 7));
    }),
  );
  return out.buffer;
}

function rewrite(
  ds: NaturalDataset,
  items: unknown[],
  frames: Uint8Array[],
  plane: number,
): Uint8Array {
  const pixelData = packBits(frames, plane);
  const out: NaturalDataset = {
    ...ds,
    NumberOfFrames: String(frames.length),
    PerFrameFunctionalGroupsSequence: items,
    PixelData: pixelData,
    _vrMap: { PixelData: 'OB' },
  };
  delete out['_meta'];
  return new Uint8Array(writePart10(out));
}

/** The same SEG with its frames (and their functional groups) in a shuffled order. */
export function shuffleSegFrames(bytes: Uint8Array, plane: number): Uint8Array {
  const ds = readNatural(bytes);
  const items = ds['PerFrameFunctionalGroupsSequence'] as unknown[];
  const frames = unpackBits((ds['PixelData'] as ArrayBuffer[])[0]!, items.length, plane);
  const order = items.map((_, i) => i);
  let seed = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return rewrite(
    ds,
    order.map((i) => items[i]),
    order.map((i) => frames[i]!),
    plane,
  );
}

/** The frames of `b` appended to those of `a` (same segments and header). */
function mergeSegFrames(a: Uint8Array, b: Uint8Array, plane: number): Uint8Array {
  const da = readNatural(a);
  const db = readNatural(b);
  const ia = da['PerFrameFunctionalGroupsSequence'] as unknown[];
  const ib = db['PerFrameFunctionalGroupsSequence'] as unknown[];
  const fa = unpackBits((da['PixelData'] as ArrayBuffer[])[0]!, ia.length, plane);
  const fb = unpackBits((db['PixelData'] as ArrayBuffer[])[0]!, ib.length, plane);
  return rewrite(da, [...ia, ...ib], [...fa, ...fb], plane);
}

/** A coronal LOCALIZER image in its own series, a text file and random bytes. */
function extrasFor(
  spec: StudySpec,
  ids: Ids,
  size: { rows: number; columns: number },
): InputFile[] {
  const localizer = writePart10(
    ctDataset(spec, ids, {
      SOPInstanceUID: `${ids.study}.1.1`,
      SeriesInstanceUID: `${ids.study}.1`,
      SeriesNumber: 1,
      SeriesDescription: 'Topogram',
      InstanceNumber: 1,
      ImageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'],
      Rows: size.rows,
      Columns: size.columns,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      PixelSpacing: [2, 2],
      ImageOrientationPatient: [1, 0, 0, 0, 0, -1],
      ImagePositionPatient: [-60, 0, 40],
      RescaleIntercept: -1024,
      RescaleSlope: 1,
      PixelData: new Uint16Array(size.rows * size.columns).fill(1000).buffer,
      _vrMap: { PixelData: 'OW' },
    }),
  );
  const random = new Uint8Array(4096);
  for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
  return [
    { name: `${spec.date}/localizer/IM0001.dcm`, bytes: new Uint8Array(localizer) },
    {
      name: `${spec.date}/notes.txt`,
      bytes: new TextEncoder().encode('reader notes, not DICOM\n'),
    },
    { name: `${spec.date}/random.bin`, bytes: random },
  ];
}
