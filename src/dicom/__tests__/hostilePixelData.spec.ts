import { describe, expect, it } from 'vitest';
import { assembleVolume } from '../assembleVolume.ts';
import { checkEncapsulatedSize, MAX_COMPRESSION_RATIO, MAX_FRAMES } from '../checkPixelDataSize.ts';
import { decodeRleFrame, RLE_LOSSLESS } from '../decodeRleFrame.ts';
import { createFrameDecoderRegistry } from '../frameDecoders.ts';
import { ingestFiles } from '../ingestFiles.ts';
import { parseInstance } from '../parseInstance.ts';
import type { FrameDecoderRegistry, InputFile, Series } from '../types.ts';
import { makeSeries, makeSlice } from './fixtures.ts';

/** Byte position of `pattern` in `bytes` (the fixture files are small). */
function find(bytes: Uint8Array, pattern: number[]): number {
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  throw new Error(`pattern ${pattern.join(',')} not found`);
}

// Explicit VR little endian headers: (0028,0010) Rows US 2, and encapsulated (7FE0,0010) OB.
const ROWS_HEADER = [0x28, 0, 0x10, 0, 0x55, 0x53, 2, 0];
const COLUMNS_HEADER = [0x28, 0, 0x11, 0, 0x55, 0x53, 2, 0];
const PIXEL_DATA_HEADER = [0xe0, 0x7f, 0x10, 0, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff];

function setUint16(bytes: Uint8Array, at: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint16(at, value, true);
}

/** Offset of the first RLE fragment (after the empty Basic Offset Table item). */
function firstFragment(bytes: Uint8Array): number {
  return find(bytes, PIXEL_DATA_HEADER) + PIXEL_DATA_HEADER.length + 8 + 8;
}

function onlySeries(files: InputFile[]): Series {
  const series = ingestFiles(files).patients[0]?.studies[0]?.series[0];
  if (!series) throw new Error('no series');
  return series;
}

const gradient = (n: number): number[] => Array.from({ length: n }, (_, i) => (i * 37) % 3000);

describe('checkEncapsulatedSize', () => {
  it('needs, for RLE, a 64-byte header and 2 bytes per 128 output bytes per frame', () => {
    // 512×512 16-bit: 524,288 bytes → 64 + 2·4096 = 8,256 bytes at least.
    const frame = 512 * 512 * 2;
    const fragments = (n: number) => [{ byteOffset: 0, byteLength: n }];
    expect(() => checkEncapsulatedSize(RLE_LOSSLESS, fragments(8256), frame, 1, 10)).not.toThrow();
    expect(() => checkEncapsulatedSize(RLE_LOSSLESS, fragments(8255), frame, 1, 10)).toThrow(
      expect.objectContaining({ code: 'TRUNCATED', byteOffset: 10 }),
    );
    expect(() => checkEncapsulatedSize(RLE_LOSSLESS, fragments(16511), frame, 2, 10)).toThrow(
      expect.objectContaining({ code: 'TRUNCATED' }),
    );
  });

  it(`refuses other codecs declaring more than 1:${MAX_COMPRESSION_RATIO} beyond 4 MiB`, () => {
    const jpeg2000 = '1.2.840.10008.1.2.4.90';
    const tiny = [{ byteOffset: 0, byteLength: 1000 }];
    // A blank 1024×1024 16-bit frame (2 MiB) may compress to almost nothing.
    expect(() => checkEncapsulatedSize(jpeg2000, tiny, 1024 * 1024 * 2, 1, 0)).not.toThrow();
    expect(() => checkEncapsulatedSize(jpeg2000, tiny, 65535 * 65535 * 2, 1, 0)).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE', byteOffset: 0 }),
    );
    const big = [{ byteOffset: 0, byteLength: 10_000 }];
    expect(() =>
      checkEncapsulatedSize(jpeg2000, big, 10_000 * MAX_COMPRESSION_RATIO, 1, 0),
    ).not.toThrow();
    expect(() =>
      checkEncapsulatedSize(jpeg2000, big, 10_001 * MAX_COMPRESSION_RATIO, 1, 0),
    ).toThrow();
  });
});

describe('parseInstance on pixel modules that lie', () => {
  it('refuses an RLE file declaring 16000×16000 (512 MB) before anything is decoded', () => {
    const bytes = makeSlice({
      rows: 16,
      columns: 16,
      pixels: gradient(256),
      encoding: 'rle',
    }).bytes;
    const lying = bytes.slice();
    setUint16(lying, find(lying, ROWS_HEADER) + 8, 16000);
    setUint16(lying, find(lying, COLUMNS_HEADER) + 8, 16000);
    const parsed = parseInstance({ name: 'lying.dcm', bytes: lying });
    expect(parsed.ok ? null : parsed.error).toMatchObject({
      code: 'TRUNCATED',
      byteOffset: find(lying, PIXEL_DATA_HEADER) + PIXEL_DATA_HEADER.length,
    });
  });

  it(`refuses more than ${MAX_FRAMES} frames`, () => {
    const file = makeSlice({ rows: 1, columns: 1, bitsAllocated: 8, frames: 2, pixels: [1, 2] });
    const text = new TextDecoder('latin1').decode(file.bytes);
    // NumberOfFrames (0028,0008) IS "2 " → "9999999" would not fit; rewrite the header instead.
    const at = text.indexOf('\x28\x00\x08\x00IS');
    expect(at).toBeGreaterThan(0);
    const value = String(MAX_FRAMES + 1);
    const patched = new Uint8Array(file.bytes.length + value.length - 2);
    patched.set(file.bytes.subarray(0, at + 6));
    setUint16(patched, at + 6, value.length);
    patched.set(new TextEncoder().encode(value), at + 8);
    patched.set(file.bytes.subarray(at + 10), at + 8 + value.length);
    const parsed = parseInstance({ name: 'frames.dcm', bytes: patched });
    expect(parsed.ok ? null : parsed.error).toMatchObject({
      code: 'TOO_LARGE',
      byteOffset: at + 8,
    });
  });
});

describe('assembleVolume with compressed frames that fail', () => {
  const positions: [number, number, number][] = [0, 1, 2].map((z) => [0, 0, z]);
  const rleSeries = (): InputFile[] =>
    makeSeries(positions, { rows: 8, columns: 8, encoding: 'rle' }, (k) => ({
      pixels: gradient(64).map((v) => v + k),
    }));

  it('gives a typed DECODE_FAILED for a corrupt RLE frame, and the next series still decodes', () => {
    const good = rleSeries();
    const reference = assembleVolume(onlySeries(good));
    expect(reference.ok).toBe(true);
    const corrupt = rleSeries();
    const broken = corrupt[1]!.bytes.slice();
    // First segment offset (RLE header word 1) far past the frame.
    new DataView(broken.buffer).setUint32(firstFragment(broken) + 4, 0x00ffffff, true);
    corrupt[1] = { name: 'broken.dcm', bytes: broken };

    const failed = assembleVolume(onlySeries(corrupt));
    expect(failed.ok ? null : failed.error).toMatchObject({
      code: 'DECODE_FAILED',
      file: 'broken.dcm',
    });
    const again = assembleVolume(onlySeries(good));
    expect(again.ok && reference.ok && Array.from(again.value.data)).toEqual(
      reference.ok && Array.from(reference.value.data),
    );
  });

  it('turns whatever a registered decoder throws into DECODE_FAILED, without poisoning others', () => {
    const files = rleSeries();
    const series = onlySeries(files);
    const reference = assembleVolume(series);
    // Codecs throw strings, dicom-parser-style objects and errors alike.
    const raise =
      (value: unknown): (() => never) =>
      () => {
        throw value;
      };
    const throwers = [
      raise('codec: bad marker'),
      raise({ exception: 'corrupt', dataSet: null }),
      raise(new RangeError('offset is out of bounds')),
    ];
    for (const thrower of throwers) {
      const decoders = createFrameDecoderRegistry();
      decoders.register(RLE_LOSSLESS, thrower);
      const result = assembleVolume(series, { decoders });
      expect(result.ok ? null : result.error.code).toBe('DECODE_FAILED');
    }
    const short = createFrameDecoderRegistry();
    short.register(RLE_LOSSLESS, () => new Uint8Array(3));
    expect(assembleVolume(series, { decoders: short })).toMatchObject({
      ok: false,
      error: { code: 'DECODE_FAILED' },
    });
    const after = assembleVolume(series);
    expect(after.ok && reference.ok && Array.from(after.value.data)).toEqual(
      reference.ok && Array.from(reference.value.data),
    );
  });

  it('allocates nothing for a series no registered decoder can read', () => {
    const series = onlySeries(rleSeries());
    const none: FrameDecoderRegistry = { register: () => undefined, get: () => undefined };
    let allocations = 0;
    const result = assembleVolume(series, {
      decoders: none,
      allocate: (layout) => {
        allocations++;
        return new ArrayBuffer(layout.byteLength);
      },
    });
    expect(result.ok ? null : result.error.code).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(allocations).toBe(0);
  });
});

describe('decodeRleFrame bounds', () => {
  it('refuses a segment too short for the frame before allocating the output', () => {
    const frame = new Uint8Array(64 + 100);
    const view = new DataView(frame.buffer);
    view.setUint32(0, 1, true);
    view.setUint32(4, 64, true);
    const info = {
      transferSyntaxUid: RLE_LOSSLESS,
      rows: 65535,
      columns: 65535,
      bitsAllocated: 8,
      bitsStored: 8,
      pixelRepresentation: 0,
      samplesPerPixel: 1,
      planarConfiguration: 0,
      photometricInterpretation: 'MONOCHROME2',
    };
    expect(() => decodeRleFrame(frame, info)).toThrow(/too few/);
  });
});
