import { describe, expect, it } from 'vitest';
import { parseInstance } from '../parseInstance.ts';
import type { InputFile, ParsedInstance } from '../types.ts';
import { makeEnhancedCt, makeSeg, makeSlice, makeSr } from './fixtures.ts';

function parsed(file: InputFile): ParsedInstance {
  const result = parseInstance(file);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(file: InputFile) {
  const result = parseInstance(file);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('parseInstance', () => {
  it('reads identity, dates as ISO and display attributes', () => {
    const instance = parsed(
      makeSlice({
        instanceNumber: 7,
        seriesNumber: 3,
        studyDate: '20231224',
        studyTime: '081502.5',
      }),
    );
    expect(instance.patient).toEqual({
      id: 'P-001',
      name: 'Test^Patient',
      birthDate: '1960-01-01',
      sex: 'F',
    });
    expect(instance.study.date).toBe('2023-12-24');
    expect(instance.study.time).toBe('08:15:02.5');
    expect(instance.series).toMatchObject({
      number: 3,
      modality: 'CT',
      description: 'Portal venous',
    });
    expect(instance.instanceNumber).toBe(7);
    expect(instance.imageType).toEqual(['ORIGINAL', 'PRIMARY', 'AXIAL']);
    expect([instance.windowCenter, instance.windowWidth]).toEqual([40, 400]);
    expect(instance.kind).toBe('image');
    expect(instance.isLocalizer).toBe(false);
  });

  it('references the pixel bytes in the file instead of copying them', () => {
    const file = makeSlice({ rows: 2, columns: 2, pixels: [1, 2, 3, 0x1234] });
    const instance = parsed(file);
    expect(instance.bytes).toBe(file.bytes);
    const ref = instance.pixelData;
    if (!ref || ref.encapsulated) throw new Error('native pixel data expected');
    expect(ref.byteLength).toBe(8);
    // Little endian words: the fourth pixel 0x1234 is stored as 34 12.
    expect([...file.bytes.subarray(ref.byteOffset + 6, ref.byteOffset + 8)]).toEqual([0x34, 0x12]);
  });

  it('keeps PixelSpacing in [row, column] order for non-square pixels', () => {
    const instance = parsed(makeSlice({ pixelSpacing: [0.5, 0.8] }));
    expect(instance.pixelSpacing).toEqual([0.5, 0.8]);
    expect(instance.pixelSpacingSource).toBe('PixelSpacing');
  });

  it('falls back to ImagerPixelSpacing and flags it', () => {
    const instance = parsed(
      makeSlice({ pixelSpacing: null, extra: { ImagerPixelSpacing: [0.2, 0.3] } }),
    );
    expect(instance.pixelSpacing).toEqual([0.2, 0.3]);
    expect(instance.pixelSpacingSource).toBe('ImagerPixelSpacing');
    expect(instance.frames[0]?.pixelSpacing).toEqual([0.2, 0.3]);
    expect(instance.warnings.join(' ')).toContain('ImagerPixelSpacing');
  });

  it.each(['implicit-le', 'explicit-be', 'implicit-le-bare'] as const)(
    'reads the same attributes from %s files',
    (encoding) => {
      const instance = parsed(
        makeSlice({
          encoding,
          position: [-10.5, 20, 30.25],
          pixelSpacing: [0.5, 0.8],
          rows: 3,
          columns: 2,
          fill: 7,
        }),
      );
      expect(instance.imagePositionPatient).toEqual([-10.5, 20, 30.25]);
      expect(instance.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
      expect(instance.pixelSpacing).toEqual([0.5, 0.8]);
      expect([instance.rows, instance.columns, instance.bitsAllocated]).toEqual([3, 2, 16]);
      expect(instance.littleEndian).toBe(encoding !== 'explicit-be');
      expect(instance.hasPart10Header).toBe(encoding !== 'implicit-le-bare');
      expect(instance.pixelData).toMatchObject({ encapsulated: false, byteLength: 12 });
    },
  );

  it('rejects a bare dataset without UIDs as NOT_DICOM', () => {
    expect(errorOf(makeSlice({ encoding: 'implicit-le-bare', sopInstanceUid: '' })).code).toBe(
      'NOT_DICOM',
    );
  });

  it('flags ImageType LOCALIZER', () => {
    expect(parsed(makeSlice({ imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'] })).isLocalizer).toBe(
      true,
    );
  });

  it('classifies SEG and SR objects', () => {
    const seg = parsed(makeSeg());
    expect(seg.kind).toBe('seg');
    expect(seg.bitsAllocated).toBe(1);
    const sr = parsed(makeSr());
    expect(sr.kind).toBe('sr');
    expect(sr.pixelData).toBeNull();
    expect(sr.frames).toEqual([]);
  });

  it('resolves per-frame functional groups of an enhanced multi-frame image', () => {
    const instance = parsed(
      makeEnhancedCt({
        positions: [
          [0, 0, 4],
          [0, 0, 2],
          [0, 0, 0],
        ],
        fills: [3, 2, 1],
        intercepts: [-1024, -1000, 0],
        pixelSpacing: [0.7, 0.9],
      }),
    );
    expect(instance.numberOfFrames).toBe(3);
    expect(instance.frames.map((f) => f.imagePositionPatient)).toEqual([
      [0, 0, 4],
      [0, 0, 2],
      [0, 0, 0],
    ]);
    expect(instance.frames.map((f) => f.rescaleIntercept)).toEqual([-1024, -1000, 0]);
    expect(
      instance.frames.every((f) => f.pixelSpacing?.[0] === 0.7 && f.pixelSpacing[1] === 0.9),
    ).toBe(true);
    expect(instance.frames[1]?.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(instance.rescaleType).toBe('HU');
  });

  it('reports a file cut inside its pixel data as TRUNCATED at the PixelData offset', () => {
    const whole = makeSlice({ rows: 8, columns: 8 });
    const cut = { name: 'cut.dcm', bytes: whole.bytes.subarray(0, whole.bytes.length - 10) };
    const error = errorOf(cut);
    expect(error).toMatchObject({
      code: 'TRUNCATED',
      file: 'cut.dcm',
      byteOffset: whole.bytes.length - 128,
    });
  });

  it('reports a cut implicit VR file (dicom-parser does not notice) as TRUNCATED', () => {
    const whole = makeSlice({ rows: 8, columns: 8, encoding: 'implicit-le' });
    const error = errorOf({
      name: 'cut.dcm',
      bytes: whole.bytes.subarray(0, whole.bytes.length - 2),
    });
    expect(error.code).toBe('TRUNCATED');
    expect(error.byteOffset).toBe(whole.bytes.length - 128);
    expect(error.message).toContain('126 bytes, 128 expected');
  });

  it('refuses sizes beyond 2 GiB before allocating anything', () => {
    const error = errorOf(makeSlice({ extra: { Rows: 60000, Columns: 60000 } }));
    expect(error.code).toBe('TOO_LARGE');
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['text', new TextEncoder().encode('patient,lesion,diameter\n1,S7,23\n'.repeat(20))],
    [
      'png',
      Uint8Array.from([
        0x89,
        0x50,
        0x4e,
        0x47,
        0x0d,
        0x0a,
        0x1a,
        0x0a,
        ...new Array<number>(200).fill(0),
      ]),
    ],
    ['zeros', new Uint8Array(1000)],
  ])('rejects %s input as NOT_DICOM', (_label, bytes) => {
    expect(errorOf({ name: 'x', bytes }).code).toBe('NOT_DICOM');
  });

  it('decodes UTF-8 names when SpecificCharacterSet is ISO_IR 192', () => {
    const instance = parsed(
      makeSlice({ extra: { SpecificCharacterSet: 'ISO_IR 192', PatientName: 'Müller^Jürgen' } }),
    );
    expect(instance.patient.name).toBe('Müller^Jürgen');
  });
});
