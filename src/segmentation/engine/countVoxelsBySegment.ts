import { wordView } from './wordView.ts';
import type { Labelmap } from './types.ts';

/** Voxels per label value (index 0 = empty): one full scan, done once at load. */
export function countVoxelsBySegment(labelmap: Labelmap): Uint32Array {
  const { data } = labelmap;
  const counts = new Uint32Array(256);
  const words = wordView(data);
  let start = 0;
  if (words) {
    let empty = 0;
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0) {
        empty += 4;
        continue;
      }
      const at = w << 2;
      for (let b = 0; b < 4; b++) {
        const v = data[at + b] ?? 0;
        counts[v] = (counts[v] ?? 0) + 1;
      }
    }
    counts[0] = (counts[0] ?? 0) + empty;
    start = words.length << 2;
  }
  for (let q = start; q < data.length; q++) {
    const v = data[q] ?? 0;
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}
