import { describe, expect, it } from 'vitest';
import { RLE_LOSSLESS } from '../decodeRleFrame.ts';
import { createFrameDecoderRegistry } from '../frameDecoders.ts';
import { percentileWindow, renderPreviewFrame, type PreviewResult } from '../renderPreviewFrame.ts';
import { makeSeg, makeSlice, makeSr, type SliceOptions } from './fixtures.ts';

/** The grey level of every pixel (R, after checking R = G = B and alpha 255). */
function greys(result: PreviewResult): number[] {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  const { rgba, width, height } = result.image;
  expect(rgba.length).toBe(width * height * 4);
  const out: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) {
    expect([rgba[i + 1], rgba[i + 2], rgba[i + 3]]).toEqual([rgba[i], rgba[i], 255]);
    out.push(rgba[i]!);
  }
  return out;
}

// CT stored values with intercept −1024: HU −1024, −160, −60, 40, 140, 1000. In 40/400 the
// window runs from −160 (0) to 240 (255), 0.6375 grey per HU: −60 → 63.75 → 64, 40 → 127.5 →
// 128, 140 → 191.25 → 191; below and above clamp to 0 and 255.
const CT: SliceOptions = {
  rows: 2,
  columns: 3,
  pixelRepresentation: 0,
  bitsStored: 12,
  rescaleIntercept: -1024,
  pixels: [0, 864, 964, 1064, 1164, 2024],
  instanceNumber: 17,
  position: [10, 20, -45.5],
  pixelSpacing: [0.7, 0.8],
};
const CT_GREYS = [0, 0, 64, 128, 191, 255];

describe('renderPreviewFrame', () => {
  it('draws CT in HU with the abdomen window 40/400, row by row', () => {
    const result = renderPreviewFrame(makeSlice(CT).bytes);
    expect(greys(result)).toEqual(CT_GREYS);
    expect(result.ok && result.image).toMatchObject({
      width: 3,
      height: 2,
      instanceNumber: 17,
      positionMm: -45.5,
      pixelSpacingMm: [0.7, 0.8],
      modality: 'CT',
      window: { center: 40, width: 400, source: 'ct-abdomen' },
    });
  });

  it('gives the same image from an RLE Lossless file (decoded here) and from big endian', () => {
    expect(greys(renderPreviewFrame(makeSlice({ ...CT, encoding: 'rle' }).bytes))).toEqual(
      CT_GREYS,
    );
    expect(greys(renderPreviewFrame(makeSlice({ ...CT, encoding: 'explicit-be' }).bytes))).toEqual(
      CT_GREYS,
    );
  });

  it('sign-extends signed CT and applies slope and intercept before windowing', () => {
    // Stored −100, 0, 100 with slope 2, intercept −20 → HU −220, −20, 180 → 0, 89.25, 216.75.
    const bytes = makeSlice({
      rows: 1,
      columns: 3,
      pixelRepresentation: 1,
      rescaleSlope: 2,
      rescaleIntercept: -20,
      pixels: [-100, 0, 100],
    }).bytes;
    expect(greys(renderPreviewFrame(bytes))).toEqual([0, 89, 217]);
  });

  it('windows MR between its 1st and 99th percentile (min and max on 16 pixels)', () => {
    // 16 values: ranks ⌊0.15⌋ = 0 and ⌈14.85⌉ = 15 → 0 and 150; grey = v × 255 / 150 = 1.7 v.
    const pixels = Array.from({ length: 16 }, (_, i) => i * 10);
    const result = renderPreviewFrame(
      makeSlice({ modality: 'MR', rows: 4, columns: 4, pixelRepresentation: 0, pixels }).bytes,
    );
    expect(greys(result)).toEqual(pixels.map((v) => v * 1.7));
    expect(result.ok && result.image.window).toEqual({
      center: 75,
      width: 150,
      source: 'percentile',
    });
  });

  it('uses the percentile window for CT whose rescale is not HU', () => {
    const result = renderPreviewFrame(makeSlice({ ...CT, extra: { RescaleType: 'US' } }).bytes);
    // HU-like values −1024 … 1000 → window from −1024 to 1000 (width 2024).
    expect(result.ok && result.image.window).toEqual({
      center: -12,
      width: 2024,
      source: 'percentile',
    });
    // −60: (−60 + 1024) × 255 / 2024 = 121.45 → 121.
    expect(greys(result)[2]).toBe(121);
  });

  it('inverts MONOCHROME1 (the minimum is white)', () => {
    const bytes = makeSlice({
      modality: 'MR',
      rows: 1,
      columns: 2,
      pixelRepresentation: 0,
      pixels: [0, 100],
      extra: { PhotometricInterpretation: 'MONOCHROME1' },
    }).bytes;
    expect(greys(renderPreviewFrame(bytes))).toEqual([255, 0]);
  });

  it('says "not available" with a code for a compressed syntax it has no decoder for', () => {
    const rle = makeSlice({ ...CT, encoding: 'rle' }).bytes;
    const none = createFrameDecoderRegistry();
    none.register(RLE_LOSSLESS, () => {
      throw new Error('codec: bad marker');
    });
    expect(renderPreviewFrame(rle, { decoders: none })).toMatchObject({
      ok: false,
      code: 'DECODE_FAILED',
    });
    const empty = { register: () => undefined, get: () => undefined };
    const result = renderPreviewFrame(rle, { decoders: empty });
    expect(result).toMatchObject({ ok: false, code: 'UNSUPPORTED_TRANSFER_SYNTAX' });
    expect(!result.ok && result.message).toContain(RLE_LOSSLESS);
  });

  it('never throws on garbage, truncated files or non-image objects', () => {
    const garbage = Uint8Array.from({ length: 600 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(renderPreviewFrame(garbage)).toMatchObject({ ok: false, code: 'NOT_DICOM' });
    expect(renderPreviewFrame(new Uint8Array(0))).toMatchObject({ ok: false });
    const ct = makeSlice({ ...CT, rows: 16, columns: 16, pixels: undefined, fill: 1064 }).bytes;
    expect(renderPreviewFrame(ct.subarray(0, ct.length - 100))).toMatchObject({
      ok: false,
      code: 'TRUNCATED',
    });
    expect(renderPreviewFrame(makeSr().bytes)).toMatchObject({ ok: false, code: 'NOT_AN_IMAGE' });
    expect(renderPreviewFrame(makeSeg().bytes)).toMatchObject({ ok: false });
  });
});

describe('percentileWindow', () => {
  it('trims the outer percent: ranks 2 and 198 of 0…200', () => {
    const values = Float32Array.from({ length: 201 }, (_, i) => 200 - i);
    expect(percentileWindow(values)).toEqual({ center: 100, width: 196, source: 'percentile' });
  });

  it('keeps a flat frame defined (width 1)', () => {
    expect(percentileWindow(new Float32Array(9).fill(7))).toEqual({
      center: 7.5,
      width: 1,
      source: 'percentile',
    });
  });
});
