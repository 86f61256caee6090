/**
 * SEG objects written by other tools come back as editable segments (issue 7): the viewer's
 * SEG path (src/datasource/segmentationRequests.ts over src/dicom/seg) reads them onto the
 * source CT voxel for voxel.
 *
 * - Peer BINARY SEG: @cornerstonejs/adapters 5.14.0 `generateSegmentation`, driven in Node as a
 *   cornerstone3D viewer drives it (cornerstone's metadata providers fed each CT file, images in
 *   the volume's slice order, labelmaps2D per slice), over an oblique CT with non-square pixels,
 *   non-zero origin and instances numbered against the slice order. Four segments in two
 *   labelmaps3D, so that segment 4 (a lesion) overlaps segment 1 (the liver) — the adapter
 *   writes one SEG segment per labelmap value, from several labelmaps.
 * - The same SEG with its frames (PerFrameFunctionalGroupsSequence items and pixel frames
 *   together) in a shuffled order.
 * - A FRACTIONAL SEG (neither the adapters nor dcmjs write a native one: the adapters' only
 *   FRACTIONAL output is legacy RLE, which the reader refuses as compressed), built from our
 *   writer's dataset with 8-bit frames, MaximumFractionalValue 255 and values 0 / 64 / 127 /
 *   128 / 255: a voxel belongs to its segment from 50 % up (value ≥ 127.5, so 128 is in and 127
 *   out), checked against masks made here from the shapes, not by the reader.
 *
 * The truth is the input labelmaps, painted here from ellipsoids in index space.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metaData } from '@cornerstonejs/core';
import { registerDefaultProviders, utilities as metadataUtilities } from '@cornerstonejs/metadata';
import { adaptersSEG } from '@cornerstonejs/adapters';
import dcmjs from 'dcmjs';
import type { NaturalDataset } from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../src/dicom/index.ts';
import type { InputFile, IngestResult, Series } from '../src/dicom/types.ts';
import {
  parseSegmentation,
  segmentationToLabelmap,
  segTargetFromSeries,
  writeSegmentation,
  type SegWriterSegment,
} from '../src/dicom/seg/index.ts';
import { writePart10 } from '../src/dicom/write/writePart10.ts';
import { createSegmentationRequests } from '../src/datasource/segmentationRequests.ts';
import { ensureDciodvfy, validateDicomFile } from './support/dciodvfy.ts';

const dir = mkdtempSync(join(tmpdir(), 'seg-foreign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---- The CT: oblique, non-square pixels, instance numbers against the slice order ----------

const COLUMNS = 41;
const ROWS = 33;
const SLICES = 17;
const PLANE = COLUMNS * ROWS;
const ROW_SPACING = 1.1; // between rows (PixelSpacing[0])
const COLUMN_SPACING = 0.8; // between columns (PixelSpacing[1])
const SLICE_SPACING = 2.5;
const ROOT = '1.2.826.0.1.3680043.10.1478.95';
const STUDY_UID = `${ROOT}.1`;
const SERIES_UID = `${ROOT}.1.2`;
const FRAME_OF_REFERENCE_UID = `${ROOT}.1.0.1`;
const CT_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

type V3 = [number, number, number];
const round6 = (n: number): number => Number(n.toFixed(6));
// Rotated 25° about z, then tilted 15° (as a gantry tilt reconstructs); cosines as written.
const A = (25 * Math.PI) / 180;
const B = (15 * Math.PI) / 180;
const ROW_COSINE: V3 = [round6(Math.cos(A)), round6(Math.sin(A)), 0];
const COLUMN_COSINE: V3 = [
  round6(-Math.sin(A) * Math.cos(B)),
  round6(Math.cos(A) * Math.cos(B)),
  round6(Math.sin(B)),
];
const NORMAL: V3 = [
  ROW_COSINE[1] * COLUMN_COSINE[2] - ROW_COSINE[2] * COLUMN_COSINE[1],
  ROW_COSINE[2] * COLUMN_COSINE[0] - ROW_COSINE[0] * COLUMN_COSINE[2],
  ROW_COSINE[0] * COLUMN_COSINE[1] - ROW_COSINE[1] * COLUMN_COSINE[0],
];
const ORIGIN: V3 = [-31.7, 12.3, -84.5];
/** Slice k (grid order, ascending along the normal) is instance SLICES − k. */
const instanceOf = (k: number): number => SLICES - k;
const uidOfSlice = (k: number): string => `${SERIES_UID}.${instanceOf(k)}`;

function ctFiles(): InputFile[] {
  const files: InputFile[] = [];
  for (let k = 0; k < SLICES; k++) {
    const position = ORIGIN.map((o, a) => round6(o + k * SLICE_SPACING * NORMAL[a]!));
    const hu = new Int16Array(PLANE);
    for (let p = 0; p < PLANE; p++) hu[p] = ((p * 7 + k * 13) % 200) - 100;
    const dataset: NaturalDataset = {
      SOPClassUID: CT_STORAGE,
      SOPInstanceUID: uidOfSlice(k),
      PatientName: 'TEST^FOREIGN',
      PatientID: 'P-FOREIGN',
      PatientBirthDate: '19650402',
      PatientSex: 'M',
      StudyInstanceUID: STUDY_UID,
      StudyDate: '20250301',
      StudyTime: '081500',
      StudyID: '7',
      AccessionNumber: 'ACC7',
      ReferringPhysicianName: '',
      Modality: 'CT',
      SeriesInstanceUID: SERIES_UID,
      SeriesNumber: 3,
      SeriesDescription: 'Oblique abdomen',
      InstanceNumber: instanceOf(k),
      FrameOfReferenceUID: FRAME_OF_REFERENCE_UID,
      PositionReferenceIndicator: '',
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: ROWS,
      Columns: COLUMNS,
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      PixelSpacing: [ROW_SPACING, COLUMN_SPACING],
      ImageOrientationPatient: [...ROW_COSINE, ...COLUMN_COSINE],
      ImagePositionPatient: position,
      SliceThickness: SLICE_SPACING,
      RescaleIntercept: 0,
      RescaleSlope: 1,
      PixelData: hu.buffer,
      _vrMap: { PixelData: 'OW' },
    };
    files.push({ name: `ct/IM${instanceOf(k)}.dcm`, bytes: new Uint8Array(writePart10(dataset)) });
  }
  // Not in slice order: by name, so instance 1 (the last slice) first.
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

// ---- The segments: ellipsoids in index space --------------------------------------------------

interface Ellipsoid {
  centre: V3;
  radii: V3;
}
const inside = (e: Ellipsoid, i: number, j: number, k: number): boolean =>
  ((i - e.centre[0]) / e.radii[0]) ** 2 +
    ((j - e.centre[1]) / e.radii[1]) ** 2 +
    ((k - e.centre[2]) / e.radii[2]) ** 2 <=
  1;
const LIVER: Ellipsoid = { centre: [17, 16, 8], radii: [13, 11, 6.5] };
const SPLEEN: Ellipsoid = { centre: [35, 9, 9], radii: [4, 5, 3] };
const LESION_1: Ellipsoid = { centre: [13, 18, 7], radii: [3.5, 3, 2.2] }; // inside the liver
const LESION_2: Ellipsoid = { centre: [28, 22, 10], radii: [4, 4, 3] }; // across its edge

/** Labelmap A (segments 1–3, the lesion painted over the liver) and B (segment 4). */
function labelmaps(): { a: Uint8Array; b: Uint8Array } {
  const a = new Uint8Array(PLANE * SLICES);
  const b = new Uint8Array(PLANE * SLICES);
  for (let k = 0; k < SLICES; k++)
    for (let j = 0; j < ROWS; j++)
      for (let i = 0; i < COLUMNS; i++) {
        const v = k * PLANE + j * COLUMNS + i;
        if (inside(LIVER, i, j, k)) a[v] = 1;
        if (inside(SPLEEN, i, j, k)) a[v] = 2;
        if (inside(LESION_1, i, j, k)) a[v] = 3;
        if (inside(LESION_2, i, j, k)) b[v] = 4;
      }
  return { a, b };
}

const CODES = {
  organ: {
    CodeValue: '123037004',
    CodingSchemeDesignator: 'SCT',
    CodeMeaning: 'Anatomical Structure',
  },
  altered: {
    CodeValue: '49755003',
    CodingSchemeDesignator: 'SCT',
    CodeMeaning: 'Morphologically Altered Structure',
  },
  liver: { CodeValue: '10200004', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Liver' },
  spleen: { CodeValue: '78961009', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Spleen' },
  lesion: { CodeValue: '52988006', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Lesion' },
};
const SEGMENTS = [
  { index: 1, label: 'Liver', category: CODES.organ, type: CODES.liver },
  { index: 2, label: 'Spleen', category: CODES.organ, type: CODES.spleen },
  { index: 3, label: 'Lesion 1', category: CODES.altered, type: CODES.lesion, tracking: 'L1' },
  { index: 4, label: 'Lesion 2', category: CODES.altered, type: CODES.lesion, tracking: 'L2' },
];

// ---- The peer: cornerstone3D's adapters ---------------------------------------------------

interface Labelmap2D {
  segmentsOnLabelmap: number[];
  pixelData: Uint8Array;
  rows: number;
  columns: number;
}
interface Labelmap3D {
  labelmaps2D: Labelmap2D[];
  metadata: Array<Record<string, unknown> | undefined>;
}
const dcmjsData = dcmjs.data as unknown as {
  datasetToDict(dataset: object): { write(): ArrayBuffer };
};

/** labelmaps2D in slice order (slice k with images[k]), the segments' metadata as OHIF sets it. */
function peerLabelmap(labels: Uint8Array, segmentIndices: number[]): Labelmap3D {
  const labelmaps2D: Labelmap2D[] = [];
  for (let k = 0; k < SLICES; k++) {
    const pixelData = labels.subarray(k * PLANE, (k + 1) * PLANE);
    const present = [...new Set(pixelData)].filter((v) => v !== 0);
    if (present.length > 0)
      labelmaps2D[k] = { segmentsOnLabelmap: present, pixelData, rows: ROWS, columns: COLUMNS };
  }
  const metadata: Labelmap3D['metadata'] = [];
  for (const s of SEGMENTS.filter((s) => segmentIndices.includes(s.index)))
    metadata[s.index] = {
      SegmentNumber: String(s.index),
      SegmentLabel: s.label,
      SegmentAlgorithmType: 'MANUAL',
      SegmentedPropertyCategoryCodeSequence: s.category,
      SegmentedPropertyTypeCodeSequence: s.type,
      ...(s.tracking ? { TrackingID: s.tracking, TrackingUID: `2.25.${700 + s.index}` } : {}),
    };
  return { labelmaps2D, metadata };
}

/** The peer's SEG of labelmaps A and B over the CT (Part 10 bytes, as `datasetToBlob` writes). */
async function peerSeg(files: InputFile[], ct: Series, a: Uint8Array, b: Uint8Array) {
  registerDefaultProviders();
  const byUid = new Map(files.map((f) => [f.name, f]));
  const images = [];
  for (const [k, frame] of ct.frames.entries()) {
    const uid = frame.instance.sopInstanceUid;
    const file = byUid.get(frame.instance.file);
    if (!file) throw new Error(`no file for ${uid}`);
    const imageId = `segforeign:${uid}`;
    await metadataUtilities.addDicomPart10Instance(imageId, file.bytes);
    const scalars = new Int16Array(PLANE).fill(k);
    images.push({ imageId, voxelManager: { getScalarData: () => scalars } });
  }
  const generated = adaptersSEG.Cornerstone3D.Segmentation.generateSegmentation(
    images,
    [peerLabelmap(a, [1, 2, 3]), peerLabelmap(b, [4])],
    metaData,
  ) as { dataset: object };
  return new Uint8Array(dcmjsData.datasetToDict(generated.dataset).write());
}

const PADDED_WARNING =
  'SEG frames are each padded to whole bytes (PS3.5 8.1.1 packs them back to back); read frame by frame';

function readNatural(bytes: Uint8Array): NaturalDataset {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(
    dcmjs.data.DicomMessage.readFile(buffer as ArrayBuffer).dict,
  );
}

/**
 * The peer's SEG with its frames in a shuffled order: PerFrameFunctionalGroupsSequence items and
 * pixel frames moved together, each frame kept in the peer's layout (padded to whole bytes).
 */
function shufflePeerFrames(bytes: Uint8Array): Uint8Array {
  const ds = readNatural(bytes);
  const items = ds['PerFrameFunctionalGroupsSequence'] as unknown[];
  const pixels = new Uint8Array((ds['PixelData'] as ArrayBuffer[])[0]!);
  const frameBytes = Math.ceil(PLANE / 8);
  const order = items.map((_, i) => i);
  let seed = 2024;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out = new Uint8Array(pixels.length);
  order.forEach((from, to) =>
    out.set(pixels.subarray(from * frameBytes, (from + 1) * frameBytes), to * frameBytes),
  );
  const shuffled: NaturalDataset = {
    ...ds,
    PerFrameFunctionalGroupsSequence: order.map((i) => items[i]),
    PixelData: out.buffer,
    _vrMap: { PixelData: 'OW' },
  };
  delete shuffled['_meta'];
  return new Uint8Array(writePart10(shuffled));
}

// ---- Reading as the viewer does ---------------------------------------------------------------

const volumeOf = (result: IngestResult): Series =>
  result.patients[0]!.studies[0]!.series.find((s) => s.kind === 'volume')!;

/** The Load SEG path: list the CT's SEGs and map the one SEG onto the CT's grid. */
function importAsViewer(ctFiles: InputFile[], seg: Uint8Array) {
  const result = ingestFiles([...ctFiles, { name: 'seg/SEG.dcm', bytes: seg }]);
  const requests = createSegmentationRequests(() => result);
  const ct = volumeOf(result);
  const listed = requests.listFor(ct.id);
  if (!listed.ok) throw new Error(listed.error.message);
  expect(listed.value).toHaveLength(1);
  const summary = listed.value[0]!;
  const read = requests.read(summary.segSeriesId, summary.sopInstanceUid, ct.id);
  if (!read.ok) throw new Error(read.error.message);
  return { ct, summary, imported: read.value };
}

/** Segment number of each of our segment indices, by label (the writer numbers its own way). */
function numbersByLabel(segments: ReadonlyArray<{ segmentNumber: number; label: string }>) {
  return new Map(
    SEGMENTS.map((s) => [s.index, segments.find((d) => d.label === s.label)?.segmentNumber]),
  );
}

/** Voxels where (labels === number) differs from (truth === index). */
function differing(labels: Uint8Array, number: number, truth: Uint8Array, index: number): number {
  let n = 0;
  for (let v = 0; v < labels.length; v++) if ((labels[v] === number) !== (truth[v] === index)) n++;
  return n;
}

/** The labelmap the viewer should show: A, with lesion 2 over the liver (findings over organs). */
function expectedViewerLabels(
  a: Uint8Array,
  b: Uint8Array,
  numbers: Map<number, number | undefined>,
) {
  const out = new Uint8Array(a.length);
  for (let v = 0; v < a.length; v++) {
    const index = b[v] ? 4 : a[v]!;
    out[v] = index ? numbers.get(index)! : 0;
  }
  return out;
}

/** Every segment voxel for voxel, overlapped ones included: each segment read with top priority. */
function expectEverySegmentExact(seg: Uint8Array, ct: Series, a: Uint8Array, b: Uint8Array) {
  const parsed = parseSegmentation({ name: 'seg', bytes: seg });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const numbers = numbersByLabel(parsed.value.segments);
  const grid = segTargetFromSeries(ct)!;
  for (const s of SEGMENTS) {
    const number = numbers.get(s.index)!;
    const mapped = segmentationToLabelmap(parsed.value, grid, {
      priority: (d) => (d.segmentNumber === number ? 1 : 0),
    });
    if (!mapped.ok) throw new Error(mapped.error.message);
    const truth = s.index === 4 ? b : a;
    expect(differing(mapped.value.labels, number, truth, s.index), s.label).toBe(0);
  }
}

const count = (labels: Uint8Array, value: number): number =>
  labels.reduce((n, v) => n + (v === value ? 1 : 0), 0);

describe('SEG written by other tools, imported as editable segments', () => {
  let files: InputFile[];
  let ct: Series;
  let a: Uint8Array;
  let b: Uint8Array;
  let peer: Uint8Array;
  let overlap: number;

  beforeAll(async () => {
    files = ctFiles();
    ct = volumeOf(ingestFiles(files));
    ({ a, b } = labelmaps());
    overlap = 0;
    for (let v = 0; v < a.length; v++) if (a[v] === 1 && b[v] === 4) overlap++;
    peer = await peerSeg(files, ct, a, b);
  });

  it('the fixture is what it claims: oblique CT, four non-empty segments, 1 and 4 overlapping', () => {
    expect(ct.geometry?.dimensions).toEqual([COLUMNS, ROWS, SLICES]);
    expect(ct.geometry?.direction[2]).toBe(0);
    expect(Math.abs(ct.geometry!.direction[5]!)).toBeGreaterThan(0.2); // tilted columns
    expect(ct.geometry?.spacing.map((s) => Number(s.toFixed(3)))).toEqual([
      COLUMN_SPACING,
      ROW_SPACING,
      SLICE_SPACING,
    ]);
    // Grid slice 0 is instance 17: instance numbers run against the slice order.
    expect(ct.frames[0]!.instance.sopInstanceUid).toBe(uidOfSlice(0));
    for (const index of [1, 2, 3]) expect(count(a, index)).toBeGreaterThan(20);
    expect(count(b, 4)).toBeGreaterThan(20);
    expect(overlap).toBeGreaterThan(10);
    expect(overlap).toBeLessThan(count(b, 4)); // lesion 2 crosses the liver's edge
  });

  it('reads the peer BINARY SEG (4 segments, two overlapping) voxel for voxel', () => {
    const parsed = parseSegmentation({ name: 'peer', bytes: peer });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.segmentationType).toBe('BINARY');
    expect(parsed.value.segments.map((s) => s.label)).toEqual(SEGMENTS.map((s) => s.label));
    // 41 × 33 = 1353 bits a frame: the peer pads each frame to 170 bytes (PS3.5 8.1.1 would
    // pack them back to back); its PixelData length says so, and the reader follows.
    const frames = parsed.value.frames.length;
    expect(parsed.value.pixelData.byteLength).toBe(frames * Math.ceil(PLANE / 8));
    expect(parsed.value.binaryFrameStrideBits).toBe(Math.ceil(PLANE / 8) * 8);

    const { summary, imported } = importAsViewer(files, peer);
    expect(summary.segmentationType).toBe('BINARY');
    const numbers = numbersByLabel(imported.segments);
    const expected = expectedViewerLabels(a, b, numbers);
    expect(Buffer.from(imported.labels).equals(Buffer.from(expected))).toBe(true);
    expect(imported.warnings).toContain(
      `segments overlap: ${overlap} voxel(s) of segment ${numbers.get(1)} are kept in segment ${numbers.get(4)}`,
    );
    expect(imported.warnings).toContain(PADDED_WARNING);
    // Codes come through (dcmjs's SegmentSequence copy drops TrackingID / TrackingUID).
    expect(
      imported.segments.map((s) => [s.label, s.category?.codeValue, s.type?.codeValue]),
    ).toEqual(SEGMENTS.map((s) => [s.label, s.category.CodeValue, s.type.CodeValue]));
    expectEverySegmentExact(peer, ct, a, b);
  });

  it('reads the peer SEG with its frames shuffled voxel for voxel', () => {
    const shuffled = shufflePeerFrames(peer);
    const before = parseSegmentation({ name: 'peer', bytes: peer });
    const after = parseSegmentation({ name: 'shuffled', bytes: shuffled });
    if (!before.ok || !after.ok) throw new Error('unreadable');
    const key = (f: (typeof after.value.frames)[number]) =>
      `${f.segmentNumber}|${f.sourceImages[0]?.sopInstanceUid}`;
    const order = after.value.frames.map(key);
    expect(order).not.toEqual(before.value.frames.map(key));
    expect([...order].sort()).toEqual(before.value.frames.map(key).sort());

    const { imported } = importAsViewer(files, shuffled);
    const expected = expectedViewerLabels(a, b, numbersByLabel(imported.segments));
    expect(Buffer.from(imported.labels).equals(Buffer.from(expected))).toBe(true);
    expectEverySegmentExact(shuffled, ct, a, b);
  });

  it('reads our own BINARY SEG on the same grid (frames not byte-aligned) voxel for voxel', () => {
    const { binary } = ourSegs(files, ct, a);
    const parsed = parseSegmentation({ name: 'ours', bytes: binary });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.binaryFrameStrideBits).toBe(PLANE);
    expect(parsed.value.pixelData.byteLength).toBeLessThan(
      parsed.value.frames.length * Math.ceil(PLANE / 8),
    );
    const { imported } = importAsViewer(files, binary);
    expect(imported.warnings).toEqual([]);
    const numbers = numbersByLabel(imported.segments);
    for (const s of SEGMENTS.slice(0, 3))
      expect(differing(imported.labels, numbers.get(s.index)!, a, s.index), s.label).toBe(0);
  });

  it('reads a FRACTIONAL SEG: a voxel is in its segment from 50 % (128 of 255) up', () => {
    const { fractional, expected, probes } = ourSegs(files, ct, a);
    ensureDciodvfy();
    const path = join(dir, 'fractional.dcm');
    writeFileSync(path, fractional);
    const validation = validateDicomFile(path);
    expect(validation.errors, validation.output).toEqual([]);

    // The frames hold every value class, in and out of the segment.
    expect(probes).toEqual({ in255: true, in128: true, out127: true, out64: true });
    const { summary, imported } = importAsViewer(files, fractional);
    expect(summary.segmentationType).toBe('FRACTIONAL');
    const numbers = numbersByLabel(imported.segments);
    for (const s of SEGMENTS.slice(0, 3))
      expect(differing(imported.labels, numbers.get(s.index)!, expected, s.index), s.label).toBe(0);
    expect(
      imported.labels.some((v) => v !== 0 && ![1, 2, 3].map((i) => numbers.get(i)).includes(v)),
    ).toBe(false);
  });
});

// ---- The FRACTIONAL SEG -------------------------------------------------------------------------

/**
 * Our writer's binary SEG of labelmap A, and the same turned FRACTIONAL: 8-bit frames (same frames, same
 * functional groups), MaximumFractionalValue 255, PROBABILITY. In a segment's frame a voxel of
 * the segment holds 255, or 128 on its in-plane edge; a voxel outside it next to it in-plane
 * holds 127 on even columns and 64 on odd ones; all others 0.
 */
function ourSegs(ctFiles: InputFile[], ct: Series, a: Uint8Array) {
  const result = ingestFiles(ctFiles);
  const source = createSegmentationRequests(() => result).describeSource(volumeOf(result).id);
  if (!source.ok) throw new Error(source.error.message);
  const segments: SegWriterSegment[] = SEGMENTS.slice(0, 3).map((s) => ({
    labelValue: s.index,
    label: s.label,
    category: {
      codeValue: s.category.CodeValue,
      codingSchemeDesignator: 'SCT',
      codeMeaning: s.category.CodeMeaning,
    },
    type: {
      codeValue: s.type.CodeValue,
      codingSchemeDesignator: 'SCT',
      codeMeaning: s.type.CodeMeaning,
    },
    algorithmType: 'MANUAL',
  }));
  const written = writeSegmentation({
    grid: source.value.grid,
    labels: a,
    segments,
    source: source.value.source,
    patient: source.value.patient,
    study: source.value.study,
    segmentation: {
      seriesInstanceUid: `${ROOT}.9`,
      sopInstanceUid: `${ROOT}.9.1`,
      dimensionOrganizationUid: `${ROOT}.9.0.1`,
      seriesNumber: 90,
      instanceNumber: 1,
      seriesDescription: 'Fractional test SEG',
      contentLabel: 'FRACTIONAL',
      contentDate: '20250302',
      contentTime: '120000',
    },
    equipment: {
      manufacturer: 'test',
      modelName: 'test',
      deviceSerialNumber: '1',
      softwareVersions: '1',
    },
  });
  if (!written.ok) throw new Error(written.error.message);
  const bytes = written.value.bytes;
  const ds = readNatural(bytes);
  const items = ds['PerFrameFunctionalGroupsSequence'] as Array<Record<string, unknown>>;
  const uidToSlice = new Map(ct.frames.map((f, k) => [f.instance.sopInstanceUid, k]));
  const pixels = new Uint8Array(items.length * PLANE);
  const expected = new Uint8Array(a.length);
  const probes = { in255: false, in128: false, out127: false, out64: false };
  const at = (k: number, i: number, j: number) =>
    i < 0 || j < 0 || i >= COLUMNS || j >= ROWS ? 0 : a[k * PLANE + j * COLUMNS + i]!;
  items.forEach((item, f) => {
    const segmentNumber = (
      item['SegmentIdentificationSequence'] as Array<Record<string, number>>
    )[0]!['ReferencedSegmentNumber']!;
    const value = segments[segmentNumber - 1]!.labelValue;
    const derivation = (item['DerivationImageSequence'] as Array<Record<string, unknown>>)[0]!;
    const uid = (derivation['SourceImageSequence'] as Array<Record<string, string>>)[0]![
      'ReferencedSOPInstanceUID'
    ]!;
    const k = uidToSlice.get(uid)!;
    for (let j = 0; j < ROWS; j++)
      for (let i = 0; i < COLUMNS; i++) {
        const p = j * COLUMNS + i;
        const neighbours = [at(k, i - 1, j), at(k, i + 1, j), at(k, i, j - 1), at(k, i, j + 1)];
        let raw = 0;
        if (at(k, i, j) === value) {
          const edge = neighbours.some((n) => n !== value);
          raw = edge ? 128 : 255;
          probes[edge ? 'in128' : 'in255'] = true;
          expected[k * PLANE + p] = value;
        } else if (neighbours.includes(value)) {
          raw = i % 2 === 0 ? 127 : 64;
          probes[i % 2 === 0 ? 'out127' : 'out64'] = true;
        }
        pixels[f * PLANE + p] = raw;
      }
  });
  const out: NaturalDataset = {
    ...ds,
    SegmentationType: 'FRACTIONAL',
    SegmentationFractionalType: 'PROBABILITY',
    MaximumFractionalValue: 255,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelData: pixels.buffer,
    _vrMap: { PixelData: 'OB' },
  };
  delete out['_meta'];
  return { binary: bytes, fractional: new Uint8Array(writePart10(out)), expected, probes };
}
