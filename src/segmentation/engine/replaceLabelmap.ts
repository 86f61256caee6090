import { SegmentationError } from './SegmentationError.ts';
import { readBox } from './boxMath.ts';
import { commitBoxEdit } from './commitBoxEdit.ts';
import type { Box, EditRecord, Labelmap } from './types.ts';

/** The smallest box holding every voxel where `a` and `b` differ (x-fastest volumes), or null. */
function differenceBox(
  a: Uint8Array,
  b: Uint8Array,
  nx: number,
  ny: number,
  nz: number,
): Box | null {
  const min = [nx, ny, nz];
  const max = [-1, -1, -1];
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      let first = 0;
      while (first < nx && a[row + first] === b[row + first]) first++;
      if (first === nx) continue;
      let last = nx - 1;
      while (a[row + last] === b[row + last]) last--;
      if (first < (min[0] ?? 0)) min[0] = first;
      if (last > (max[0] ?? 0)) max[0] = last;
      if (j < (min[1] ?? 0)) min[1] = j;
      if (j > (max[1] ?? 0)) max[1] = j;
      if (k < (min[2] ?? 0)) min[2] = k;
      max[2] = k;
    }
  }
  if ((max[2] ?? -1) < 0) return null;
  return {
    min: [min[0] ?? 0, min[1] ?? 0, min[2] ?? 0],
    max: [max[0] ?? 0, max[1] ?? 0, max[2] ?? 0],
  };
}

/**
 * Writes a whole new labelmap (e.g. a loaded DICOM SEG) over the old one as one undo step that
 * holds only the box where voxels changed, never a copy of the volume. Null when nothing changed.
 */
export function replaceLabelmap(
  labelmap: Labelmap,
  data: Uint8Array,
  label: string,
): EditRecord | null {
  const [nx, ny, nz] = labelmap.geometry.dimensions;
  if (data.length !== labelmap.data.length)
    throw new SegmentationError(
      'SIZE_MISMATCH',
      `new labelmap holds ${data.length} voxels, the grid ${labelmap.data.length}`,
    );
  const box = differenceBox(labelmap.data, data, nx, ny, nz);
  return box ? commitBoxEdit(labelmap, box, readBox(data, labelmap.geometry, box), label) : null;
}
