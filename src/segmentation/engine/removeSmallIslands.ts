import { SegmentationError } from './SegmentationError.ts';
import { commitBoxEdit } from './commitBoxEdit.ts';
import { labelIslands } from './labelIslands.ts';
import type { Connectivity, EditRecord, Labelmap } from './types.ts';

/** Slicer's "Remove small islands": erases islands of fewer than `minVoxels` voxels. */
export function removeSmallIslands(
  labelmap: Labelmap,
  segment: number,
  minVoxels: number,
  connectivity: Connectivity = 6,
  label = 'Remove small islands',
): EditRecord | null {
  if (!(minVoxels >= 0))
    throw new SegmentationError('INVALID_ARGUMENT', `minVoxels ${minVoxels} is not ≥ 0`);
  const found = labelIslands(labelmap, segment, connectivity);
  if (!found) return null;
  const erase = new Uint8Array(found.islands.length + 1);
  for (const island of found.islands) if (island.voxelCount < minVoxels) erase[island.id] = 1;
  const after = found.values.slice();
  for (let q = 0; q < after.length; q++) if (erase[found.labels[q] ?? 0] === 1) after[q] = 0;
  return commitBoxEdit(labelmap, found.box, after, label);
}
