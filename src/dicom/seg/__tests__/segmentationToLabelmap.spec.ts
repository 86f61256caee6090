import { describe, expect, it } from 'vitest';
import { parseSegmentation } from '../parseSegmentation.ts';
import { segmentationToLabelmap } from '../segmentationToLabelmap.ts';
import type { ParsedSegmentation } from '../types.ts';
import { writeSegmentation } from '../writeSegmentation.ts';
import { handBuiltSeg, targetGrid, writerInput, type SmallGrid } from './segFixtures.ts';

const GRID: SmallGrid = {
  columns: 5,
  rows: 3,
  slices: 4,
  spacing: [0.7, 0.8, 2.5],
  origin: [-10, -20, -30],
};
const PLANE = 15;
const EMPTY = new Array<number>(PLANE).fill(0);
const set = (...pixels: number[]) => EMPTY.map((_, p) => (pixels.includes(p) ? 1 : 0));

function parsed(file: ReturnType<typeof handBuiltSeg>): ParsedSegmentation {
  const result = parseSegmentation(file);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Expected labelmap: voxel (slice, pixel) → value. */
function expected(entries: Array<[number, number, number]>): Uint8Array {
  const out = new Uint8Array(PLANE * GRID.slices);
  for (const [k, p, v] of entries) out[k * PLANE + p] = v;
  return out;
}

describe('segmentationToLabelmap', () => {
  it('puts each frame on the slice it references, whatever the frame order', () => {
    const seg = parsed(
      handBuiltSeg(GRID, {
        segments: [
          { number: 1, label: 'a' },
          { number: 2, label: 'b' },
        ],
        frames: [
          { segment: 2, k: 3, pixels: set(14), position: null },
          { segment: 1, k: 1, pixels: set(0, 1), position: null },
          { segment: 2, k: 0, pixels: set(7), position: null },
        ],
      }),
    );
    const result = segmentationToLabelmap(seg, targetGrid(GRID));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.labels).toEqual(
      expected([
        [3, 14, 2],
        [1, 0, 1],
        [1, 1, 1],
        [0, 7, 2],
      ]),
    );
    expect(result.value.framesByReference).toBe(3);
    expect(result.value.paintedVoxels.get(2)).toBe(2);
  });

  it('reads BINARY frames padded to whole bytes when PixelData has exactly that length', () => {
    // 3×3 = 9 pixels a frame: 3 frames take 4 bytes back to back, 6 when each is padded to 2.
    const small: SmallGrid = { ...GRID, columns: 3, rows: 3 };
    const nine = (...pixels: number[]) => Array.from({ length: 9 }, (_, p) => +pixels.includes(p));
    const frames = [
      { segment: 1, k: 0, pixels: nine(0, 8) },
      { segment: 1, k: 2, pixels: nine(7) },
      { segment: 2, k: 3, pixels: nine(1, 2) },
    ];
    const segments = [
      { number: 1, label: 'a' },
      { number: 2, label: 'b' },
    ];
    const truth = new Uint8Array(9 * small.slices);
    for (const [k, p, v] of [
      [0, 0, 1],
      [0, 8, 1],
      [2, 7, 1],
      [3, 1, 2],
      [3, 2, 2],
    ] as const)
      truth[k * 9 + p] = v;
    const padded = parsed(handBuiltSeg(small, { segments, frames, padFramesToBytes: true }));
    expect(padded.binaryFrameStrideBits).toBe(16);
    const fromPadded = segmentationToLabelmap(padded, targetGrid(small));
    if (!fromPadded.ok) throw new Error(fromPadded.error.message);
    expect(fromPadded.value.labels).toEqual(truth);
    expect(fromPadded.value.warnings.join()).toContain('padded to whole bytes');

    const packed = parsed(handBuiltSeg(small, { segments, frames }));
    expect(packed.binaryFrameStrideBits).toBe(9);
    const fromPacked = segmentationToLabelmap(packed, targetGrid(small));
    expect(fromPacked.ok && fromPacked.value.labels).toEqual(truth);
    expect(fromPacked.ok && fromPacked.value.warnings).toEqual([]);

    // 2 frames: 18 bits back to back, 4 bytes with the even padding, as when padded: PS3.5 wins.
    const twoFrames = frames.slice(0, 2);
    const ambiguous = parsed(handBuiltSeg(small, { frames: twoFrames, padFramesToBytes: true }));
    expect(ambiguous.binaryFrameStrideBits).toBe(9);
  });

  it('places frames without references by their plane position', () => {
    const seg = parsed(
      handBuiltSeg(GRID, {
        frames: [
          { k: 2, pixels: set(3), reference: false },
          { k: 0, pixels: set(4), reference: false },
        ],
      }),
    );
    const result = segmentationToLabelmap(seg, targetGrid(GRID));
    expect(result.ok && result.value.labels).toEqual(
      expected([
        [2, 3, 1],
        [0, 4, 1],
      ]),
    );
    expect(result.ok && result.value.framesByPosition).toBe(2);
  });

  it('maps onto a grid whose slices run in the other order of instances', () => {
    // The same instances, listed from the last slice to the first: the frames follow them.
    const grid = targetGrid(GRID);
    const reversed = { ...grid, slices: [...grid.slices].reverse() };
    const seg = parsed(handBuiltSeg(GRID, { frames: [{ k: 0, pixels: set(1), position: null }] }));
    const result = segmentationToLabelmap(seg, reversed);
    expect(result.ok && result.value.labels).toEqual(expected([[3, 1, 1]]));
  });

  it('thresholds FRACTIONAL frames at half the maximum fractional value', () => {
    const seg = parsed(
      handBuiltSeg(GRID, {
        type: 'FRACTIONAL',
        maximumFractionalValue: 200,
        frames: [{ k: 1, pixels: EMPTY.map((_, p) => [0, 99, 100, 200][p % 4] ?? 0) }],
      }),
    );
    const result = segmentationToLabelmap(seg, targetGrid(GRID));
    const labelled = result.ok
      ? [...result.value.labels.subarray(PLANE, 2 * PLANE)].flatMap((v, p) => (v ? [p] : []))
      : [];
    expect(labelled).toEqual([2, 3, 6, 7, 10, 11, 14]);
  });

  it('reads LABELMAP frames as segment numbers', () => {
    const seg = parsed(
      handBuiltSeg(GRID, {
        type: 'LABELMAP',
        segments: [
          { number: 1, label: 'a' },
          { number: 3, label: 'c' },
        ],
        frames: [{ k: 2, pixels: EMPTY.map((_, p) => (p === 5 ? 3 : p === 6 ? 1 : 0)) }],
      }),
    );
    const result = segmentationToLabelmap(seg, targetGrid(GRID));
    expect(result.ok && result.value.labels).toEqual(
      expected([
        [2, 5, 3],
        [2, 6, 1],
      ]),
    );
  });

  it('resolves overlaps by priority and reports the covered voxels', () => {
    const seg = parsed(
      handBuiltSeg(GRID, {
        segments: [
          { number: 1, label: 'lesion' },
          { number: 2, label: 'liver' },
        ],
        frames: [
          { segment: 1, k: 0, pixels: set(1, 2) },
          { segment: 2, k: 0, pixels: set(0, 1, 2, 3) },
        ],
      }),
    );
    const byNumber = segmentationToLabelmap(seg, targetGrid(GRID));
    expect(byNumber.ok && [...byNumber.value.labels.subarray(0, 4)]).toEqual([2, 2, 2, 2]);
    const lesionFirst = segmentationToLabelmap(seg, targetGrid(GRID), {
      priority: (s) => (s.label === 'lesion' ? 1 : 0),
    });
    expect(lesionFirst.ok).toBe(true);
    if (!lesionFirst.ok) return;
    expect([...lesionFirst.value.labels.subarray(0, 4)]).toEqual([2, 1, 1, 2]);
    expect(lesionFirst.value.overlaps).toEqual([{ segmentNumber: 2, coveredBy: 1, voxelCount: 2 }]);
    expect(lesionFirst.value.paintedVoxels.get(2)).toBe(4);
  });

  it('round-trips the writer’s output voxel for voxel, bits packed across frame boundaries', () => {
    const labels = new Uint8Array(PLANE * GRID.slices);
    for (let i = 0; i < labels.length; i++)
      labels[i] = (i * 7) % 11 === 0 ? 2 : i % 3 === 0 ? 1 : 0;
    const written = writeSegmentation(writerInput(GRID, labels));
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    const seg = parsed({ name: 'w.dcm', bytes: written.value.bytes });
    const result = segmentationToLabelmap(seg, targetGrid(GRID));
    expect(result.ok && result.value.labels).toEqual(labels);
  });

  it('refuses frames of another size, spacing or orientation (no resampling)', () => {
    const seg = parsed(handBuiltSeg(GRID, { frames: [{ k: 0, pixels: set(0) }] }));
    const wider = segmentationToLabelmap(seg, targetGrid({ ...GRID, columns: 6 }));
    expect(!wider.ok && wider.error.code).toBe('GEOMETRY_MISMATCH');
    const finer = segmentationToLabelmap(seg, targetGrid({ ...GRID, spacing: [0.5, 0.8, 2.5] }));
    expect(!finer.ok && finer.error.code).toBe('GEOMETRY_MISMATCH');
    const coronal = { ...targetGrid(GRID), direction: [1, 0, 0, 0, 0, -1, 0, 1, 0] };
    expect(segmentationToLabelmap(seg, coronal).ok).toBe(false);
  });

  it('refuses a frame lying between slices or off the grid in-plane', () => {
    const between = parsed(
      handBuiltSeg(GRID, {
        frames: [{ k: 0, pixels: set(0), reference: false, position: [-10, -20, -28.75] }],
      }),
    );
    const result = segmentationToLabelmap(between, targetGrid(GRID));
    expect(!result.ok && result.error.code).toBe('GEOMETRY_MISMATCH');
    const shifted = parsed(
      handBuiltSeg(GRID, {
        frames: [{ k: 1, pixels: set(0), reference: false, position: [-9.5, -20, -27.5] }],
      }),
    );
    expect(segmentationToLabelmap(shifted, targetGrid(GRID)).ok).toBe(false);
  });

  it('refuses a frame whose position contradicts the instance it references', () => {
    const seg = parsed(
      handBuiltSeg(GRID, { frames: [{ k: 1, pixels: set(0), position: [-10, -20, -30] }] }),
    );
    const result = segmentationToLabelmap(seg, targetGrid(GRID));
    expect(!result.ok && result.error.message).toMatch(/references slice 2/);
  });

  it('does not place unreferenced frames by position across frames of reference', () => {
    const seg = parsed(
      handBuiltSeg(GRID, {
        frameOfReferenceUid: '1.2.3.999',
        frames: [{ k: 0, pixels: set(0), reference: false }],
      }),
    );
    const result = segmentationToLabelmap(seg, targetGrid(GRID));
    expect(!result.ok && result.error.message).toMatch(/frames of reference differ/);
  });
});
