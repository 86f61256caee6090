import { describe, expect, it } from 'vitest';
import { decodeRleFrame } from '../decodeRleFrame.ts';
import type { FrameDecodeInfo } from '../types.ts';
import { encodeRleFrame } from './fixtures.ts';

const info = (rows: number, columns: number, bitsAllocated: number): FrameDecodeInfo => ({
  transferSyntaxUid: '1.2.840.10008.1.2.5',
  rows,
  columns,
  bitsAllocated,
  bitsStored: bitsAllocated,
  pixelRepresentation: 0,
  samplesPerPixel: 1,
  planarConfiguration: 0,
  photometricInterpretation: 'MONOCHROME2',
});

describe('decodeRleFrame', () => {
  it('decodes a hand-written 8-bit frame with a literal and a replicate run', () => {
    // Header: 1 segment at offset 64. Segment: literal of 2 (header 1) then 0xFD = −3 → 4 × 7.
    const frame = new Uint8Array(64 + 6);
    new DataView(frame.buffer).setUint32(0, 1, true);
    new DataView(frame.buffer).setUint32(4, 64, true);
    frame.set([1, 10, 20, 0xfd, 7, 0x80], 64);
    expect(Array.from(decodeRleFrame(frame, info(2, 3, 8)))).toEqual([10, 20, 7, 7, 7, 7]);
  });

  it('reassembles 16-bit samples from high and low byte planes, little endian', () => {
    const words = Uint16Array.from([0x1234, 0x1234, 0x1234, 0xabcd, 0, 65535]);
    const decoded = decodeRleFrame(encodeRleFrame(words), info(2, 3, 16));
    expect(Array.from(new Uint16Array(decoded.buffer, decoded.byteOffset, 6))).toEqual(
      Array.from(words),
    );
  });

  it('fails with DECODE_FAILED on a short segment', () => {
    const frame = encodeRleFrame(Uint8Array.from([1, 2, 3, 4, 5]));
    expect(() => decodeRleFrame(frame.subarray(0, 66), info(1, 5, 8))).toThrow(/RLE segment/);
  });

  it('fails on a segment count that does not match the format', () => {
    const frame = encodeRleFrame(Uint8Array.from([1, 2]));
    expect(() => decodeRleFrame(frame, info(1, 2, 16))).toThrow(/segments/);
  });
});
