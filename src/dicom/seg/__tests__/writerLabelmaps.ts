/**
 * Labelmaps for the writer's byte-identity test: deterministic (seeded), with frames that cross
 * byte boundaries (planes of 35 and 561 pixels), label values that are not listed segments,
 * a listed segment without voxels, segments listed out of label order, a labelmap full to the
 * last voxel, and one that is a view at an odd byte offset of a larger buffer.
 */
import type { SegWriterInput } from '../writeSegmentation.ts';
import { writerInput, type SmallGrid } from './segFixtures.ts';

/** mulberry32: a small seeded PRNG, so the cases are the same on every run. */
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

const grid = (columns: number, rows: number, slices: number): SmallGrid => ({
  columns,
  rows,
  slices,
  spacing: [0.7, 0.9, 2.5],
  origin: [-10.5, -20.25, -30],
});

/** Paints an ellipsoid of value `v` (voxel centres inside), later ones over earlier ones. */
function ellipsoid(
  labels: Uint8Array,
  g: SmallGrid,
  centre: [number, number, number],
  radii: [number, number, number],
  v: number,
): void {
  for (let k = 0; k < g.slices; k++)
    for (let j = 0; j < g.rows; j++)
      for (let i = 0; i < g.columns; i++) {
        const dx = (i - centre[0]) / radii[0];
        const dy = (j - centre[1]) / radii[1];
        const dz = (k - centre[2]) / radii[2];
        if (dx * dx + dy * dy + dz * dz <= 1) labels[(k * g.rows + j) * g.columns + i] = v;
      }
}

export interface WriterCase {
  readonly name: string;
  readonly input: SegWriterInput;
}

export function writerCases(): WriterCase[] {
  const cases: WriterCase[] = [];

  // Sparse noise with unlisted values 3 and 255 (not written), on a 24-pixel plane.
  {
    const g = grid(6, 4, 5);
    const rnd = random(1);
    const labels = new Uint8Array(6 * 4 * 5).map(() => {
      const r = rnd();
      return r < 0.1 ? 1 : r < 0.2 ? 2 : r < 0.25 ? 3 : r < 0.3 ? 255 : 0;
    });
    cases.push({ name: 'sparse noise, unlisted values', input: writerInput(g, labels) });
  }

  // Dense noise on a 35-pixel plane (frames straddle bytes), segments listed as 2, 1.
  {
    const g = grid(7, 5, 9);
    const rnd = random(2);
    const labels = new Uint8Array(7 * 5 * 9).map(() => {
      const r = rnd();
      return r < 0.3 ? 1 : r < 0.6 ? 2 : 0;
    });
    const base = writerInput(g, labels);
    cases.push({
      name: 'dense noise, odd plane, segments out of label order',
      input: { ...base, segments: [base.segments[1]!, base.segments[0]!] },
    });
  }

  // Ellipsoids on 64×48×40, one over the other, plus a listed segment with no voxel.
  const g3 = grid(64, 48, 40);
  const blobs = new Uint8Array(64 * 48 * 40);
  ellipsoid(blobs, g3, [30, 22, 18], [20, 14, 12], 1);
  ellipsoid(blobs, g3, [38, 25, 21], [7, 6, 5], 2);
  ellipsoid(blobs, g3, [8, 40, 36], [3, 4, 2], 9); // unlisted
  {
    const base = writerInput(g3, blobs);
    cases.push({
      name: 'ellipsoids, a listed segment without voxels',
      input: {
        ...base,
        segments: [...base.segments, { ...base.segments[0]!, labelValue: 7, label: 'Empty' }],
      },
    });
  }

  // The same labelmap as a view at byte offset 3 of a larger buffer.
  {
    const buffer = new Uint8Array(blobs.length + 8);
    buffer.set(blobs, 3);
    cases.push({
      name: 'ellipsoids, labels at byte offset 3',
      input: writerInput(g3, buffer.subarray(3, 3 + blobs.length)),
    });
  }

  // Every voxel labelled (stripes of 1 and 2), on a 561-pixel plane.
  {
    const g = grid(33, 17, 6);
    const labels = new Uint8Array(33 * 17 * 6).map((_, v) => ((v % 33) % 5 < 2 ? 2 : 1));
    cases.push({ name: 'full labelmap, odd plane', input: writerInput(g, labels) });
  }

  // Only the last voxel (the tail after the last aligned word) and the first.
  {
    const g = grid(13, 11, 3);
    const labels = new Uint8Array(13 * 11 * 3);
    labels[labels.length - 1] = 2;
    labels[0] = 1;
    cases.push({ name: 'first and last voxel only', input: writerInput(g, labels) });
  }
  return cases;
}
