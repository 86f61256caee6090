import { convertFramePixels, type StoredFormat } from './convertFramePixels.ts';
import { createFrameDecoderRegistry } from './frameDecoders.ts';
import { parseInstance } from './parseInstance.ts';
import { readFrameBytes } from './readFrameBytes.ts';
import type { FrameDecoderRegistry, IngestErrorCode, ParsedInstance } from './types.ts';

/** The window a preview was drawn with, and where it came from. */
export interface PreviewWindow {
  readonly center: number;
  readonly width: number;
  /** `ct-abdomen`: 40/400 HU; `percentile`: the frame's own 1st to 99th percentile. */
  readonly source: 'ct-abdomen' | 'percentile';
}

/** One frame of one instance as 8-bit RGBA, ready for a canvas, with what the overlay needs. */
export interface PreviewImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, row by row, alpha 255. */
  readonly rgba: Uint8ClampedArray;
  /** Physical size of one pixel [row spacing, column spacing] in mm, when known. */
  readonly pixelSpacingMm: readonly [number, number] | null;
  readonly instanceNumber: number | null;
  /** Position of the frame along its slice normal (row × column cosine), mm. */
  readonly positionMm: number | null;
  readonly modality: string;
  readonly seriesInstanceUid: string;
  readonly window: PreviewWindow;
}

/** Why an instance cannot be previewed: the ingest's codes, plus a non-image object. */
export type PreviewErrorCode = IngestErrorCode | 'NOT_AN_IMAGE';

export type PreviewResult =
  | { readonly ok: true; readonly image: PreviewImage }
  | { readonly ok: false; readonly code: PreviewErrorCode; readonly message: string };

export interface PreviewOptions {
  /** Decoders for compressed syntaxes; by default RLE Lossless only (the others are in the worker). */
  readonly decoders?: FrameDecoderRegistry;
  /** File name for messages. */
  readonly name?: string;
}

/** The abdomen window of the viewer's CT presets (center 40 HU, width 400 HU). */
export const CT_ABDOMEN_WINDOW = { center: 40, width: 400 } as const;

/** Values sorted for the percentile window: enough for a stable estimate, cheap on 512². */
const PERCENTILE_SAMPLE = 65_536;

const BUILT_IN_DECODERS = createFrameDecoderRegistry();

const unavailable = (code: PreviewErrorCode, message: string): PreviewResult => ({
  ok: false,
  code,
  message,
});

/**
 * The 1st and 99th percentiles (nearest rank on the sorted values: index ⌊0.01·(n−1)⌋ and
 * ⌈0.99·(n−1)⌉), from an evenly strided sample of at most 65,536 values.
 */
export function percentileWindow(values: Float32Array): PreviewWindow {
  const stride = Math.max(1, Math.ceil(values.length / PERCENTILE_SAMPLE));
  const sample = new Float32Array(Math.ceil(values.length / stride));
  for (let i = 0, j = 0; i < values.length; i += stride, j++) sample[j] = values[i] ?? 0;
  sample.sort();
  const n = sample.length;
  const low = sample[Math.floor(0.01 * (n - 1))] ?? 0;
  const high = sample[Math.ceil(0.99 * (n - 1))] ?? 0;
  // A flat frame has no range: a width of 1 keeps the mapping defined (it shows mid grey).
  const width = Math.max(high - low, 1);
  return { center: low + width / 2, width, source: 'percentile' };
}

/** CT in Hounsfield units: modality CT and RescaleType HU or absent (HU is implied for CT). */
function isHounsfield(instance: ParsedInstance): boolean {
  const type = instance.rescaleType.trim().toUpperCase();
  return instance.series.modality === 'CT' && (type === '' || type === 'HU');
}

function positionAlongNormal(instance: ParsedInstance): number | null {
  const p = instance.frames[0]?.imagePositionPatient ?? instance.imagePositionPatient;
  const o = instance.frames[0]?.imageOrientationPatient ?? instance.imageOrientationPatient;
  if (!p || !o) return null;
  const normal = [o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]];
  return p[0] * (normal[0] ?? 0) + p[1] * (normal[1] ?? 0) + p[2] * (normal[2] ?? 0);
}

/**
 * Linear window to grey levels: `center − width/2` → 0, `center + width/2` → 255, rounded,
 * clamped; inverted for MONOCHROME1 (PS3.3 C.7.6.3.1.2: minimum value is white).
 */
function toRgba(values: Float32Array, window: PreviewWindow, invert: boolean): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(values.length * 4);
  const lower = window.center - window.width / 2;
  const { width } = window;
  for (let i = 0; i < values.length; i++) {
    // Multiply before dividing: 200 × 255 / 400 is exactly 127.5, 200 × (255 / 400) is not.
    const scaled = Math.round((((values[i] ?? 0) - lower) * 255) / width);
    const clamped = scaled < 0 ? 0 : scaled > 255 ? 255 : scaled;
    const grey = invert ? 255 - clamped : clamped;
    const at = i * 4;
    rgba[at] = grey;
    rgba[at + 1] = grey;
    rgba[at + 2] = grey;
    rgba[at + 3] = 255;
  }
  return rgba;
}

function renderParsed(instance: ParsedInstance, decoders: FrameDecoderRegistry): PreviewResult {
  if (instance.kind !== 'image' || !instance.pixelData) {
    return unavailable('NOT_AN_IMAGE', `a ${instance.series.modality || 'non-image'} object`);
  }
  if (instance.samplesPerPixel !== 1) {
    return unavailable('UNSUPPORTED_PIXEL_FORMAT', 'colour images are not previewed');
  }
  if (
    instance.bitsAllocated !== 8 &&
    instance.bitsAllocated !== 16 &&
    instance.bitsAllocated !== 32
  )
    return unavailable('UNSUPPORTED_PIXEL_FORMAT', `BitsAllocated ${instance.bitsAllocated}`);
  const attributes = instance.frames[0];
  if (!attributes) return unavailable('MISSING_ATTRIBUTE', 'no frame');
  const frame = readFrameBytes({ instance, frameIndex: 0, attributes, positionMm: null }, decoders);
  if (!frame.ok) return unavailable(frame.error.code, frame.error.message);
  const format: StoredFormat = {
    bitsAllocated: instance.bitsAllocated,
    bitsStored: instance.bitsStored,
    highBit: instance.highBit,
    signed: instance.pixelRepresentation === 1,
    bigEndian: frame.value.bigEndian,
  };
  const count = instance.rows * instance.columns;
  const values = new Float32Array(count);
  convertFramePixels(
    frame.value.bytes,
    format,
    count,
    attributes.rescaleSlope,
    attributes.rescaleIntercept,
    values,
    0,
  );
  const window: PreviewWindow = isHounsfield(instance)
    ? { ...CT_ABDOMEN_WINDOW, source: 'ct-abdomen' }
    : percentileWindow(values);
  return {
    ok: true,
    image: {
      width: instance.columns,
      height: instance.rows,
      rgba: toRgba(values, window, instance.photometricInterpretation === 'MONOCHROME1'),
      pixelSpacingMm: attributes.pixelSpacing ?? instance.pixelSpacing,
      instanceNumber: instance.instanceNumber,
      positionMm: positionAlongNormal(instance),
      modality: instance.series.modality,
      seriesInstanceUid: instance.series.seriesInstanceUid,
      window,
    },
  };
}

/**
 * Decodes the first frame of one Part 10 instance to a windowed greyscale RGBA image for a
 * preview while its series is still arriving: CT in HU gets the abdomen window 40/400, anything
 * else its 1st–99th percentile. Never throws: an instance that cannot be shown (not DICOM, not
 * an image, colour, a compressed syntax without a decoder here) is a typed `ok: false`.
 */
export function renderPreviewFrame(bytes: Uint8Array, options: PreviewOptions = {}): PreviewResult {
  try {
    const parsed = parseInstance({ name: options.name ?? 'instance', bytes });
    if (!parsed.ok) return unavailable(parsed.error.code, parsed.error.message);
    return renderParsed(parsed.value, options.decoders ?? BUILT_IN_DECODERS);
  } catch (thrown) {
    // parseInstance and readFrameBytes catch their own; this is the last guard for a preview.
    return unavailable('DECODE_FAILED', thrown instanceof Error ? thrown.message : String(thrown));
  }
}
