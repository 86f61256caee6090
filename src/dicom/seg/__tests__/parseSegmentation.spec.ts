import { describe, expect, it } from 'vitest';
import { makeSlice } from '../../__tests__/fixtures.ts';
import { parseSegmentation } from '../parseSegmentation.ts';
import { handBuiltSeg, instanceUidOf, type SmallGrid } from './segFixtures.ts';

const GRID: SmallGrid = {
  columns: 5,
  rows: 3,
  slices: 4,
  spacing: [0.7, 0.8, 2.5],
  origin: [-10, -20, -30],
};
const EMPTY = new Array<number>(15).fill(0);
const ONE = (i: number) => EMPTY.map((_, p) => (p === i ? 1 : 0));

describe('parseSegmentation', () => {
  it('reads segments, tracking attributes and every frame’s segment, position and source', () => {
    const file = handBuiltSeg(GRID, {
      segments: [
        { number: 1, label: 'Liver' },
        { number: 2, label: 'Lesion', trackingId: 'L7', trackingUid: '2.25.42' },
      ],
      frames: [
        { segment: 2, k: 3, pixels: ONE(4) },
        { segment: 1, k: 0, pixels: ONE(0), reference: false },
      ],
      referencedSeries: true,
    });
    const parsed = parseSegmentation(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const seg = parsed.value;
    expect(seg.segmentationType).toBe('BINARY');
    expect([seg.rows, seg.columns]).toEqual([3, 5]);
    expect(seg.pixelSpacing).toEqual([0.8, 0.7]);
    expect(
      seg.segments.map((s) => [s.segmentNumber, s.label, s.trackingId, s.trackingUid]),
    ).toEqual([
      [1, 'Liver', null, null],
      [2, 'Lesion', 'L7', '2.25.42'],
    ]);
    expect(seg.segments[0]?.type).toEqual({
      codeValue: '10200004',
      codingSchemeDesignator: 'SCT',
      codeMeaning: 'Liver',
    });
    expect(seg.frames.map((f) => [f.segmentNumber, f.imagePositionPatient])).toEqual([
      [2, [-10, -20, -22.5]],
      [1, [-10, -20, -30]],
    ]);
    expect(seg.frames[0]?.sourceImages.map((r) => r.sopInstanceUid)).toEqual([instanceUidOf(3)]);
    expect(seg.frames[1]?.sourceImages).toEqual([]);
    expect(seg.referencedSeries[0]?.sopInstanceUids).toEqual([instanceUidOf(0)]);
  });

  it('reads the maximum fractional value of a FRACTIONAL SEG', () => {
    const parsed = parseSegmentation(
      handBuiltSeg(GRID, {
        type: 'FRACTIONAL',
        maximumFractionalValue: 100,
        frames: [{ k: 0, pixels: EMPTY.map(() => 50) }],
      }),
    );
    expect(parsed.ok && parsed.value.maximumFractionalValue).toBe(100);
  });

  it('rejects a CT image as NOT_A_SEG', () => {
    const parsed = parseSegmentation(makeSlice());
    expect(!parsed.ok && parsed.error.code).toBe('NOT_A_SEG');
  });

  it('rejects random bytes as NOT_A_SEG with the file name', () => {
    const parsed = parseSegmentation({ name: 'junk.bin', bytes: new Uint8Array(300).fill(7) });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ code: 'NOT_A_SEG', file: 'junk.bin' });
  });

  it('rejects pixel data shorter than the frames as TRUNCATED', () => {
    const frames = [0, 1, 2, 3].map((k) => ({ k, pixels: ONE(k) }));
    const parsed = parseSegmentation(handBuiltSeg(GRID, { frames, truncateBy: 4 }));
    expect(!parsed.ok && parsed.error.code).toBe('TRUNCATED');
  });

  it('rejects a frame naming a segment absent from SegmentSequence as INVALID_SEGMENT', () => {
    const parsed = parseSegmentation(
      handBuiltSeg(GRID, { frames: [{ segment: 3, k: 0, pixels: ONE(0) }] }),
    );
    expect(!parsed.ok && parsed.error.code).toBe('INVALID_SEGMENT');
    if (!parsed.ok) expect(parsed.error.message).toMatch(/segment 3/);
  });

  it('rejects repeated segment numbers as INVALID_SEGMENT', () => {
    const parsed = parseSegmentation(
      handBuiltSeg(GRID, {
        segments: [
          { number: 1, label: 'a' },
          { number: 1, label: 'b' },
        ],
        frames: [{ k: 0, pixels: ONE(0) }],
      }),
    );
    expect(!parsed.ok && parsed.error.code).toBe('INVALID_SEGMENT');
  });
});
