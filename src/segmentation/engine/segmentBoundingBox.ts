import { validateSegment } from './createLabelmap.ts';
import { isEmptyWord, wordView } from './wordView.ts';
import type { Box, Labelmap } from './types.ts';

/** The smallest box holding every voxel of `segment`, or null when it has none. Full scan. */
export function segmentBoundingBox(labelmap: Labelmap, segment: number): Box | null {
  validateSegment(segment);
  const { data, geometry } = labelmap;
  const [nx, ny] = geometry.dimensions;
  const sliceSize = nx * ny;
  let minI = Infinity;
  let maxI = -1;
  let minJ = Infinity;
  let maxJ = -1;
  let first = -1;
  let last = -1;
  const visit = (q: number): void => {
    if (first < 0) first = q;
    last = q;
    const i = q % nx;
    const j = ((q - i) / nx) % ny;
    if (i < minI) minI = i;
    if (i > maxI) maxI = i;
    if (j < minJ) minJ = j;
    if (j > maxJ) maxJ = j;
  };
  const words = wordView(data);
  let start = 0;
  if (words) {
    const length = words.length;
    let w = 0;
    for (;;) {
      // The tight skip over empty words is what makes a mostly empty volume fast.
      while (w < length && isEmptyWord(words[w])) w++;
      if (w >= length) break;
      const at = w << 3;
      for (let b = 0; b < 8; b++) if (data[at + b] === segment) visit(at + b);
      w++;
    }
    start = length << 3;
  }
  for (let q = start; q < data.length; q++) if (data[q] === segment) visit(q);
  if (first < 0) return null;
  return {
    min: [minI, minJ, Math.floor(first / sliceSize)],
    max: [maxI, maxJ, Math.floor(last / sliceSize)],
  };
}
