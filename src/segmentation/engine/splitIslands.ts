import { validateSegment } from './createLabelmap.ts';
import { commitBoxEdit } from './commitBoxEdit.ts';
import { labelIslands } from './labelIslands.ts';
import type { Connectivity, EditRecord, Labelmap } from './types.ts';

export interface SplitIslandsResult {
  readonly record: EditRecord | null;
  /** Segment indices given to islands, in order of decreasing island size. */
  readonly created: number[];
}

/**
 * Slicer's "Split islands to segments": the largest island keeps `segment`, each other island
 * (largest first) gets `nextSegment()`. When that returns null (no free index) the remaining
 * islands stay in `segment`.
 */
export function splitIslands(
  labelmap: Labelmap,
  segment: number,
  nextSegment: () => number | null,
  connectivity: Connectivity = 6,
  label = 'Split islands',
): SplitIslandsResult {
  const found = labelIslands(labelmap, segment, connectivity);
  const created: number[] = [];
  if (!found || found.islands.length < 2) return { record: null, created };
  const valueOf = new Uint8Array(found.islands.length + 1);
  valueOf.fill(segment);
  for (const island of found.islands.slice(1)) {
    const index = nextSegment();
    if (index === null) break;
    validateSegment(index);
    valueOf[island.id] = index;
    created.push(index);
  }
  const after = found.values.slice();
  for (let q = 0; q < after.length; q++) {
    const id = found.labels[q] ?? 0;
    if (id !== 0) after[q] = valueOf[id] ?? segment;
  }
  return { record: commitBoxEdit(labelmap, found.box, after, label), created };
}
