import type { VolumeData } from './types.ts';

/** How one frame's samples are stored (PS3.3 C.7.6.3.1: BitsAllocated/Stored, HighBit, sign). */
export interface StoredFormat {
  bitsAllocated: 8 | 16 | 32;
  bitsStored: number;
  highBit: number;
  signed: boolean;
  bigEndian: boolean;
}

/** Output range of one converted frame, or overflow when a value does not fit `dst`. */
export type ConversionOutcome = { overflow: false; min: number; max: number } | { overflow: true };

type RawSamples = Uint8Array | Uint16Array | Uint32Array;

/** The stored words as unsigned integers, viewed in place when aligned and little-endian. */
function rawSamples(src: Uint8Array, format: StoredFormat, count: number): RawSamples {
  const size = format.bitsAllocated / 8;
  if (size === 1) return src.subarray(0, count);
  const aligned = src.byteOffset % size === 0;
  if (!format.bigEndian && aligned) {
    return size === 2
      ? new Uint16Array(src.buffer, src.byteOffset, count)
      : new Uint32Array(src.buffer, src.byteOffset, count);
  }
  const view = new DataView(src.buffer, src.byteOffset, count * size);
  const littleEndian = !format.bigEndian;
  if (size === 2) {
    const out = new Uint16Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getUint16(i * 2, littleEndian);
    return out;
  }
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint32(i * 4, littleEndian);
  return out;
}

function rangeOf(dst: VolumeData): [number, number] {
  if (dst instanceof Int16Array) return [-32768, 32767];
  if (dst instanceof Uint16Array) return [0, 65535];
  if (dst instanceof Uint8Array) return [0, 255];
  return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
}

/**
 * Reference (plain JS) conversion of one frame: extracts the stored bits (masking unsigned,
 * sign-extending signed values, PS3.5 §8.1.1), applies the modality LUT
 * `value × slope + intercept` and writes `count` values into `dst` from `dstOffset`.
 * Works for every format; the SIMD path in `createSimdConverter` is the fast one.
 */
export function convertFramePixels(
  src: Uint8Array,
  format: StoredFormat,
  count: number,
  slope: number,
  intercept: number,
  dst: VolumeData,
  dstOffset: number,
): ConversionOutcome {
  const raw = rawSamples(src, format, count);
  // Shift the high bit to bit 31, then back down by 32 − BitsStored (signed or unsigned).
  const up = 31 - format.highBit;
  const down = 32 - format.bitsStored;
  const [low, high] = rangeOf(dst);
  const isFloat = dst instanceof Float32Array;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  if (format.signed) {
    for (let i = 0; i < count; i++) {
      const stored = ((raw[i] ?? 0) << up) >> down;
      const value = isFloat ? Math.fround(stored * slope + intercept) : stored * slope + intercept;
      if (value < min) min = value;
      if (value > max) max = value;
      dst[dstOffset + i] = value;
    }
  } else {
    for (let i = 0; i < count; i++) {
      const stored = ((raw[i] ?? 0) << up) >>> down;
      const value = isFloat ? Math.fround(stored * slope + intercept) : stored * slope + intercept;
      if (value < min) min = value;
      if (value > max) max = value;
      dst[dstOffset + i] = value;
    }
  }
  if (min < low || max > high || (!isFloat && (!Number.isInteger(min) || !Number.isInteger(max)))) {
    return { overflow: true };
  }
  return { overflow: false, min, max };
}
