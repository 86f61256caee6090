import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingestFiles.ts';
import type { IngestResult, Series, Vec3 } from '../types.ts';
import {
  makeSeg,
  makeSeries,
  makeSlice,
  makeSr,
  shuffled,
  uid,
  type SliceOptions,
} from './fixtures.ts';

const CORONAL = [1, 0, 0, 0, 0, -1] as const;
const SAGITTAL = [0, 1, 0, 0, 0, -1] as const;

function allSeries(result: IngestResult): Series[] {
  return result.patients.flatMap((patient) => patient.studies.flatMap((study) => study.series));
}

function seriesById(result: IngestResult, id: string): Series {
  const found = allSeries(result).find((series) => series.id === id);
  if (!found)
    throw new Error(
      `no series ${id}; have ${allSeries(result)
        .map((s) => s.id)
        .join(', ')}`,
    );
  return found;
}

const zPositions = (...z: number[]): Vec3[] => z.map((value) => [0, 0, value]);

describe('ingestFiles', () => {
  it('groups patient → studies sorted by date → series', () => {
    const later = uid();
    const earlier = uid();
    const files = [
      ...makeSeries(zPositions(0, 2), { studyUid: later, studyDate: '20240301', seriesNumber: 5 }),
      ...makeSeries(zPositions(0, 2), { studyUid: later, studyDate: '20240301', seriesNumber: 3 }),
      ...makeSeries(zPositions(0, 2), { studyUid: earlier, studyDate: '20231224' }),
    ];
    const result = ingestFiles(files);
    expect(result.rejected).toEqual([]);
    expect(result.patients).toHaveLength(1);
    const studies = result.patients[0]?.studies ?? [];
    expect(studies.map((study) => [study.studyInstanceUid, study.date])).toEqual([
      [earlier, '2023-12-24'],
      [later, '2024-03-01'],
    ]);
    expect(studies[1]?.series.map((series) => series.number)).toEqual([3, 5]);
  });

  it('sorts reversed, shuffled slices by position, not by file order or InstanceNumber', () => {
    // Positions decrease while InstanceNumber increases: instance 1 is at z = 10.
    const files = shuffled(makeSeries(zPositions(10, 8, 6, 4, 2)));
    const [series] = allSeries(ingestFiles(files));
    expect(series?.kind).toBe('volume');
    expect(series?.frames.map((frame) => frame.instance.instanceNumber)).toEqual([5, 4, 3, 2, 1]);
    expect(series?.geometry?.slicePositionsMm).toEqual([2, 4, 6, 8, 10]);
    expect(series?.geometry?.origin).toEqual([0, 0, 2]);
    expect(series?.instances.map((instance) => instance.instanceNumber)).toEqual([5, 4, 3, 2, 1]);
  });

  it('puts a localizer of its own series in a localizer series', () => {
    const volumeUid = uid();
    const localizerUid = uid();
    const files = [
      ...makeSeries(zPositions(0, 2, 4), { seriesUid: volumeUid }),
      makeSlice({
        seriesUid: localizerUid,
        imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'],
        orientation: [...CORONAL],
        seriesNumber: 1,
      }),
    ];
    const result = ingestFiles(files);
    expect(seriesById(result, localizerUid).kind).toBe('localizer');
    expect(seriesById(result, volumeUid).frames).toHaveLength(3);
  });

  it('splits a localizer sharing the series UID out of the volume', () => {
    const seriesUid = uid();
    const files = shuffled([
      ...makeSeries(zPositions(0, 2, 4, 6), { seriesUid }),
      makeSlice({
        seriesUid,
        instanceNumber: 99,
        imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'],
        orientation: [...CORONAL],
        position: [0, 0, 3],
      }),
    ]);
    const result = ingestFiles(files);
    const volume = seriesById(result, seriesUid);
    expect(volume.kind).toBe('volume');
    expect(volume.frames.map((frame) => frame.positionMm)).toEqual([0, 2, 4, 6]);
    const localizer = seriesById(result, `${seriesUid}:localizer`);
    expect(localizer.kind).toBe('localizer');
    expect(localizer.instances[0]?.instanceNumber).toBe(99);
    expect(
      result.warnings.some((w) => w.code === 'LOCALIZER_SEPARATED' && w.seriesId === localizer.id),
    ).toBe(true);
  });

  it('treats one image in another plane inside an axial series as a localizer even without ImageType', () => {
    const seriesUid = uid();
    const files = [
      ...makeSeries(zPositions(0, 2, 4), { seriesUid }),
      makeSlice({ seriesUid, orientation: [...SAGITTAL], instanceNumber: 50 }),
    ];
    const result = ingestFiles(files);
    expect(seriesById(result, seriesUid).frames).toHaveLength(3);
    const localizer = seriesById(result, `${seriesUid}:localizer`);
    expect(localizer.instances[0]?.isLocalizer).toBe(true);
  });

  it('relabels a stand-alone single image in another plane of the same frame of reference as a localizer', () => {
    const scoutUid = uid();
    const result = ingestFiles([
      ...makeSeries(zPositions(0, 2, 4)),
      makeSlice({ seriesUid: scoutUid, orientation: [...CORONAL] }),
    ]);
    expect(seriesById(result, scoutUid).kind).toBe('localizer');
  });

  it('rejects garbage files one by one and still loads the rest', () => {
    const seriesUid = uid();
    const good = makeSeries(zPositions(0, 2, 4, 6), { seriesUid, rows: 8, columns: 8 });
    const victim = good.splice(2, 1)[0];
    if (!victim) throw new Error('fixture');
    let seed = 12345;
    const random = Uint8Array.from(
      { length: 4096 },
      () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23,
    );
    const files = [
      ...good,
      { name: 'notes.txt', bytes: new TextEncoder().encode('not an image\n'.repeat(30)) },
      { name: 'empty.dcm', bytes: new Uint8Array(0) },
      {
        name: 'logo.png',
        bytes: Uint8Array.from([
          0x89,
          0x50,
          0x4e,
          0x47,
          0x0d,
          0x0a,
          0x1a,
          0x0a,
          ...new Array<number>(300).fill(1),
        ]),
      },
      { name: 'cut.dcm', bytes: victim.bytes.subarray(0, victim.bytes.length - 50) },
      { name: 'noise.bin', bytes: random },
    ];
    const result = ingestFiles(files);
    expect(result.rejected.map((r) => [r.file, r.error.code])).toEqual([
      ['notes.txt', 'NOT_DICOM'],
      ['empty.dcm', 'NOT_DICOM'],
      ['logo.png', 'NOT_DICOM'],
      ['cut.dcm', 'TRUNCATED'],
      ['noise.bin', 'NOT_DICOM'],
    ]);
    const series = seriesById(result, seriesUid);
    expect(series.kind).toBe('volume');
    expect(series.frames.map((frame) => frame.positionMm)).toEqual([0, 2, 6]);
    expect(series.warnings.join(' ')).toContain('cut.dcm (TRUNCATED)');
    expect(series.geometry?.spacingIrregular).toBe(true);
  });

  it('keeps SEG and SR objects out of image volumes, even under the image series UID', () => {
    const seriesUid = uid();
    const segUid = uid();
    const srUid = uid();
    const result = ingestFiles([
      ...makeSeries(zPositions(0, 2, 4), { seriesUid }),
      makeSeg(segUid),
      makeSr(srUid),
      makeSeg(seriesUid),
    ]);
    expect(seriesById(result, segUid)).toMatchObject({ kind: 'seg', frames: [], geometry: null });
    expect(seriesById(result, srUid)).toMatchObject({ kind: 'sr', frames: [] });
    expect(seriesById(result, `${seriesUid}:seg`).kind).toBe('seg');
    const volume = seriesById(result, seriesUid);
    expect(volume.frames).toHaveLength(3);
    expect(volume.instances.every((instance) => instance.kind === 'image')).toBe(true);
  });

  it('drops a repeated SOP instance with a warning', () => {
    const files = makeSeries(zPositions(0, 2, 4));
    const copy = files[1];
    if (!copy) throw new Error('fixture');
    const result = ingestFiles([...files, { name: 'copy-of-1.dcm', bytes: copy.bytes }]);
    expect(allSeries(result)[0]?.frames).toHaveLength(3);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'DUPLICATE_INSTANCE', file: 'copy-of-1.dcm' }),
    );
  });

  it('splits two echoes at the same positions into two volumes', () => {
    const seriesUid = uid();
    const files = [10, 80].flatMap((echoTime) =>
      makeSeries(zPositions(0, 3, 6), { seriesUid, echoTime, modality: 'MR' }),
    );
    const result = ingestFiles(shuffled(files));
    const first = seriesById(result, `${seriesUid}:EchoTime=10`);
    const second = seriesById(result, `${seriesUid}:EchoTime=80`);
    for (const series of [first, second]) {
      expect(series.kind).toBe('volume');
      expect(series.geometry?.slicePositionsMm).toEqual([0, 3, 6]);
    }
    expect(first.frames.every((frame) => frame.attributes.echoTimeMs === 10)).toBe(true);
    expect(first.description).toContain('EchoTime=10');
  });

  it('keeps frames at repeated positions that nothing tells apart as a stack', () => {
    const seriesUid = uid();
    const files = [
      ...makeSeries(zPositions(0, 3, 6), { seriesUid }),
      makeSlice({ seriesUid, position: [0, 0, 3], instanceNumber: 9 }),
    ];
    const result = ingestFiles(files);
    const series = seriesById(result, seriesUid);
    expect(series.kind).toBe('stack');
    expect(series.geometry).toBeNull();
    expect(series.frames).toHaveLength(4);
    expect(result.warnings.some((w) => w.code === 'DUPLICATE_POSITION')).toBe(true);
  });

  it('splits frames of different sizes sharing one series UID', () => {
    const seriesUid = uid();
    const files = [
      ...makeSeries(zPositions(0, 2, 4), { seriesUid }),
      ...makeSeries(zPositions(0, 5), { seriesUid, rows: 6, columns: 6 }),
    ];
    const result = ingestFiles(files);
    expect(seriesById(result, seriesUid).geometry?.dimensions).toEqual([4, 4, 3]);
    expect(seriesById(result, `${seriesUid}:part2`).geometry?.dimensions).toEqual([6, 6, 2]);
    expect(result.warnings.some((w) => w.code === 'MIXED_GEOMETRY')).toBe(true);
  });

  it('orders frames without positions by InstanceNumber as a stack', () => {
    const seriesUid = uid();
    const files = [3, 1, 2].map((n) => makeSlice({ seriesUid, instanceNumber: n, position: null }));
    const series = seriesById(ingestFiles(files), seriesUid);
    expect(series.kind).toBe('stack');
    expect(series.frames.map((frame) => frame.instance.instanceNumber)).toEqual([1, 2, 3]);
  });

  it('makes a single-slice series a single with a one-slice geometry', () => {
    const seriesUid = uid();
    const series = seriesById(
      ingestFiles([makeSlice({ seriesUid, sliceThickness: 5 })]),
      seriesUid,
    );
    expect(series.kind).toBe('single');
    expect(series.geometry?.dimensions).toEqual([4, 4, 1]);
    expect(series.geometry?.sliceSpacingMm).toBe(5);
  });

  it('returns empty results for no files', () => {
    expect(ingestFiles([])).toEqual({ patients: [], rejected: [], warnings: [] });
  });
});

describe('ingestFiles with colour and classic multi-frame images', () => {
  it('keeps RGB images as single/stack without building a volume', () => {
    const rgb: SliceOptions = {
      samplesPerPixel: 3,
      bitsAllocated: 8,
      pixelRepresentation: 0,
      rows: 2,
      columns: 2,
    };
    const stackUid = uid();
    const singleUid = uid();
    const result = ingestFiles([
      ...makeSeries(
        [
          [0, 0, 0],
          [0, 0, 1],
        ],
        { ...rgb, seriesUid: stackUid },
      ),
      makeSlice({ ...rgb, seriesUid: singleUid }),
    ]);
    expect(result.rejected).toEqual([]);
    expect(seriesById(result, stackUid)).toMatchObject({ kind: 'stack', geometry: null });
    expect(seriesById(result, singleUid).kind).toBe('single');
    expect(seriesById(result, singleUid).instances[0]?.photometricInterpretation).toBe('RGB');
  });

  it('keeps a classic multi-frame image (no per-frame positions) as a stack in frame order', () => {
    const seriesUid = uid();
    const file = makeSlice({
      seriesUid,
      frames: 3,
      rows: 2,
      columns: 2,
      pixels: new Array<number>(12).fill(1),
    });
    const series = seriesById(ingestFiles([file]), seriesUid);
    expect(series.kind).toBe('stack');
    expect(series.frames.map((frame) => frame.frameIndex)).toEqual([0, 1, 2]);
    expect(series.instances[0]?.imagePositionPatient).toEqual([0, 0, 0]);
  });
});
