import { describe, expect, it } from 'vitest';
import { checkCodestreamSize, withEndOfImage } from '../readCodestreamSize';

// SOI, an APP0 segment to skip, SOF3 (lossless): P = 12, Y = 48, X = 64, Nf = 1.
const JPEG = [
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xc3, 0x00, 0x0b, 0x0c, 0x00, 0x30, 0x00,
  0x40, 0x01, 0x01, 0x11, 0x00, 0xff, 0xda,
];
// SOC, SIZ: Lsiz 41, Rsiz 0, Xsiz 74, Ysiz 58, XOsiz 10, YOsiz 10, tiles…, Csiz 1, Ssiz 15 (16 bit).
const u32 = (v: number): number[] => [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const J2K = [
  0xff,
  0x4f,
  0xff,
  0x51,
  0x00,
  0x29,
  0x00,
  0x00,
  ...u32(74),
  ...u32(58),
  ...u32(10),
  ...u32(10),
  ...u32(64),
  ...u32(48),
  ...u32(0),
  ...u32(0),
  0x00,
  0x01,
  0x0f,
  0x01,
  0x01,
];
const header = { rows: 48, columns: 64, samplesPerPixel: 1, bitsAllocated: 16 };

describe('checkCodestreamSize', () => {
  it('accepts a JPEG and a JPEG 2000 codestream of the header size', () => {
    expect(() => checkCodestreamSize('jpeg', new Uint8Array(JPEG), header, 'x')).not.toThrow();
    expect(() => checkCodestreamSize('j2k', new Uint8Array(J2K), header, 'x')).not.toThrow();
  });

  it('refuses a codestream declaring another size, or none, with DECODE_FAILED', () => {
    const taller = { ...header, rows: 49 };
    expect(() => checkCodestreamSize('jpeg', new Uint8Array(JPEG), taller, 'JPEG')).toThrow(
      expect.objectContaining({ code: 'DECODE_FAILED', message: expect.stringMatching(/64×48×1/) }),
    );
    expect(() => checkCodestreamSize('j2k', new Uint8Array(J2K), taller, 'J2K')).toThrow(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
    expect(() => checkCodestreamSize('jpeg', new Uint8Array([0x80, 0x80]), header, 'J')).toThrow(
      expect.objectContaining({
        code: 'DECODE_FAILED',
        message: 'J: no frame header found in the codestream',
      }),
    );
    const eightBit = { ...header, bitsAllocated: 8 };
    expect(() => checkCodestreamSize('jpeg', new Uint8Array(JPEG), eightBit, 'J')).toThrow(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
  });
});

describe('withEndOfImage', () => {
  it('keeps a codestream ending in EOI (padded or not) and appends EOI to one that does not', () => {
    const ended = new Uint8Array([0xff, 0xd8, 0x12, 0xff, 0xd9]);
    expect(withEndOfImage(ended)).toBe(ended);
    const padded = new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0x00]);
    expect(withEndOfImage(padded)).toBe(padded);
    expect(Array.from(withEndOfImage(new Uint8Array([0xff, 0xd8, 0x80])))).toEqual([
      0xff, 0xd8, 0x80, 0xff, 0xd9,
    ]);
  });
});
