import { describe, expect, it } from 'vitest';
import { computeAllLesionStatistics } from '../computeAllLesionStatistics';
import { createLesionStatisticsTracker } from '../createLesionStatisticsTracker';
import type { IndexBox, LesionStatistics, Vec3, VolumeGrid } from '../types';

const G: VolumeGrid = {
  dimensions: [40, 36, 18],
  spacingMm: [0.7, 0.8, 2],
  originMm: [-10, 20, 100],
  direction: [0, 1, 0, -1, 0, 0, 0, 0, 1],
};
const VOXELS = 40 * 36 * 18;

function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A non-integer image, so that float sums of different orders really differ. */
function randomImage(seed: number): Float32Array {
  const random = createPrng(seed);
  return Float32Array.from({ length: VOXELS }, () => -50 + 250 * random());
}

interface Edit {
  box: IndexBox;
  before: Uint8Array;
  after: Uint8Array;
}

/**
 * Edits `labels` inside `box` as an editor does and returns the record: each voxel's new label
 * is `rule(label, i, j, k)`.
 */
function edit(
  labels: Uint8Array,
  box: IndexBox,
  rule: (label: number, i: number, j: number, k: number) => number,
): Edit {
  const [nx, ny] = G.dimensions;
  const before: number[] = [];
  const after: number[] = [];
  for (let k = box.min[2]; k <= box.max[2]; k++)
    for (let j = box.min[1]; j <= box.max[1]; j++)
      for (let i = box.min[0]; i <= box.max[0]; i++) {
        const q = (k * ny + j) * nx + i;
        before.push(labels[q]!);
        labels[q] = rule(labels[q]!, i, j, k);
        after.push(labels[q]!);
      }
  return { box, before: Uint8Array.from(before), after: Uint8Array.from(after) };
}

/** Paints a sphere of `radiusMm` around voxel `centre` (voxel centres inside) with `segment`. */
function paintSphere(labels: Uint8Array, centre: Vec3, radiusMm: number, segment: number): Edit {
  const r = G.spacingMm.map((s) => Math.ceil(radiusMm / s));
  const box: IndexBox = {
    min: [0, 1, 2].map((a) => Math.max(0, centre[a]! - r[a]!)) as unknown as Vec3,
    max: [0, 1, 2].map((a) =>
      Math.min(G.dimensions[a]! - 1, centre[a]! + r[a]!),
    ) as unknown as Vec3,
  };
  const [sx, sy, sz] = G.spacingMm;
  return edit(labels, box, (label, i, j, k) =>
    ((i - centre[0]) * sx) ** 2 + ((j - centre[1]) * sy) ** 2 + ((k - centre[2]) * sz) ** 2 <=
    radiusMm ** 2
      ? segment
      : label,
  );
}

function flatten(stats: LesionStatistics): number[] {
  const diameter = (d: LesionStatistics['longestAxial']) =>
    d ? [d.lengthMm, ...d.fromMm, ...d.toMm, d.slice] : [];
  return [
    stats.volumeMl,
    stats.mean ?? NaN,
    stats.sd ?? NaN,
    stats.min ?? NaN,
    stats.max ?? NaN,
    ...(stats.centroidMm ?? []),
    ...diameter(stats.longestAxial),
    ...diameter(stats.shortAxis),
    stats.maximum3dDiameterMm ?? NaN,
  ];
}

/** Tracker results against a fresh full pass: the same segments, counts exactly, floats to 1e-9. */
function expectSameAsFresh(
  tracked: Map<number, LesionStatistics>,
  labels: Uint8Array,
  image: Float32Array,
): void {
  const fresh = computeAllLesionStatistics({ labels, image, grid: G });
  expect([...tracked.keys()]).toEqual([...fresh.keys()]);
  for (const [segment, expected] of fresh) {
    const actual = tracked.get(segment)!;
    expect(actual.voxelCount).toBe(expected.voxelCount);
    const a = flatten(actual);
    const e = flatten(expected);
    expect(a.length).toBe(e.length);
    a.forEach((v, n) =>
      expect(Math.abs(v - e[n]!), `segment ${segment}, field ${n}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(e[n]!)),
      ),
    );
  }
}

describe('createLesionStatisticsTracker', () => {
  it('matches a fresh full computation after painting, erasing and painting over', () => {
    const labels = new Uint8Array(VOXELS);
    const image = randomImage(3);
    labels.fill(9, 0, 200); // a segment the edits never touch
    const tracker = createLesionStatisticsTracker({ labels, image, grid: G });
    const apply = (e: Edit) => tracker.applyEdit(e.box, e.before, e.after);

    apply(paintSphere(labels, [15, 15, 8], 6, 1));
    expectSameAsFresh(tracker.getAll(), labels, image);
    // Erase the half of segment 1 beyond i = 15.
    apply(
      edit(labels, { min: [16, 0, 0], max: [39, 35, 17] }, (label) => (label === 1 ? 0 : label)),
    );
    expectSameAsFresh(tracker.getAll(), labels, image);
    // Segment 2 painted over part of segment 1, then a far blob of segment 2.
    apply(paintSphere(labels, [12, 19, 9], 4, 2));
    expectSameAsFresh(tracker.getAll(), labels, image);
    const far = paintSphere(labels, [33, 30, 2], 3, 2);
    apply(far);
    expectSameAsFresh(tracker.getAll(), labels, image);
    // Undo the far blob: the record with before and after swapped.
    edit(labels, far.box, (_label, i, j, k) => {
      const [bx, by] = [far.box.max[0] - far.box.min[0] + 1, far.box.max[1] - far.box.min[1] + 1];
      const at = ((k - far.box.min[2]) * by + (j - far.box.min[1])) * bx + (i - far.box.min[0]);
      return far.before[at]!;
    });
    tracker.applyEdit(far.box, far.after, far.before);
    expectSameAsFresh(tracker.getAll(), labels, image);
  });

  it('counts a painted sphere exactly from the changed box', () => {
    const labels = new Uint8Array(VOXELS);
    const image = new Float32Array(VOXELS).fill(30);
    const tracker = createLesionStatisticsTracker({ labels, image, grid: G });
    const e = paintSphere(labels, [20, 18, 9], 5, 4);
    tracker.applyEdit(e.box, e.before, e.after);
    // Independent count: every voxel centre within 5 mm of voxel (20, 18, 9).
    let inside = 0;
    for (let k = 0; k < 18; k++)
      for (let j = 0; j < 36; j++)
        for (let i = 0; i < 40; i++)
          if (((i - 20) * 0.7) ** 2 + ((j - 18) * 0.8) ** 2 + ((k - 9) * 2) ** 2 <= 25) inside++;
    const stats = tracker.get(4);
    expect(stats.voxelCount).toBe(inside);
    expect(stats.volumeMl).toBeCloseTo((inside * 0.7 * 0.8 * 2) / 1000, 12);
    expect([stats.mean, stats.sd, stats.min, stats.max]).toEqual([30, 0, 30, 30]);
    // Voxel (20, 18, 9): origin + 20·0.7·row (0,1,0) + 18·0.8·column (−1,0,0) + 9·2·normal.
    expect(stats.centroidMm![0]).toBeCloseTo(-10 - 14.4, 9);
    expect(stats.centroidMm![1]).toBeCloseTo(20 + 14, 9);
    expect(stats.centroidMm![2]).toBeCloseTo(100 + 18, 9);
  });

  it('finds the new maximum after the voxel holding it is erased', () => {
    const labels = new Uint8Array(VOXELS);
    const image = new Float32Array(VOXELS);
    [5, 7, 9].forEach((value, n) => {
      labels[100 + n] = 1;
      image[100 + n] = value;
    });
    const tracker = createLesionStatisticsTracker({ labels, image, grid: G });
    expect([tracker.get(1).min, tracker.get(1).max]).toEqual([5, 9]);
    // Voxel 102 = (i 22, j 2, k 0).
    const e = edit(labels, { min: [22, 2, 0], max: [22, 2, 0] }, () => 0);
    tracker.applyEdit(e.box, e.before, e.after);
    expect(tracker.get(1)).toMatchObject({ voxelCount: 2, mean: 6, min: 5, max: 7 });
  });

  it('keeps the statistics of segments an edit did not touch', () => {
    const labels = new Uint8Array(VOXELS);
    const image = randomImage(5);
    paintSphere(labels, [10, 10, 5], 4, 1);
    paintSphere(labels, [28, 25, 12], 4, 2);
    const tracker = createLesionStatisticsTracker({ labels, image, grid: G });
    const first1 = tracker.get(1);
    const first2 = tracker.get(2);
    const e = paintSphere(labels, [12, 10, 5], 3, 1);
    tracker.applyEdit(e.box, e.before, e.after);
    expect(tracker.get(2)).toBe(first2);
    expect(tracker.get(1)).not.toBe(first1);
    expect(tracker.get(1).voxelCount).toBeGreaterThan(first1.voxelCount);
  });

  it('forgets a segment erased completely and measures it afresh when painted again', () => {
    const labels = new Uint8Array(VOXELS);
    const image = randomImage(8);
    paintSphere(labels, [10, 10, 5], 4, 3);
    const tracker = createLesionStatisticsTracker({ labels, image, grid: G });
    const all: IndexBox = { min: [0, 0, 0], max: [39, 35, 17] };
    const wipe = edit(labels, all, () => 0);
    tracker.applyEdit(wipe.box, wipe.before, wipe.after);
    expect(tracker.get(3)).toMatchObject({ voxelCount: 0, mean: null, maximum3dDiameterMm: null });
    expect(tracker.getAll().size).toBe(0);
    const again = paintSphere(labels, [30, 28, 14], 2, 3);
    tracker.applyEdit(again.box, again.before, again.after);
    expectSameAsFresh(tracker.getAll(), labels, image);
  });

  it('rejects a box outside the grid and records of the wrong size', () => {
    const labels = new Uint8Array(VOXELS);
    const tracker = createLesionStatisticsTracker({ labels, image: randomImage(1), grid: G });
    const one = new Uint8Array(1);
    expect(() => tracker.applyEdit({ min: [0, 0, 18], max: [0, 0, 18] }, one, one)).toThrow(
      expect.objectContaining({ code: 'INVALID_BOX' }),
    );
    expect(() =>
      tracker.applyEdit({ min: [0, 0, 0], max: [1, 0, 0] }, one, new Uint8Array(2)),
    ).toThrow(expect.objectContaining({ code: 'SIZE_MISMATCH' }));
    expect(() => tracker.get(0)).toThrow(expect.objectContaining({ code: 'INVALID_SEGMENT' }));
  });
});
