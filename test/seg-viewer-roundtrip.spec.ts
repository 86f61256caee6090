/**
 * The viewer's DICOM SEG path without the browser: the ingest worker's SEG requests
 * (src/datasource/segmentationRequests.ts) list and read a SEG onto its CT, the segment editor's
 * mappers turn it into segments and back into writer input, and the written SEG passes
 * `dciodvfy -new` and reads back voxel for voxel — for square and non-square pixels, reversed
 * instance order, shuffled frames and overlapping segments. Voxel counts are checked against
 * the fixture's own truth, computed from the shapes and not by the code under test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../src/dicom/index.ts';
import type { InputFile, IngestResult, Series } from '../src/dicom/types.ts';
import { writeSegmentation } from '../src/dicom/seg/index.ts';
import { createSegmentationRequests } from '../src/datasource/segmentationRequests.ts';
import { buildSegWriterInput } from '../src/segmentation/dicomSeg/buildSegWriterInput.ts';
import { segmentsFromSeg } from '../src/segmentation/dicomSeg/segmentsFromSeg.ts';
import { LIVER_SEGMENT_TYPES } from '../plugins/liver-lesion-review/domain/segmentTypes.ts';
import { ensureDciodvfy, validateDicomFile } from './support/dciodvfy.ts';
import { buildStudy, type Shape, type StudySpec } from './support/measureFixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'seg-viewer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHAPES: Shape[] = [
  { role: 'liver', label: 'Liver', centreMm: [-19, 1, -25], radiiMm: [34, 27, 20], hu: 110 },
  { role: 'spleen', label: 'Spleen', centreMm: [41, 11, -25], radiiMm: [11, 13, 11], hu: 96 },
  {
    role: 'lesion',
    label: 'L1 (segment VII)',
    centreMm: [-27, 5, -25],
    radiiMm: [8, 7, 6],
    hu: 48,
    trackingId: 'L1',
    trackingUid: '2.25.331',
  },
  { role: 'lesion', label: 'L2', centreMm: [-5, -8, -20], radiiMm: [5, 5, 4], hu: 48 },
];

const volumeOf = (result: IngestResult): Series =>
  result.patients[0]!.studies[0]!.series.find((s) => s.kind === 'volume')!;

function countLabels(labels: Uint8Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of labels) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Lists the one SEG of the CT and maps it onto the CT's grid, as the Load button does. */
function readTheSeg(files: InputFile[]) {
  const result = ingestFiles(files);
  const requests = createSegmentationRequests(() => result);
  const ct = volumeOf(result);
  const listed = requests.listFor(ct.id);
  if (!listed.ok) throw new Error(listed.error.message);
  expect(listed.value).toHaveLength(1);
  const file = listed.value[0]!;
  const read = requests.read(file.segSeriesId, file.sopInstanceUid, ct.id);
  if (!read.ok) throw new Error(read.error.message);
  return { requests, ct, file, imported: read.value };
}

describe('SEG load and export in the viewer', () => {
  it.each<[string, Partial<StudySpec>]>([
    ['square pixels', {}],
    [
      'non-square pixels, reversed instances',
      { pixelSpacingMm: [1.6, 2.2], reverseInstances: true },
    ],
    [
      'shuffled frames, liver drawn over the lesions',
      { seg: { shuffleFrames: true, liverIncludesLesions: true } },
    ],
  ])('reads a SEG onto its CT and writes it back voxel-identical: %s', (name, extra) => {
    const built = buildStudy({ study: 80, date: '20240725', shapes: SHAPES, ...extra });
    const { requests, ct, file, imported } = readTheSeg(built.files);
    expect(file.segmentLabels).toEqual(['Liver', 'Spleen', 'L1 (segment VII)', 'L2']);

    // Loaded: each segment's voxels are the truth's (lesions keep voxels the liver shares).
    const counts = countLabels(imported.labels);
    const segments = segmentsFromSeg(imported.segments, LIVER_SEGMENT_TYPES, () => '2.25.9');
    expect(segments.map((s) => counts.get(s.index) ?? 0)).toEqual(
      built.truth.map((t) => t.voxelCount),
    );
    expect(segments.map((s) => [s.typeId, s.trackingId])).toEqual([
      ['liver', null],
      ['spleen', null],
      ['lesion', 'L1'],
      ['lesion', 'L2'],
    ]);

    // Exported as the Export DICOM SEG button does, then validated and read back.
    const source = requests.describeSource(ct.id);
    if (!source.ok) throw new Error(source.error.message);
    const plan = buildSegWriterInput({
      segments,
      voxelCounts: counts,
      labels: imported.labels,
      dimensions: ct.geometry!.dimensions,
      segmentTypes: LIVER_SEGMENT_TYPES,
      source: source.value,
      identity: {
        seriesInstanceUid: '2.25.101',
        sopInstanceUid: '2.25.102',
        dimensionOrganizationUid: '2.25.103',
        createdAt: new Date(2024, 6, 26, 9, 30),
        softwareVersion: 'test',
      },
    });
    if (!plan.ok) throw new Error(plan.error.message);
    const written = writeSegmentation(plan.value.input);
    if (!written.ok) throw new Error(written.error.message);
    ensureDciodvfy();
    const path = join(dir, `${name.replace(/\W+/g, '_')}.dcm`);
    writeFileSync(path, written.value.bytes);
    const validation = validateDicomFile(path);
    expect(validation.errors, validation.output).toEqual([]);

    const again = readTheSeg([
      ...built.files.filter((f) => !f.name.endsWith('SEG.dcm')),
      { name: 'exported.dcm', bytes: written.value.bytes },
    ]);
    expect(again.file.sopInstanceUid).toBe('2.25.102');
    expect(Buffer.from(again.imported.labels).equals(Buffer.from(imported.labels))).toBe(true);
    expect(
      segmentsFromSeg(again.imported.segments, LIVER_SEGMENT_TYPES, () => '2.25.9').map((s) => [
        s.label,
        s.typeId,
        s.trackingId,
        s.trackingUid,
      ]),
    ).toEqual(segments.map((s) => [s.label, s.typeId, s.trackingId, s.trackingUid]));
  });

  it('copies the source study and patient into the description the export uses', () => {
    const built = buildStudy({ study: 81, date: '20240812', shapes: SHAPES });
    const result = ingestFiles(built.files);
    const source = createSegmentationRequests(() => result).describeSource(volumeOf(result).id);
    if (!source.ok) throw new Error(source.error.message);
    expect(source.value.patient).toEqual({
      name: 'TEST^MEASURE',
      id: 'P-MEASURE',
      birthDate: '19710314',
      sex: 'F',
    });
    expect(source.value.study).toMatchObject({
      date: '20240812',
      time: '100000',
      id: '81',
      accessionNumber: 'ACC81',
    });
    expect(source.value.source.studyInstanceUid).toBe(built.studyUid);
    expect(source.value.source.slices).toHaveLength(20);
  });

  it('refuses a series that is not loaded, and lists no SEG for a series without one', () => {
    const built = buildStudy({ study: 82, date: '20241007', shapes: SHAPES, seg: null });
    const result = ingestFiles(built.files);
    const requests = createSegmentationRequests(() => result);
    expect(requests.listFor(volumeOf(result).id)).toEqual({ ok: true, value: [] });
    const missing = requests.describeSource('nope');
    expect(missing.ok ? null : missing.error.code).toBe('SOURCE_NOT_FOUND');
  });
});
