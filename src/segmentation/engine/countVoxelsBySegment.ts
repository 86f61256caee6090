import { isEmptyWord, wordView } from './wordView.ts';
import type { Labelmap } from './types.ts';

/** Voxels per label value (index 0 = empty): one full scan, done once at load. */
export function countVoxelsBySegment(labelmap: Labelmap): Uint32Array {
  const { data } = labelmap;
  const counts = new Uint32Array(256);
  const words = wordView(data);
  let start = 0;
  if (words) {
    const length = words.length;
    let nonEmptyWords = 0;
    let w = 0;
    for (;;) {
      // The tight skip over empty words is what makes a mostly empty volume fast.
      while (w < length && isEmptyWord(words[w])) w++;
      if (w >= length) break;
      nonEmptyWords++;
      const at = w << 3;
      for (let b = 0; b < 8; b++) {
        const v = data[at + b] ?? 0;
        counts[v] = (counts[v] ?? 0) + 1;
      }
      w++;
    }
    counts[0] = (counts[0] ?? 0) + 8 * (length - nonEmptyWords);
    start = length << 3;
  }
  for (let q = start; q < data.length; q++) {
    const v = data[q] ?? 0;
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}
