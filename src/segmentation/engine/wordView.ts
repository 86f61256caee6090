/**
 * The whole 8-byte words of `data` as float64, or null when its offset is not 8-aligned. Scans
 * step over empty words with it, eight voxels per comparison: a float64 compare is the fastest
 * whole-word test V8 offers (Uint32 loads above 2^31 leave the integer fast path), and only two
 * bit patterns compare equal to 0: +0 (all bytes 0) and −0 (0x80 in the top byte), which
 * `isEmptyWord` tells apart.
 */
export function wordView(data: Uint8Array): Float64Array | null {
  if (data.byteOffset % 8 !== 0) return null;
  return new Float64Array(data.buffer, data.byteOffset, data.length >> 3);
}

/** True when the word's 8 voxels are all 0. */
export function isEmptyWord(word: number | undefined): boolean {
  return word === 0 && !Object.is(word, -0);
}
