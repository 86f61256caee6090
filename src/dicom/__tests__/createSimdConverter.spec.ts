import { describe, expect, it } from 'vitest';
import { convertFramePixels, type StoredFormat } from '../convertFramePixels.ts';
import { createSimdConverter } from '../createSimdConverter.ts';

function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state >> 23;
  });
}

const FORMATS: StoredFormat[] = [
  { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: false, bigEndian: false },
  { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: true, bigEndian: false },
  { bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: true, bigEndian: false },
  { bitsAllocated: 16, bitsStored: 10, highBit: 13, signed: true, bigEndian: true },
  { bitsAllocated: 16, bitsStored: 14, highBit: 13, signed: false, bigEndian: true },
];

describe('createSimdConverter', () => {
  it('is available on Node 20 (WebAssembly SIMD)', () => {
    expect(createSimdConverter()).not.toBeNull();
  });

  it.each(FORMATS.map((format, index) => [index, format] as const))(
    'matches the JS reference for format %i, with and without intercept, over chunk edges and ragged tails',
    (index, format) => {
      const converter = createSimdConverter();
      if (!converter) throw new Error('no SIMD');
      for (const [count, intercept] of [1, 7, 8, 9, 32771, 70000].flatMap(
        (n) =>
          [
            [n, 0],
            [n, -1024],
          ] as const,
      )) {
        // Odd byte offset: the source need not be aligned.
        const src = randomBytes(count * 2 + 1, 11 + index + count).subarray(1);
        const simd = new Int16Array(count + 3);
        const reference = new Int16Array(count + 3);
        const a = converter.convert(src, format, count, intercept, simd, 2);
        const b = convertFramePixels(src, format, count, 1, intercept, reference, 2);
        expect(a).toEqual(b);
        expect(simd).toEqual(reference);
      }
    },
  );

  it('reports overflow instead of wrapping', () => {
    const converter = createSimdConverter();
    const src = new Uint8Array(new Int16Array([-32000, 5]).buffer);
    const format: StoredFormat = {
      bitsAllocated: 16,
      bitsStored: 16,
      highBit: 15,
      signed: true,
      bigEndian: false,
    };
    expect(converter?.convert(src, format, 2, -1024, new Int16Array(2), 0)).toEqual({
      overflow: true,
    });
  });
});
