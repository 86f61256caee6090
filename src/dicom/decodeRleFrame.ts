import { IngestFailure } from './toIngestError.ts';
import type { FrameDecodeInfo } from './types.ts';

export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/** Expands one PackBits segment into `out`, one byte every `stride` bytes from `outStart`. */
function decodeSegment(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  outStart: number,
  stride: number,
  count: number,
): void {
  let i = start;
  let k = 0;
  while (i < end && k < count) {
    const header = src[i++] ?? 0;
    if (header < 128) {
      // Literal run of header + 1 bytes.
      for (let n = header + 1; n > 0 && i < end && k < count; n--)
        out[outStart + k++ * stride] = src[i++] ?? 0;
    } else if (header > 128) {
      // Replicate the next byte 257 - header times (i.e. 1 - signed header).
      const value = src[i++] ?? 0;
      for (let n = 257 - header; n > 0 && k < count; n--) out[outStart + k++ * stride] = value;
    }
    // header === 128 (-128) is a no-op (PS3.5 G.3.1).
  }
  if (k < count)
    throw new IngestFailure('DECODE_FAILED', `RLE segment ends after ${k} of ${count} bytes`);
}

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one PackBits segment per
 * byte plane, most significant byte first. Returns little-endian, pixel-interleaved samples.
 */
export function decodeRleFrame(frame: Uint8Array, info: FrameDecodeInfo): Uint8Array {
  if (frame.length < 64)
    throw new IngestFailure('DECODE_FAILED', 'RLE frame shorter than its header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segmentCount = view.getUint32(0, true);
  const bytesPerSample = info.bitsAllocated / 8;
  const expectedSegments = bytesPerSample * info.samplesPerPixel;
  if (!Number.isInteger(bytesPerSample) || segmentCount !== expectedSegments || segmentCount > 15) {
    throw new IngestFailure(
      'DECODE_FAILED',
      `RLE frame has ${segmentCount} segments, ${expectedSegments} expected`,
    );
  }
  const pixels = info.rows * info.columns;
  const stride = bytesPerSample * info.samplesPerPixel;
  // Every segment is checked before the output is allocated: its offsets must lie in the frame,
  // and it must be long enough to expand to `pixels` bytes (2 input bytes give at most 128).
  const minimumSegment = 2 * Math.ceil(pixels / 128);
  const ranges: [number, number][] = [];
  for (let s = 0; s < segmentCount; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segmentCount ? view.getUint32(8 + 4 * s, true) : frame.length;
    if (start < 64 || end > frame.length || end < start) {
      throw new IngestFailure(
        'DECODE_FAILED',
        `RLE segment ${s} offsets ${start}–${end} out of range`,
      );
    }
    if (end - start < minimumSegment) {
      throw new IngestFailure(
        'DECODE_FAILED',
        `RLE segment ${s} has ${end - start} bytes, too few for ${pixels} pixels`,
      );
    }
    ranges.push([start, end]);
  }
  const out = new Uint8Array(pixels * stride);
  for (let s = 0; s < segmentCount; s++) {
    const [start, end] = ranges[s] ?? [0, 0];
    const sample = Math.floor(s / bytesPerSample);
    const byteFromMsb = s % bytesPerSample;
    const outStart = sample * bytesPerSample + (bytesPerSample - 1 - byteFromMsb);
    decodeSegment(frame, start, end, out, outStart, stride, pixels);
  }
  return out;
}
