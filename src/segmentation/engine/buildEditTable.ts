import { SegmentationError } from './SegmentationError.ts';
import { validateSegment } from './createLabelmap.ts';
import type { EditOptions, Labelmap } from './types.ts';

/** What an edit may do, resolved once per stroke so the per-voxel loop is two table lookups. */
export interface EditTable {
  /** editable[v] = 1 when a voxel holding v may become `value`. */
  readonly editable: Uint8Array;
  /** The value written: the active segment (paint) or 0 (erase). */
  readonly value: number;
  readonly threshold: EditOptions['threshold'] | null;
  /** False when no voxel can change (e.g. painting a locked segment). */
  readonly any: boolean;
}

/**
 * Resolves overwrite, locks and erase scope into a 256-entry table (Slicer's Segment Editor
 * semantics). Locked segments are never changed; painting a locked active segment or erasing it
 * with scope 'active' changes nothing; erase scope 'all' still erases every unlocked segment.
 */
export function buildEditTable(labelmap: Labelmap, options: EditOptions): EditTable {
  const { segment, mode, overwrite, lockedSegments, eraseScope = 'active', threshold } = options;
  // Erasing every segment needs no active one, so 0 is accepted there.
  if (!(mode === 'erase' && eraseScope === 'all' && segment === 0)) validateSegment(segment);
  if (threshold && threshold.image.length !== labelmap.data.length)
    throw new SegmentationError(
      'SIZE_MISMATCH',
      `threshold image has ${threshold.image.length} voxels, labelmap ${labelmap.data.length}`,
    );
  const locked = (v: number): boolean => v !== 0 && (lockedSegments?.has(v) ?? false);
  const editable = new Uint8Array(256);
  let any = false;
  for (let v = 0; v < 256; v++) {
    let ok: boolean;
    if (mode === 'paint')
      ok = !locked(segment) && v !== segment && !locked(v) && (overwrite === 'all' || v === 0);
    else if (eraseScope === 'all') ok = v !== 0 && !locked(v);
    else ok = v === segment && !locked(v);
    editable[v] = ok ? 1 : 0;
    any ||= ok;
  }
  return { editable, value: mode === 'paint' ? segment : 0, threshold: threshold ?? null, any };
}
