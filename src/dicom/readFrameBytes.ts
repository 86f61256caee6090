import { describeTransferSyntax } from './frameDecoders.ts';
import {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './readDataSet.ts';
import { nativeFrameByteLength } from './readPixelDataRef.ts';
import { toIngestError } from './toIngestError.ts';
import type {
  ByteRange,
  FrameDecoderRegistry,
  FrameRef,
  IngestError,
  ParsedInstance,
  Result,
} from './types.ts';

const NATIVE_SYNTAXES = new Set([
  IMPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
]);

/** Uncompressed syntaxes: encapsulated fragments of these hold raw frames. */
export function isNativeTransferSyntax(uid: string): boolean {
  return NATIVE_SYNTAXES.has(uid);
}

export interface FrameBytes {
  bytes: Uint8Array;
  /** True when 16/32-bit samples are stored most significant byte first. */
  bigEndian: boolean;
}

function failure(
  instance: ParsedInstance,
  code: IngestError['code'],
  message: string,
): Result<FrameBytes> {
  return { ok: false, error: { code, message, file: instance.file } };
}

/** Fragments of one frame: all of them, one each, or as the Basic Offset Table says. */
function fragmentsOfFrame(
  fragments: ByteRange[],
  basicOffsetTable: number[],
  numberOfFrames: number,
  frameIndex: number,
): ByteRange[] | null {
  if (numberOfFrames === 1) return fragments;
  if (fragments.length === numberOfFrames) {
    const only = fragments[frameIndex];
    return only ? [only] : null;
  }
  if (basicOffsetTable.length !== numberOfFrames) return null;
  // Offsets count from the first fragment's item tag (PS3.5 A.4); ours point 8 bytes later.
  const base = fragments[0]?.byteOffset ?? 0;
  const start = basicOffsetTable[frameIndex] ?? 0;
  const end = basicOffsetTable[frameIndex + 1] ?? Number.POSITIVE_INFINITY;
  const selected = fragments.filter(
    (f) => f.byteOffset - base >= start && f.byteOffset - base < end,
  );
  return selected.length > 0 ? selected : null;
}

function concatenate(bytes: Uint8Array, ranges: ByteRange[]): Uint8Array {
  const [only] = ranges;
  if (ranges.length === 1 && only)
    return bytes.subarray(only.byteOffset, only.byteOffset + only.byteLength);
  const out = new Uint8Array(ranges.reduce((sum, range) => sum + range.byteLength, 0));
  let at = 0;
  for (const range of ranges) {
    out.set(bytes.subarray(range.byteOffset, range.byteOffset + range.byteLength), at);
    at += range.byteLength;
  }
  return out;
}

/**
 * The stored bytes of one frame: a view into the file for native pixel data, or the output of
 * the registered decoder for an encapsulated (compressed) transfer syntax.
 */
export function readFrameBytes(
  frame: FrameRef,
  decoders: FrameDecoderRegistry,
): Result<FrameBytes> {
  const instance = frame.instance;
  const ref = instance.pixelData;
  if (!ref) return failure(instance, 'MISSING_ATTRIBUTE', 'no PixelData');
  const frameLength = nativeFrameByteLength(
    instance.rows,
    instance.columns,
    instance.samplesPerPixel,
    instance.bitsAllocated,
    ref.encapsulated ? '' : instance.photometricInterpretation,
  );
  if (!ref.encapsulated) {
    const start = ref.byteOffset + frame.frameIndex * frameLength;
    const end = start + frameLength;
    if (end > instance.bytes.length || end > ref.byteOffset + ref.byteLength) {
      return failure(instance, 'TRUNCATED', `frame ${frame.frameIndex} ends past the pixel data`);
    }
    return {
      ok: true,
      value: { bytes: instance.bytes.subarray(start, end), bigEndian: !instance.littleEndian },
    };
  }
  const ranges = fragmentsOfFrame(
    ref.fragments,
    ref.basicOffsetTable,
    instance.numberOfFrames,
    frame.frameIndex,
  );
  if (!ranges) {
    return failure(
      instance,
      'DECODE_FAILED',
      `cannot tell which fragments hold frame ${frame.frameIndex} (no usable Basic Offset Table)`,
    );
  }
  const compressed = concatenate(instance.bytes, ranges);
  if (NATIVE_SYNTAXES.has(instance.transferSyntaxUid)) {
    // Some writers encapsulate uncompressed pixels; the fragments are then the raw frame.
    if (compressed.length < frameLength)
      return failure(instance, 'TRUNCATED', `frame ${frame.frameIndex} is short`);
    return {
      ok: true,
      value: { bytes: compressed.subarray(0, frameLength), bigEndian: !instance.littleEndian },
    };
  }
  const decode = decoders.get(instance.transferSyntaxUid);
  if (!decode) {
    return failure(
      instance,
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `no decoder registered for transfer syntax ${describeTransferSyntax(instance.transferSyntaxUid)}`,
    );
  }
  try {
    const decoded = decode(compressed, {
      transferSyntaxUid: instance.transferSyntaxUid,
      rows: instance.rows,
      columns: instance.columns,
      bitsAllocated: instance.bitsAllocated,
      bitsStored: instance.bitsStored,
      pixelRepresentation: instance.pixelRepresentation,
      samplesPerPixel: instance.samplesPerPixel,
      planarConfiguration: instance.planarConfiguration,
      photometricInterpretation: instance.photometricInterpretation,
    });
    if (decoded.byteLength < frameLength) {
      return failure(
        instance,
        'DECODE_FAILED',
        `decoder returned ${decoded.byteLength} bytes, ${frameLength} expected`,
      );
    }
    return {
      ok: true,
      value: {
        bytes: new Uint8Array(decoded.buffer, decoded.byteOffset, frameLength),
        bigEndian: false,
      },
    };
  } catch (thrown) {
    const error = toIngestError(thrown, instance.file);
    return {
      ok: false,
      error: { ...error, code: error.code === 'PARSE_FAILED' ? 'DECODE_FAILED' : error.code },
    };
  }
}
