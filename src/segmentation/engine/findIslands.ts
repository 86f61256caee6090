import { labelIslands } from './labelIslands.ts';
import type { Connectivity, Island, Labelmap } from './types.ts';

/** Connected components of a segment, largest first (6-connectivity unless told otherwise). */
export function findIslands(
  labelmap: Labelmap,
  segment: number,
  connectivity: Connectivity = 6,
): Island[] {
  const found = labelIslands(labelmap, segment, connectivity);
  return (found?.islands ?? []).map(({ voxelCount, box, seed }) => ({ voxelCount, box, seed }));
}
