import { SegmentationError } from './SegmentationError.ts';
import type { EditRecord } from './types.ts';

/**
 * Updates per-label voxel counts (from countVoxelsBySegment) for an edit done ('do', also after
 * redo) or undone ('undo'), reading only the record's box.
 */
export function applyCountDelta(
  counts: Uint32Array,
  record: EditRecord,
  direction: 'do' | 'undo',
): void {
  if (counts.length !== 256 || record.before.length !== record.after.length)
    throw new SegmentationError('SIZE_MISMATCH', 'counts need 256 entries, before = after length');
  const from = direction === 'do' ? record.before : record.after;
  const to = direction === 'do' ? record.after : record.before;
  for (let q = 0; q < from.length; q++) {
    const a = from[q] ?? 0;
    const b = to[q] ?? 0;
    if (a === b) continue;
    counts[a] = (counts[a] ?? 0) - 1;
    counts[b] = (counts[b] ?? 0) + 1;
  }
}
