import { SegmentationError } from './SegmentationError.ts';
import { RLE_HEADER_BYTES, RLE_MAGIC, RLE_MAX_VARINT_BYTES } from './rleFormat.ts';

const corrupt = (message: string): SegmentationError =>
  new SegmentationError('CORRUPT_RLE', message);

/**
 * Decodes encodeLabelmapRle output into `length` voxels. Every run is bounds-checked before it
 * is written; a wrong header, a run past the end, a short total or trailing bytes all throw
 * SegmentationError CORRUPT_RLE.
 */
export function decodeLabelmapRle(bytes: Uint8Array, length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff)
    throw new SegmentationError('INVALID_ARGUMENT', `length ${length} is not a uint32`);
  if (bytes.length < RLE_HEADER_BYTES || RLE_MAGIC.some((b, i) => bytes[i] !== b))
    throw corrupt('not labelmap RLE (bad header)');
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(4, true);
  if (declared !== length) throw corrupt(`encoded for ${declared} voxels, expected ${length}`);
  const out = new Uint8Array(length);
  let p = RLE_HEADER_BYTES;
  let o = 0;
  while (p < bytes.length) {
    const value = bytes[p++] ?? 0;
    let run = 0;
    let shift = 0;
    for (let used = 0; ; used++) {
      if (used === RLE_MAX_VARINT_BYTES) throw corrupt(`run length too long at byte ${p}`);
      if (p >= bytes.length) throw corrupt('input ends inside a run length');
      const byte = bytes[p++] ?? 0;
      // Multiplication, not <<, so a fifth byte cannot overflow into the sign bit.
      run += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    if (run === 0) throw corrupt(`empty run at byte ${p}`);
    if (run > length - o) throw corrupt(`run of ${run} at byte ${p} passes the end (${length})`);
    out.fill(value, o, o + run);
    o += run;
  }
  if (o !== length) throw corrupt(`input ends after ${o} of ${length} voxels`);
  return out;
}
