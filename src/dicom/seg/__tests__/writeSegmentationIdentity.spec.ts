/**
 * The writer's fast frame packing (one word-skipping scan, bits set only in the occupied range
 * of non-empty slices, PixelData appended after the dcmjs-written header) writes the same bytes
 * as the implementation it replaced: two byte-by-byte passes over every voxel and PixelData
 * written by dcmjs. Checked two ways: the SHA-256 of whole files, recorded from the previous
 * implementation before the change, and a reference copy of the previous packing (below)
 * against `packFrames` on seeded random labelmaps of many shapes and byte offsets.
 */
import { createHash } from 'node:crypto';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { packFrames, writeSegmentation, type SegWriterSegment } from '../writeSegmentation.ts';
import { writerCases } from './writerLabelmaps.ts';

/** SHA-256 of `writeSegmentation(case.input).bytes` from the writer before the change. */
const BEFORE: Record<string, string> = {
  'sparse noise, unlisted values':
    '1bfe01035c40ab6097f20ec813a5bcf45b4a7a4143dee54a05730fa867d1715b',
  'dense noise, odd plane, segments out of label order':
    '9b54542b2833f45da16598ddeb7dc7cf7276c855a149a453a9f0ab8fe2fa67bf',
  'ellipsoids, a listed segment without voxels':
    'cff0345e7f69ae20f7d99e5406c85666d9961dbfdf3e579848599d1f136c7507',
  'ellipsoids, labels at byte offset 3':
    'f45a7ba4880f07f77ea50d4f595fdbca256d6eff182472f91fdec1a9691b8ec2',
  'full labelmap, odd plane': '9a439822ecffdeeed540d48ebda3ae0ae0fd211735a196d83f366ab96b30bbc4',
  'first and last voxel only': 'c20b578c2538563c4f916aef5b964b6fb0b243f593b8c561b68ad5fceb7d0e5a',
};

/** The previous implementation's two passes, kept here as the reference. */
function referencePacking(
  labels: Uint8Array,
  plane: number,
  slices: number,
  segments: ReadonlyArray<{ labelValue: number }>,
) {
  const present = new Uint8Array(256 * slices);
  const perValue = new Float64Array(256);
  for (let k = 0; k < slices; k++) {
    const start = k * plane;
    for (let p = start, end = start + plane; p < end; p++) {
      const v = labels[p] as number;
      if (v !== 0) {
        present[v * slices + k] = 1;
        perValue[v] = (perValue[v] ?? 0) + 1;
      }
    }
  }
  const voxelCounts = new Map<number, number>();
  for (const s of segments) voxelCounts.set(s.labelValue, perValue[s.labelValue] ?? 0);
  const frameOf = new Int32Array(256 * slices).fill(-1);
  const frames: Array<{ value: number; k: number }> = [];
  for (const s of segments)
    for (let k = 0; k < slices; k++)
      if (present[s.labelValue * slices + k]) {
        frameOf[s.labelValue * slices + k] = frames.length;
        frames.push({ value: s.labelValue, k });
      }
  const totalBits = frames.length * plane;
  const pixelBytes = new Uint8Array(Math.ceil(totalBits / 8) + (Math.ceil(totalBits / 8) % 2));
  for (let k = 0; k < slices; k++) {
    const start = k * plane;
    for (let p = 0; p < plane; p++) {
      const v = labels[start + p] as number;
      if (v === 0) continue;
      const f = frameOf[v * slices + k] as number;
      if (f < 0) continue;
      const bit = f * plane + p;
      pixelBytes[bit >> 3] = (pixelBytes[bit >> 3] ?? 0) | (1 << (bit & 7));
    }
  }
  return { frames, pixelBytes, voxelCounts };
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('writeSegmentation byte identity with the previous implementation', () => {
  it.each(writerCases().map((c) => [c.name, c] as const))(
    'writes the bytes the previous writer wrote: %s',
    (name, c) => {
      const written = writeSegmentation(c.input);
      if (!written.ok) throw new Error(written.error.message);
      expect(sha256(written.value.bytes)).toBe(BEFORE[name]);

      // And its PixelData is the reference packing's, whole files parse with dicom-parser.
      const [columns, rows, slices] = c.input.grid.dimensions;
      const reference = referencePacking(c.input.labels, columns * rows, slices, c.input.segments);
      const ds = dicomParser.parseDicom(written.value.bytes);
      const el = ds.elements['x7fe00010']!;
      expect(el.vr).toBe('OB');
      expect(el.dataOffset + el.length).toBe(written.value.bytes.length);
      const pixels = written.value.bytes.subarray(el.dataOffset, el.dataOffset + el.length);
      expect(Buffer.from(pixels).equals(Buffer.from(reference.pixelBytes))).toBe(true);
      expect(written.value.frameCount).toBe(reference.frames.length);
      expect([...written.value.voxelCounts]).toEqual([...reference.voxelCounts]);
    },
  );

  it('packs as the previous passes did on 200 seeded random labelmaps at any byte offset', () => {
    const rnd = random(7);
    const int = (n: number) => Math.floor(rnd() * n);
    for (let trial = 0; trial < 200; trial++) {
      const columns = 1 + int(23);
      const rows = 1 + int(19);
      const slices = 1 + int(9);
      const plane = columns * rows;
      const offset = int(8);
      const buffer = new Uint8Array(plane * slices + offset + int(5));
      const labels = buffer.subarray(offset, offset + plane * slices);
      // Sparse blobs: runs of one value, some values unlisted.
      const density = rnd() * 0.6;
      for (let v = 0; v < labels.length;) {
        const run = 1 + int(12);
        const value = rnd() < density ? [1, 2, 3, 200, 255][int(5)]! : 0;
        labels.fill(value, v, Math.min(labels.length, v + run));
        v += run;
      }
      buffer.fill(9, 0, offset); // bytes outside the view must not count
      buffer.fill(9, offset + labels.length);
      const listed: SegWriterSegment[] = [3, 1, 200, 2]
        .filter(() => rnd() < 0.8)
        .map((labelValue) => ({ labelValue }) as SegWriterSegment);
      const got = packFrames(labels, plane, slices, listed);
      const want = referencePacking(labels, plane, slices, listed);
      const where = `trial ${trial}: ${columns}×${rows}×${slices} at offset ${offset}`;
      expect(got.frames, where).toEqual(want.frames);
      expect([...got.voxelCounts], where).toEqual([...want.voxelCounts]);
      expect(Buffer.from(got.pixelBytes).equals(Buffer.from(want.pixelBytes)), where).toBe(true);
    }
  });
});
