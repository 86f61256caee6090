/**
 * A Uint32 view of the whole 4-byte words of `data`, or null when its offset is unaligned. Scans
 * use it to step over runs of one value four voxels at a time (most of a labelmap is empty).
 */
export function wordView(data: Uint8Array): Uint32Array | null {
  if (data.byteOffset % 4 !== 0) return null;
  return new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
}
