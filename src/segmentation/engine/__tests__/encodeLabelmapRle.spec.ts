import { describe, expect, it } from 'vitest';
import { brushRegion } from '../brushRegion.ts';
import { createStroke } from '../createStroke.ts';
import { decodeLabelmapRle } from '../decodeLabelmapRle.ts';
import { encodeLabelmapRle } from '../encodeLabelmapRle.ts';
import { SegmentationError } from '../SegmentationError.ts';
import { createPrng, labelmapOf } from './fixtures.ts';

const expectCorrupt = (bytes: Uint8Array, length: number): void => {
  expect(() => decodeLabelmapRle(bytes, length)).toThrow(
    expect.objectContaining({ code: 'CORRUPT_RLE' }),
  );
};

describe('encodeLabelmapRle', () => {
  it('round-trips random bytes, random runs and edge lengths byte for byte', () => {
    const random = createPrng(42);
    const cases: Uint8Array[] = [new Uint8Array(0), Uint8Array.of(7), new Uint8Array(5).fill(255)];
    cases.push(new Uint8Array(1003).map(() => Math.floor(random() * 256)));
    const runs = new Uint8Array(100_003);
    for (let q = 0; q < runs.length;) {
      const length = Math.floor(random() ** 3 * 5000) + 1;
      runs.fill(random() < 0.6 ? 0 : Math.floor(random() * 256), q, q + length);
      q += length;
    }
    cases.push(runs, runs.subarray(1), runs.subarray(3, 90_001));
    for (const data of cases)
      expect(decodeLabelmapRle(encodeLabelmapRle(data), data.length)).toEqual(data);
  });

  it('keeps a lone 128 in the top byte of an 8-byte word (its bits read as float −0)', () => {
    const data = new Uint8Array(64);
    data[23] = 128;
    expect(decodeLabelmapRle(encodeLabelmapRle(data), 64)).toEqual(data);
  });

  it('encodes a hand-checked stream', () => {
    // 200 zeros then 3 × 5: header "LMR1" + uint32 LE 203, then (0, LEB128 200 = C8 01), (5, 03).
    const data = new Uint8Array(203);
    data.fill(5, 200);
    expect(Array.from(encodeLabelmapRle(data))).toEqual([
      0x4c, 0x4d, 0x52, 0x31, 203, 0, 0, 0, 0, 0xc8, 0x01, 5, 3,
    ]);
  });

  it('encodes a 512×512×300 labelmap with three 10 mm lesions to a few KB', () => {
    const labelmap = labelmapOf([512, 512, 300], [0.78, 0.78, 1.25]);
    const geometry = labelmap.geometry;
    const stroke = createStroke(labelmap, { segment: 1, mode: 'paint', overwrite: 'all' }, 'x');
    for (const center of [
      [200, 250, 100],
      [300, 180, 150],
      [260, 330, 210],
    ] as const)
      stroke.add(brushRegion({ center, radiusMm: 10, shape: 'sphere', plane: 'k', geometry }));
    stroke.end();
    const encoded = encodeLabelmapRle(labelmap.data);
    // A 20 mm lesion crosses ≈ 330 rows (≈ 26 rows × 16 slices, fewer near the poles); each
    // row costs a lesion run (2 bytes) and a gap run (3 bytes): ≈ 1.6 KB per lesion.
    expect(encoded.length).toBeLessThan(8 * 1024);
    // A plain loop: deep equality of 78 M elements is far too slow in the matcher.
    const decoded = decodeLabelmapRle(encoded, labelmap.data.length);
    let differing = 0;
    for (let q = 0; q < decoded.length; q++) if (decoded[q] !== labelmap.data[q]) differing++;
    expect(differing).toBe(0);
  });
});

describe('decodeLabelmapRle', () => {
  const data = new Uint8Array(300).fill(2, 100, 180);
  const good = encodeLabelmapRle(data); // runs: (0,100) (2,80) (0,120)

  it('rejects a foreign header, a wrong length and trailing or missing bytes', () => {
    expectCorrupt(Uint8Array.of(1, 2, 3), 300);
    expectCorrupt(Uint8Array.from([0, ...good.subarray(1)]), 300);
    expectCorrupt(good, 301);
    expectCorrupt(Uint8Array.from([...good, 0, 1]), 300);
    expectCorrupt(good.subarray(0, good.length - 2), 300);
    expectCorrupt(good.subarray(0, good.length - 1), 300);
  });

  it('rejects a run past the end, an empty run and an over-long run length', () => {
    const past = good.slice();
    past[past.length - 1] = 121; // the last run claims 121 of the 120 remaining voxels
    expectCorrupt(past, 300);
    const header = good.subarray(0, 8);
    expectCorrupt(Uint8Array.from([...header, 0, 0]), 300);
    expectCorrupt(Uint8Array.from([...header, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 300);
  });

  it('throws only SegmentationError and never a wrong-sized result on random corruption', () => {
    const random = createPrng(8);
    const source = new Uint8Array(5000).map((_, q) => (Math.floor(q / 37) % 5 === 0 ? q % 3 : 0));
    const encoded = encodeLabelmapRle(source);
    for (let trial = 0; trial < 2000; trial++) {
      const bytes = encoded.slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let f = 0; f < flips; f++)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        expect(decodeLabelmapRle(bytes, 5000).length).toBe(5000);
      } catch (error) {
        expect(error).toBeInstanceOf(SegmentationError);
      }
    }
  });

  it('decodes into a given array, and leaves it untouched when the input is corrupt', () => {
    const target = new Uint8Array(300).fill(9);
    expect(decodeLabelmapRle(good, 300, target)).toBe(target);
    expect(target).toEqual(data);
    const past = good.slice();
    past[past.length - 1] = 121;
    target.fill(9);
    expectCorrupt(past, 300);
    expect(() => decodeLabelmapRle(past, 300, target)).toThrow(SegmentationError);
    expect(target).toEqual(new Uint8Array(300).fill(9));
    expect(() => decodeLabelmapRle(good, 300, new Uint8Array(299))).toThrow(
      expect.objectContaining({ code: 'SIZE_MISMATCH' }),
    );
  });

  it('rejects a length that is not a uint32', () => {
    expect(() => decodeLabelmapRle(good, -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
