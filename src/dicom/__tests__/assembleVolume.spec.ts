import { describe, expect, it } from 'vitest';
import { assembleVolume } from '../assembleVolume.ts';
import { createFrameDecoderRegistry } from '../frameDecoders.ts';
import { ingestFiles } from '../ingestFiles.ts';
import type { InputFile, Series, Vec3, Volume } from '../types.ts';
import { makeEnhancedCt, makeSeries, makeSlice, shuffled, type SliceOptions } from './fixtures.ts';

function seriesOf(files: InputFile[]): Series {
  const result = ingestFiles(files);
  const series = result.patients[0]?.studies[0]?.series[0];
  if (!series) throw new Error(`no series; rejected: ${JSON.stringify(result.rejected)}`);
  return series;
}

function volumeOf(files: InputFile[], simd = true): Volume {
  const result = assembleVolume(seriesOf(files), { simd });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const zPositions = (...z: number[]): Vec3[] => z.map((value) => [0, 0, value]);

describe.each([true, false])('assembleVolume (SIMD %s)', (simd) => {
  it('puts slice k of the position order at voxel slab k for reversed, shuffled files', () => {
    // InstanceNumber n sits at z = 12 - 2n and every voxel holds 100 n + pixel index.
    const files = shuffled(
      makeSeries(zPositions(10, 8, 6, 4, 2), { rows: 2, columns: 3 }, (index) => ({
        pixels: [0, 1, 2, 3, 4, 5].map((p) => 100 * (index + 1) + p),
      })),
    );
    const volume = volumeOf(files, simd);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(volume.geometry.dimensions).toEqual([3, 2, 5]);
    // Sorted by z: 2, 4, …, 10 → InstanceNumber 5, 4, 3, 2, 1.
    for (let k = 0; k < 5; k++) {
      const expected = 100 * (5 - k);
      expect(Array.from(volume.data.subarray(k * 6, k * 6 + 6))).toEqual(
        [0, 1, 2, 3, 4, 5].map((p) => expected + p),
      );
    }
    expect([volume.minValue, volume.maxValue]).toEqual([100, 505]);
    expect(volume.window).toEqual({ center: 40, width: 400 });
    expect(volume.rescaled).toBe(true);
  });

  it('converts unsigned 12-bit with slope 2 and intercept −1024 to exact HU, masking unused bits', () => {
    // 0xF005: the top nibble is not part of BitsStored = 12 → stored 5.
    const files = makeSeries(zPositions(0, 1), {
      rows: 1,
      columns: 5,
      pixelRepresentation: 0,
      bitsStored: 12,
      rescaleSlope: 2,
      rescaleIntercept: -1024,
      pixels: [0, 1, 2047, 4095, 0xf005],
    });
    const volume = volumeOf(files, simd);
    expect(volume.data).toBeInstanceOf(Float32Array);
    expect(Array.from(volume.data.subarray(0, 5))).toEqual([-1024, -1022, 3070, 7166, -1014]);
  });

  it('sign-extends signed 12-bit values before slope 2 and intercept −1024', () => {
    // 12-bit two's complement: 0x0FFF = −1, 0x0800 = −2048, 0x07FF = 2047; 0xF123 → 0x123 = 291.
    const files = makeSeries(zPositions(0, 1), {
      rows: 1,
      columns: 4,
      pixelRepresentation: 1,
      bitsStored: 12,
      rescaleSlope: 2,
      rescaleIntercept: -1024,
      pixels: [0x0fff, 0x0800, 0x07ff, 0xf123],
    });
    const volume = volumeOf(files, simd);
    expect(Array.from(volume.data.subarray(0, 4))).toEqual([-1026, -5120, 3070, -442]);
  });

  it('stores unsigned 12-bit CT with intercept −1024 as Int16 HU', () => {
    const files = makeSeries(zPositions(0, 1), {
      rows: 1,
      columns: 4,
      pixelRepresentation: 0,
      bitsStored: 12,
      rescaleIntercept: -1024,
      pixels: [0, 1024, 4095, 0xf000 | 40],
    });
    const volume = volumeOf(files, simd);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(Array.from(volume.data.subarray(0, 4))).toEqual([-1024, 0, 3071, -984]);
    expect([volume.minValue, volume.maxValue]).toEqual([-1024, 3071]);
  });

  it('copies signed 16-bit with intercept 0 unchanged', () => {
    const files = makeSeries(zPositions(0, 1), {
      rows: 1,
      columns: 4,
      pixels: [-1000, -32768, 32767, 0],
    });
    const volume = volumeOf(files, simd);
    expect(Array.from(volume.data.subarray(0, 4))).toEqual([-1000, -32768, 32767, 0]);
  });

  it('keeps signed 16-bit with intercept −1024 in Int16 while values fit, else falls back to Float32', () => {
    const fits = volumeOf(
      makeSeries(zPositions(0, 1), {
        rows: 1,
        columns: 2,
        rescaleIntercept: -1024,
        pixels: [-2000, 3000],
      }),
      simd,
    );
    expect(fits.data).toBeInstanceOf(Int16Array);
    expect(Array.from(fits.data.subarray(0, 2))).toEqual([-3024, 1976]);
    const overflows = volumeOf(
      makeSeries(zPositions(0, 1), {
        rows: 1,
        columns: 2,
        rescaleIntercept: -1024,
        pixels: [-32000, 3000],
      }),
      simd,
    );
    expect(overflows.data).toBeInstanceOf(Float32Array);
    expect(Array.from(overflows.data.subarray(0, 2))).toEqual([-33024, 1976]);
    expect(overflows.minValue).toBe(-33024);
  });

  it('returns Uint16 for unsigned 16-bit MR without rescale', () => {
    const files = makeSeries(zPositions(0, 1), {
      modality: 'MR',
      rows: 1,
      columns: 2,
      pixelRepresentation: 0,
      pixels: [60000, 7],
    });
    const volume = volumeOf(files, simd);
    expect(volume.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(volume.data.subarray(0, 2))).toEqual([60000, 7]);
    expect(volume.maxValue).toBe(60000);
  });

  it('returns Uint8 for plain 8-bit data', () => {
    const files = makeSeries(zPositions(0, 1), {
      rows: 2,
      columns: 2,
      bitsAllocated: 8,
      pixelRepresentation: 0,
      pixels: [0, 9, 200, 255],
    });
    const volume = volumeOf(files, simd);
    expect(volume.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(volume.data.subarray(0, 4))).toEqual([0, 9, 200, 255]);
  });

  it.each(['implicit-le', 'explicit-be', 'rle'] as const)(
    'decodes %s pixel data to the same values',
    (encoding) => {
      const options: SliceOptions = { rows: 2, columns: 2, pixels: [-1000, 0, 5, 3000], encoding };
      const volume = volumeOf(makeSeries(zPositions(0, 1), options), simd);
      expect(Array.from(volume.data.subarray(0, 4))).toEqual([-1000, 0, 5, 3000]);
    },
  );

  it('assembles an enhanced multi-frame instance with per-frame positions and intercepts', () => {
    const file = makeEnhancedCt({
      positions: zPositions(4, 2, 0),
      fills: [30, 20, 10],
      intercepts: [-1024, 0, 7],
    });
    const volume = volumeOf([file], simd);
    // Sorted by z: frame 2 (10 + 7), frame 1 (20 + 0), frame 0 (30 − 1024).
    expect([volume.data[0], volume.data[16], volume.data[32]]).toEqual([17, 20, -994]);
    expect(volume.geometry.slicePositionsMm).toEqual([0, 2, 4]);
  });
});

describe('assembleVolume', () => {
  it('names the transfer syntax when no decoder is registered', () => {
    const series = seriesOf(makeSeries(zPositions(0, 1), { encoding: 'rle' }));
    const empty = { register: () => undefined, get: () => undefined };
    const result = assembleVolume(series, { decoders: empty });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(result.error.message).toContain('1.2.840.10008.1.2.5');
  });

  it('hands compressed frames and their format to a registered decoder', () => {
    const series = seriesOf(makeSeries(zPositions(0, 1), { encoding: 'rle', rows: 1, columns: 2 }));
    const registry = createFrameDecoderRegistry();
    const seen: number[] = [];
    registry.register('1.2.840.10008.1.2.5', (_bytes, info) => {
      seen.push(info.rows * info.columns * info.bitsAllocated);
      return Int16Array.from([-5, 6]);
    });
    const result = assembleVolume(series, { decoders: registry });
    expect(result.ok && Array.from(result.value.data)).toEqual([-5, 6, -5, 6]);
    expect(seen).toEqual([32, 32]);
  });

  it('refuses a stack', () => {
    const seriesUid = 'stack';
    const series = seriesOf([
      ...makeSeries(zPositions(0, 3), { seriesUid }),
      makeSlice({ seriesUid, position: [0, 0, 3] }),
    ]);
    expect(series.kind).toBe('stack');
    const result = assembleVolume(series);
    expect(!result.ok && result.error.code).toBe('NOT_A_VOLUME');
  });

  it('fills a caller-supplied buffer', () => {
    const target = new SharedArrayBuffer(64);
    const series = seriesOf(makeSeries(zPositions(0, 1), { fill: 9 }));
    const result = assembleVolume(series, { allocate: () => target });
    expect(result.ok && result.value.data.buffer).toBe(target);
    expect(new Int16Array(target, 0, 32).every((v) => v === 9)).toBe(true);
  });
});

describe('assembleVolume with colour images', () => {
  it('refuses RGB with UNSUPPORTED_PIXEL_FORMAT instead of crashing', () => {
    const series = seriesOf([
      makeSlice({
        samplesPerPixel: 3,
        bitsAllocated: 8,
        pixelRepresentation: 0,
        rows: 2,
        columns: 2,
      }),
    ]);
    const result = assembleVolume(series);
    expect(!result.ok && result.error.code).toBe('UNSUPPORTED_PIXEL_FORMAT');
  });
});
