import { RLE_LOSSLESS } from './decodeRleFrame.ts';
import { IngestFailure } from './toIngestError.ts';
import type { ByteRange } from './types.ts';

/**
 * More frames than any clinical object has (enhanced MR time series reach ~20,000): per-frame
 * attributes are kept for every frame, so the count must be bounded before they are read.
 */
export const MAX_FRAMES = 100_000;

/**
 * Largest decoded/compressed ratio believed for codecs other than RLE. Lossless JPEG, JPEG-LS
 * and JPEG 2000 of clinical images stay under ~1:50 (lossy under ~1:100); only near-blank
 * frames go further, and those up to MIN_ALLOWED_DECODED_BYTES are always accepted.
 */
export const MAX_COMPRESSION_RATIO = 1024;
const MIN_ALLOWED_DECODED_BYTES = 4 * 2 ** 20;

// PS3.5 G.5: each RLE frame starts with a 64-byte header of segment offsets.
const RLE_HEADER_BYTES = 64;
// PS3.5 G.3.1: a replicate run (2 bytes) expands to at most 128 bytes.
const RLE_MAX_RUN = 128;

/**
 * Refuses, before anything is decoded or allocated, compressed pixel data that cannot hold the
 * frames the header declares: for RLE exactly (every 2 bytes yield at most 128), for other
 * codecs beyond MAX_COMPRESSION_RATIO. Without this a 3 KB file declaring 65535×65535 frames
 * would make assembly allocate gigabytes before its decoder says no.
 */
export function checkEncapsulatedSize(
  transferSyntaxUid: string,
  fragments: readonly ByteRange[],
  frameBytes: number,
  numberOfFrames: number,
  pixelDataOffset: number | undefined,
): void {
  const compressed = fragments.reduce((sum, f) => sum + f.byteLength, 0);
  const declared = frameBytes * numberOfFrames;
  if (transferSyntaxUid === RLE_LOSSLESS) {
    const minimum = numberOfFrames * (RLE_HEADER_BYTES + 2 * Math.ceil(frameBytes / RLE_MAX_RUN));
    if (compressed < minimum) {
      throw new IngestFailure(
        'TRUNCATED',
        `RLE pixel data holds ${compressed} bytes; at least ${minimum} are needed to encode ` +
          `${numberOfFrames} frame(s) of ${frameBytes} bytes`,
        pixelDataOffset,
      );
    }
    return;
  }
  if (declared > Math.max(MIN_ALLOWED_DECODED_BYTES, compressed * MAX_COMPRESSION_RATIO)) {
    throw new IngestFailure(
      'TOO_LARGE',
      `${numberOfFrames} frame(s) of ${frameBytes} bytes declared from ${compressed} compressed ` +
        `bytes (more than 1:${MAX_COMPRESSION_RATIO}); refused before decoding`,
      pixelDataOffset,
    );
  }
}
