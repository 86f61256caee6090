import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { dicomLabToRgb, rgbToDicomLab } from '../cieLab.ts';
import { parseSegmentation } from '../parseSegmentation.ts';
import { formatDs, writeSegmentation } from '../writeSegmentation.ts';
import { instanceUidOf, writerInput, type SmallGrid } from './segFixtures.ts';

const GRID: SmallGrid = {
  columns: 6,
  rows: 4,
  slices: 5,
  spacing: [0.7, 0.9, 2.5],
  origin: [-10, -20, -30],
};
const PLANE = 24;

function labelsWith(entries: Array<[number, number, number]>): Uint8Array {
  const labels = new Uint8Array(PLANE * GRID.slices);
  for (const [k, p, v] of entries) labels[k * PLANE + p] = v;
  return labels;
}

describe('writeSegmentation', () => {
  it('writes one frame per segment and non-empty slice, segment-major, at each slice position', () => {
    const labels = labelsWith([
      [4, 0, 1],
      [1, 5, 1],
      [1, 6, 2],
      [3, 23, 2],
    ]);
    const written = writeSegmentation(writerInput(GRID, labels));
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(written.value.frameCount).toBe(4);
    expect([...written.value.voxelCounts]).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const parsed = parseSegmentation({ name: 'w', bytes: written.value.bytes });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const frames = parsed.value.frames;
    expect(frames.map((f) => f.segmentNumber)).toEqual([1, 1, 2, 2]);
    // ImagePositionPatient = origin + k · slice spacing · normal, for k = 1, 4, 1, 3.
    expect(frames.map((f) => f.imagePositionPatient?.[2])).toEqual([-27.5, -20, -27.5, -22.5]);
    expect(frames.map((f) => f.sourceImages[0]?.sopInstanceUid)).toEqual(
      [1, 4, 1, 3].map(instanceUidOf),
    );
    expect(parsed.value.referencedSeries[0]?.sopInstanceUids).toHaveLength(GRID.slices);
    const lesion = parsed.value.segments[1];
    expect([lesion?.trackingId, lesion?.trackingUid, lesion?.algorithmType]).toEqual([
      'L1',
      '1.2.826.0.1.3680043.10.1478.97.9.1',
      'SEMIAUTOMATIC',
    ]);
    expect(lesion?.type?.codeValue).toBe('52988006');
    expect(lesion?.category?.codeValue).toBe('49755003');
  });

  it('packs frame bits back to back, least significant bit first', () => {
    // 24 pixels per frame = 3 bytes: frame 0 (slice 1) has pixel 5, frame 1 (slice 4) pixel 0.
    const written = writeSegmentation(
      writerInput(
        GRID,
        labelsWith([
          [1, 5, 1],
          [4, 0, 1],
        ]),
      ),
    );
    if (!written.ok) throw new Error(written.error.message);
    const ds = dicomParser.parseDicom(written.value.bytes);
    const el = ds.elements['x7fe00010']!;
    const pixels = written.value.bytes.subarray(el.dataOffset, el.dataOffset + el.length);
    expect([...pixels]).toEqual([0b0010_0000, 0, 0, 0b0000_0001, 0, 0]);
  });

  it('writes a Part 10 file with a zero preamble in explicit VR little endian', () => {
    const written = writeSegmentation(writerInput(GRID, labelsWith([[0, 0, 1]])));
    if (!written.ok) throw new Error(written.error.message);
    const bytes = written.value.bytes;
    expect([...bytes.subarray(0, 128)].every((b) => b === 0)).toBe(true);
    expect(String.fromCharCode(...bytes.subarray(128, 132))).toBe('DICM');
    const ds = dicomParser.parseDicom(bytes);
    expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
    expect(ds.string('x00080060')).toBe('SEG');
    expect(ds.string('x00620001')).toBe('BINARY');
  });

  it('refuses bad input with INVALID_ARGUMENT and says why', () => {
    const ok = writerInput(GRID, labelsWith([[0, 0, 1]]));
    const cases: Array<[string, ReturnType<typeof writerInput>]> = [
      ['labels hold', { ...ok, labels: new Uint8Array(3) }],
      ['nothing to write', { ...ok, labels: new Uint8Array(PLANE * GRID.slices) }],
      ['label value 0', { ...ok, segments: [{ ...ok.segments[0]!, labelValue: 0 }] }],
      [
        'used by two',
        { ...ok, segments: [ok.segments[0]!, { ...ok.segments[1]!, labelValue: 1 }] },
      ],
      ['TrackingID is required', { ...ok, segments: [{ ...ok.segments[1]!, trackingId: null }] }],
      ['algorithm name', { ...ok, segments: [{ ...ok.segments[1]!, algorithmName: undefined }] }],
      ['source slices', { ...ok, source: { ...ok.source, slices: ok.source.slices.slice(1) } }],
      ['content label', { ...ok, segmentation: { ...ok.segmentation, contentLabel: 'lower' } }],
      ['not a valid UID', { ...ok, segmentation: { ...ok.segmentation, sopInstanceUid: '1.02' } }],
    ];
    for (const [message, input] of cases) {
      const result = writeSegmentation(input);
      expect(result.ok, message).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_ARGUMENT');
        expect(result.error.message).toContain(message);
      }
    }
  });
});

describe('formatDs', () => {
  it('keeps decimal strings within 16 characters', () => {
    expect(formatDs(-199.609375)).toBe('-199.609375');
    expect(formatDs(1 / 3)).toBe('0.333333');
    expect(formatDs(-0)).toBe('0');
    expect(formatDs(123456789.123456).length).toBeLessThanOrEqual(16);
  });
});

describe('rgbToDicomLab', () => {
  it('matches the CIELab of sRGB white and red (D65)', () => {
    // White: L* 100, a* = b* = 0 (0 maps to 32896 of 65535; rounding of the matrices ±2).
    const white = rgbToDicomLab([255, 255, 255]);
    expect(white[0]).toBe(65535);
    expect(Math.abs(white[1] - 32896)).toBeLessThanOrEqual(2);
    expect(Math.abs(white[2] - 32896)).toBeLessThanOrEqual(2);
    // sRGB red: L* 53.24, a* 80.09, b* 67.20.
    const [l, a, b] = rgbToDicomLab([255, 0, 0]);
    expect((l * 100) / 65535).toBeCloseTo(53.24, 1);
    expect((a * 255) / 65535 - 128).toBeCloseTo(80.09, 0);
    expect((b * 255) / 65535 - 128).toBeCloseTo(67.2, 0);
  });

  it('round-trips colours through DICOM Lab within one unit', () => {
    for (const rgb of [
      [221, 130, 101],
      [157, 108, 162],
      [10, 200, 30],
    ] as const) {
      dicomLabToRgb(rgbToDicomLab(rgb)).forEach((c, i) =>
        expect(Math.abs(c - rgb[i]!)).toBeLessThanOrEqual(1),
      );
    }
  });
});
