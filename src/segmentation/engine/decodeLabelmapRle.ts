import { SegmentationError } from './SegmentationError.ts';
import { RLE_HEADER_BYTES, RLE_MAGIC, RLE_MAX_VARINT_BYTES } from './rleFormat.ts';

const corrupt = (message: string): SegmentationError =>
  new SegmentationError('CORRUPT_RLE', message);

/** Calls run(value, start, length) for each run after checking it; throws CORRUPT_RLE. */
function forEachRun(
  bytes: Uint8Array,
  length: number,
  run: (value: number, start: number, count: number) => void,
): void {
  let p = RLE_HEADER_BYTES;
  let o = 0;
  while (p < bytes.length) {
    const value = bytes[p++] ?? 0;
    let count = 0;
    let shift = 0;
    for (let used = 0; ; used++) {
      if (used === RLE_MAX_VARINT_BYTES) throw corrupt(`run length too long at byte ${p}`);
      if (p >= bytes.length) throw corrupt('input ends inside a run length');
      const byte = bytes[p++] ?? 0;
      // Multiplication, not <<, so a fifth byte cannot overflow into the sign bit.
      count += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    if (count === 0) throw corrupt(`empty run at byte ${p}`);
    if (count > length - o)
      throw corrupt(`run of ${count} at byte ${p} passes the end (${length})`);
    run(value, o, count);
    o += count;
  }
  if (o !== length) throw corrupt(`input ends after ${o} of ${length} voxels`);
}

/**
 * Decodes encodeLabelmapRle output into `length` voxels: a new array, or `into` (e.g. a live
 * labelmap's data, sparing a 78 MB allocation). The whole stream is checked before the first
 * voxel is written, so corrupt input (foreign header, wrong length, a run past the end, a short
 * total, trailing bytes) throws CORRUPT_RLE and leaves `into` untouched.
 */
export function decodeLabelmapRle(
  bytes: Uint8Array,
  length: number,
  into?: Uint8Array,
): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff)
    throw new SegmentationError('INVALID_ARGUMENT', `length ${length} is not a uint32`);
  if (into && into.length !== length)
    throw new SegmentationError('SIZE_MISMATCH', `target has ${into.length} voxels, not ${length}`);
  if (bytes.length < RLE_HEADER_BYTES || RLE_MAGIC.some((b, i) => bytes[i] !== b))
    throw corrupt('not labelmap RLE (bad header)');
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(4, true);
  if (declared !== length) throw corrupt(`encoded for ${declared} voxels, expected ${length}`);
  forEachRun(bytes, length, () => undefined);
  const out = into ?? new Uint8Array(length);
  // A new array is already zero: only the other runs need writing.
  const fresh = !into;
  forEachRun(bytes, length, (value, start, count) => {
    if (value !== 0 || !fresh) out.fill(value, start, start + count);
  });
  return out;
}
