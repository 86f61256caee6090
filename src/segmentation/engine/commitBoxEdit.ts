import { boxSize, readBox, writeBox } from './boxMath.ts';
import type { Box, EditRecord, Labelmap } from './types.ts';

/**
 * Writes `after` (box-sized) into the labelmap and returns the undo record, cropped to the
 * voxels that actually changed; null when none did. Used by effects that compute a whole box.
 */
export function commitBoxEdit(
  labelmap: Labelmap,
  box: Box,
  after: Uint8Array,
  label: string,
): EditRecord | null {
  const { data, geometry } = labelmap;
  const [bx, by, bz] = boxSize(box);
  const before = readBox(data, geometry, box);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  let changedVoxels = 0;
  let q = 0;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      for (let x = 0; x < bx; x++, q++) {
        if (before[q] === after[q]) continue;
        changedVoxels++;
        lo[0] = Math.min(lo[0] ?? 0, x);
        hi[0] = Math.max(hi[0] ?? 0, x);
        lo[1] = Math.min(lo[1] ?? 0, y);
        hi[1] = Math.max(hi[1] ?? 0, y);
        lo[2] = Math.min(lo[2] ?? 0, z);
        hi[2] = z;
      }
    }
  }
  if (changedVoxels === 0) return null;
  const tight: Box = {
    min: [box.min[0] + (lo[0] ?? 0), box.min[1] + (lo[1] ?? 0), box.min[2] + (lo[2] ?? 0)],
    max: [box.min[0] + (hi[0] ?? 0), box.min[1] + (hi[1] ?? 0), box.min[2] + (hi[2] ?? 0)],
  };
  const [tx, ty, tz] = boxSize(tight);
  const crop = (values: Uint8Array): Uint8Array => {
    const out = new Uint8Array(tx * ty * tz);
    let at = 0;
    for (let z = 0; z < tz; z++) {
      for (let y = 0; y < ty; y++) {
        const from = (lo[0] ?? 0) + bx * ((lo[1] ?? 0) + y + by * ((lo[2] ?? 0) + z));
        out.set(values.subarray(from, from + tx), at);
        at += tx;
      }
    }
    return out;
  };
  const record = { box: tight, before: crop(before), after: crop(after), changedVoxels, label };
  writeBox(data, geometry, tight, record.after);
  return record;
}
