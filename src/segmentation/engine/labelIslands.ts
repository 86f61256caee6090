import { SegmentationError } from './SegmentationError.ts';
import { boxSize, readBox } from './boxMath.ts';
import { segmentBoundingBox } from './segmentBoundingBox.ts';
import type { Box, Connectivity, Island, Labelmap } from './types.ts';

export interface IslandLabels {
  /** The segment's bounding box; every array below is box-sized, x fastest. */
  readonly box: Box;
  /** The labelmap's values inside the box. */
  readonly values: Uint8Array;
  /** 0 = not the segment, n ≥ 1 = island number in discovery (x-fastest) order. */
  readonly labels: Int32Array;
  /** Largest first; ties keep discovery order. `id` is the island's number in `labels`. */
  readonly islands: ReadonlyArray<Island & { readonly id: number }>;
}

/**
 * Connected components of one segment, searched only inside its bounding box (breadth-first with
 * an explicit queue, no recursion, so a liver-sized island cannot overflow the stack).
 */
export function labelIslands(
  labelmap: Labelmap,
  segment: number,
  connectivity: Connectivity = 6,
): IslandLabels | null {
  if (connectivity !== 6 && connectivity !== 26)
    throw new SegmentationError('INVALID_ARGUMENT', `connectivity ${String(connectivity)}`);
  const box = segmentBoundingBox(labelmap, segment);
  if (!box) return null;
  const [bx, by, bz] = boxSize(box);
  const values = readBox(labelmap.data, labelmap.geometry, box);
  const labels = new Int32Array(values.length);
  // Grows on demand: a box-sized queue would double the memory for a large, sparse box.
  let queue = new Int32Array(Math.min(values.length, 4096));
  const offsets: number[] = []; // dx, dy, dz triples
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const order = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (order === 0 || (connectivity === 6 && order > 1)) continue;
        offsets.push(dx, dy, dz);
      }
    }
  }
  const islands: (Island & { id: number })[] = [];
  let next = 0;
  for (let seed = 0; seed < values.length; seed++) {
    if (values[seed] !== segment || labels[seed] !== 0) continue;
    const id = ++next;
    labels[seed] = id;
    queue[0] = seed;
    let head = 0;
    let tail = 1;
    const lo = [bx, by, bz];
    const hi = [0, 0, 0];
    while (head < tail) {
      const q = queue[head++] ?? 0;
      const x = q % bx;
      const y = ((q - x) / bx) % by;
      const z = (q - x - y * bx) / (bx * by);
      if (x < (lo[0] ?? 0)) lo[0] = x;
      if (x > (hi[0] ?? 0)) hi[0] = x;
      if (y < (lo[1] ?? 0)) lo[1] = y;
      if (y > (hi[1] ?? 0)) hi[1] = y;
      if (z < (lo[2] ?? 0)) lo[2] = z;
      if (z > (hi[2] ?? 0)) hi[2] = z;
      for (let o = 0; o < offsets.length; o += 3) {
        const xn = x + (offsets[o] ?? 0);
        const yn = y + (offsets[o + 1] ?? 0);
        const zn = z + (offsets[o + 2] ?? 0);
        if (xn < 0 || yn < 0 || zn < 0 || xn >= bx || yn >= by || zn >= bz) continue;
        const n = xn + bx * (yn + by * zn);
        if (values[n] !== segment || labels[n] !== 0) continue;
        labels[n] = id;
        if (tail === queue.length) {
          const grown = new Int32Array(Math.min(values.length, queue.length * 2));
          grown.set(queue);
          queue = grown;
        }
        queue[tail++] = n;
      }
    }
    const sx = seed % bx;
    const sy = ((seed - sx) / bx) % by;
    const sz = (seed - sx - sy * bx) / (bx * by);
    const [ox, oy, oz] = box.min;
    islands.push({
      id,
      voxelCount: tail,
      box: {
        min: [ox + (lo[0] ?? 0), oy + (lo[1] ?? 0), oz + (lo[2] ?? 0)],
        max: [ox + (hi[0] ?? 0), oy + (hi[1] ?? 0), oz + (hi[2] ?? 0)],
      },
      seed: [ox + sx, oy + sy, oz + sz],
    });
  }
  islands.sort((a, b) => b.voxelCount - a.voxelCount || a.id - b.id);
  return { box, values, labels, islands };
}
