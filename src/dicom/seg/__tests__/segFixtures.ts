/**
 * Fixtures of the SEG tests. `handBuiltSeg` writes a SEG dataset field by field, without the
 * module's writer, so the reader is tested against an independent encoder; `writerInput` is
 * the writer's input over a small grid.
 */
import { writeNaturalized } from '../../__tests__/fixtures.ts';
import type { InputFile } from '../../types.ts';
import type { SegWriterInput } from '../writeSegmentation.ts';
import type { SegTargetGrid } from '../types.ts';

export const CT_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const ROOT = '1.2.826.0.1.3680043.10.1478.97';

export const LIVER = {
  category: {
    codeValue: '123037004',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Anatomical Structure',
  },
  type: { codeValue: '10200004', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver' },
};
export const LESION = {
  category: {
    codeValue: '49755003',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Morphologically Altered Structure',
  },
  type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
};

export interface SmallGrid {
  columns: number;
  rows: number;
  slices: number;
  /** [column, row, slice] spacing mm. */
  spacing: [number, number, number];
  origin: [number, number, number];
}

export const SOURCE_SERIES_UID = `${ROOT}.2`;
export const FRAME_OF_REFERENCE_UID = `${ROOT}.0.1`;
export const instanceUidOf = (k: number): string => `${ROOT}.2.${k + 1}`;

/** The target grid of a regular axial series (instances named by slice index). */
export function targetGrid(g: SmallGrid): SegTargetGrid {
  return {
    dimensions: [g.columns, g.rows, g.slices],
    spacingMm: g.spacing,
    originMm: g.origin,
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    slicePositionsMm: Array.from({ length: g.slices }, (_, k) => g.origin[2] + k * g.spacing[2]),
    slices: Array.from({ length: g.slices }, (_, k) => ({
      sopInstanceUid: instanceUidOf(k),
      frameNumber: 1,
    })),
    frameOfReferenceUid: `${ROOT}.0.1`,
  };
}

/** Writer input for `labels` on grid `g`, with a liver (1) and a tracked lesion (2). */
export function writerInput(g: SmallGrid, labels: Uint8Array): SegWriterInput {
  return {
    grid: {
      dimensions: [g.columns, g.rows, g.slices],
      spacingMm: g.spacing,
      originMm: g.origin,
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    },
    labels,
    segments: [
      {
        labelValue: 1,
        label: 'Liver',
        ...LIVER,
        algorithmType: 'MANUAL',
        colorRgb: [221, 130, 101],
      },
      {
        labelValue: 2,
        label: 'Lesion 1',
        ...LESION,
        algorithmType: 'SEMIAUTOMATIC',
        algorithmName: 'test',
        trackingId: 'L1',
        trackingUid: `${ROOT}.9.1`,
        colorRgb: [230, 80, 60],
      },
    ],
    source: {
      studyInstanceUid: `${ROOT}.1`,
      seriesInstanceUid: `${ROOT}.2`,
      frameOfReferenceUid: `${ROOT}.0.1`,
      slices: Array.from({ length: g.slices }, (_, k) => ({
        sopClassUid: CT_STORAGE,
        sopInstanceUid: instanceUidOf(k),
      })),
    },
    patient: { name: 'TEST^SEG', id: 'P-SEG', birthDate: '19700101', sex: 'F' },
    study: { date: '20240725', time: '091512', id: '1', accessionNumber: 'A1' },
    segmentation: {
      seriesInstanceUid: `${ROOT}.90`,
      sopInstanceUid: `${ROOT}.90.1`,
      dimensionOrganizationUid: `${ROOT}.90.0.1`,
      seriesNumber: 90,
      instanceNumber: 1,
      seriesDescription: 'Test SEG',
      contentLabel: 'TEST',
      contentDate: '20240725',
      contentTime: '120000',
    },
    equipment: {
      manufacturer: 'LLR',
      modelName: 'test',
      deviceSerialNumber: '1',
      softwareVersions: '1',
    },
  };
}

export interface HandFrame {
  segment?: number;
  /** Slice index on the grid; the frame's position is computed from it unless `position`. */
  k: number;
  position?: [number, number, number] | null;
  /** Reference the slice's source instance (default true). */
  reference?: boolean;
  /** rows × columns values (0/1 for BINARY, 0..max for FRACTIONAL, segment for LABELMAP). */
  pixels: number[];
}

export interface HandSegOptions {
  type?: 'BINARY' | 'FRACTIONAL' | 'LABELMAP';
  segments?: Array<{ number: number; label: string; trackingId?: string; trackingUid?: string }>;
  frames: HandFrame[];
  maximumFractionalValue?: number;
  referencedSeries?: boolean;
  frameOfReferenceUid?: string;
  /** BINARY: pad every frame to whole bytes (as @cornerstonejs/adapters 5.x writes). */
  padFramesToBytes?: boolean;
  /** Drop this many bytes from the end of PixelData. */
  truncateBy?: number;
  sopClassUid?: string;
}

/** A SEG built attribute by attribute (not by writeSegmentation). */
export function handBuiltSeg(g: SmallGrid, o: HandSegOptions): InputFile {
  const type = o.type ?? 'BINARY';
  const plane = g.rows * g.columns;
  let pixelBytes: Uint8Array;
  if (type === 'BINARY' && o.padFramesToBytes) {
    const frameBytes = Math.ceil(plane / 8);
    pixelBytes = new Uint8Array(frameBytes * o.frames.length);
    o.frames.forEach((f, n) =>
      f.pixels.forEach((b, i) => {
        const at = n * frameBytes + (i >> 3);
        if (b) pixelBytes[at] = (pixelBytes[at] ?? 0) | (1 << (i & 7));
      }),
    );
  } else if (type === 'BINARY') {
    const bits = o.frames.flatMap((f) => f.pixels);
    pixelBytes = new Uint8Array(Math.ceil(bits.length / 8));
    bits.forEach((b, i) => {
      if (b) pixelBytes[i >> 3] = (pixelBytes[i >> 3] ?? 0) | (1 << (i & 7));
    });
  } else {
    pixelBytes = Uint8Array.from(o.frames.flatMap((f) => f.pixels));
  }
  for (const f of o.frames)
    if (f.pixels.length !== plane) throw new Error(`frame of ${f.pixels.length} pixels`);
  if (o.truncateBy) pixelBytes = pixelBytes.slice(0, pixelBytes.length - o.truncateBy);
  const segments = o.segments ?? [{ number: 1, label: 'Liver' }];
  const dataset: Record<string, unknown> = {
    SOPClassUID: o.sopClassUid ?? '1.2.840.10008.5.1.4.1.1.66.4',
    SOPInstanceUID: `${ROOT}.91.1`,
    PatientName: 'TEST^SEG',
    PatientID: 'P-SEG',
    StudyInstanceUID: `${ROOT}.1`,
    StudyDate: '20240725',
    SeriesInstanceUID: `${ROOT}.91`,
    SeriesNumber: 91,
    Modality: 'SEG',
    FrameOfReferenceUID: o.frameOfReferenceUid ?? `${ROOT}.0.1`,
    Rows: g.rows,
    Columns: g.columns,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: type === 'BINARY' ? 1 : 8,
    BitsStored: type === 'BINARY' ? 1 : 8,
    HighBit: type === 'BINARY' ? 0 : 7,
    PixelRepresentation: 0,
    NumberOfFrames: String(o.frames.length),
    SegmentationType: type,
    ...(type === 'FRACTIONAL'
      ? {
          SegmentationFractionalType: 'PROBABILITY',
          MaximumFractionalValue: o.maximumFractionalValue ?? 255,
        }
      : {}),
    SegmentSequence: segments.map((s) => ({
      SegmentNumber: s.number,
      SegmentLabel: s.label,
      SegmentAlgorithmType: 'MANUAL',
      SegmentedPropertyCategoryCodeSequence: [
        { CodeValue: LIVER.category.codeValue, CodingSchemeDesignator: 'SCT', CodeMeaning: 'x' },
      ],
      SegmentedPropertyTypeCodeSequence: [
        { CodeValue: LIVER.type.codeValue, CodingSchemeDesignator: 'SCT', CodeMeaning: 'Liver' },
      ],
      ...(s.trackingId ? { TrackingID: s.trackingId } : {}),
      ...(s.trackingUid ? { TrackingUID: s.trackingUid } : {}),
    })),
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }],
        PixelMeasuresSequence: [
          { PixelSpacing: [g.spacing[1], g.spacing[0]], SliceThickness: g.spacing[2] },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: o.frames.map((f) => ({
      ...(f.position !== null
        ? {
            PlanePositionSequence: [
              {
                ImagePositionPatient: f.position ?? [
                  g.origin[0],
                  g.origin[1],
                  g.origin[2] + f.k * g.spacing[2],
                ],
              },
            ],
          }
        : {}),
      ...(type !== 'LABELMAP'
        ? { SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment ?? 1 }] }
        : {}),
      ...(f.reference !== false
        ? {
            DerivationImageSequence: [
              {
                SourceImageSequence: [
                  {
                    ReferencedSOPClassUID: CT_STORAGE,
                    ReferencedSOPInstanceUID: instanceUidOf(f.k),
                  },
                ],
              },
            ],
          }
        : {}),
    })),
    ...(o.referencedSeries
      ? {
          ReferencedSeriesSequence: [
            {
              SeriesInstanceUID: `${ROOT}.2`,
              ReferencedInstanceSequence: [
                { ReferencedSOPClassUID: CT_STORAGE, ReferencedSOPInstanceUID: instanceUidOf(0) },
              ],
            },
          ],
        }
      : {}),
  };
  return { name: 'hand-built-seg.dcm', bytes: writeNaturalized(dataset, pixelBytes) };
}
