import {
  convertFramePixels,
  type ConversionOutcome,
  type StoredFormat,
} from './convertFramePixels.ts';
import { createSimdConverter, type SimdConverter } from './createSimdConverter.ts';
import { describeTransferSyntax, getDefaultFrameDecoders } from './frameDecoders.ts';
import { MAX_PIXEL_BYTES } from './parseInstance.ts';
import { BYTES_PER_VOXEL, planVolumeLayout, type VolumeLayout } from './planVolumeLayout.ts';
import { isNativeTransferSyntax, readFrameBytes } from './readFrameBytes.ts';
import { toIngestError } from './toIngestError.ts';
import type {
  FrameDecoderRegistry,
  FrameRef,
  IngestError,
  Result,
  Series,
  Volume,
  VolumeData,
  VolumeDataType,
} from './types.ts';

export interface AssembleOptions {
  /** Decoders for compressed transfer syntaxes; defaults to the registry of `registerFrameDecoder`. */
  decoders?: FrameDecoderRegistry;
  /**
   * Supplies the voxel buffer (e.g. a SharedArrayBuffer, or one reused between volumes) of at
   * least `layout.byteLength` bytes; by default a new ArrayBuffer. May be called twice when an
   * optimistic Int16 layout overflows and Float32 is used instead.
   */
  allocate?: (layout: VolumeLayout) => ArrayBufferLike;
  /** Use the WebAssembly SIMD path when available (default true; tests turn it off to compare). */
  simd?: boolean;
  /**
   * Called before and after each frame is read and converted, so a caller can hand an
   * instance its bytes just in time and drop them right after (the ingest worker does this
   * for files it can read again synchronously). `before` may return an error to stop.
   */
  frameHooks?: {
    before(frame: FrameRef): IngestError | null;
    after(frame: FrameRef): void;
  };
}

function createView(dataType: VolumeDataType, buffer: ArrayBufferLike, length: number): VolumeData {
  switch (dataType) {
    case 'int16':
      return new Int16Array(buffer, 0, length);
    case 'uint16':
      return new Uint16Array(buffer, 0, length);
    case 'uint8':
      return new Uint8Array(buffer, 0, length);
    case 'float32':
      return new Float32Array(buffer, 0, length);
  }
}

function storedFormat(frame: FrameRef, bigEndian: boolean): StoredFormat {
  const instance = frame.instance;
  return {
    bitsAllocated: instance.bitsAllocated as StoredFormat['bitsAllocated'],
    bitsStored: instance.bitsStored,
    highBit: instance.highBit,
    signed: instance.pixelRepresentation === 1,
    bigEndian,
  };
}

type Attempt =
  { ok: true; volume: Volume } | { ok: false; error: IngestError } | { ok: 'overflow' };

function fillVolume(
  series: Series,
  layout: VolumeLayout,
  options: AssembleOptions,
  simd: SimdConverter | null,
): Attempt {
  const geometry = series.geometry;
  if (!geometry) return { ok: false, error: { code: 'NOT_A_VOLUME', message: 'no geometry' } };
  const buffer = options.allocate ? options.allocate(layout) : new ArrayBuffer(layout.byteLength);
  if (buffer.byteLength < layout.byteLength) {
    return {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: `allocate returned ${buffer.byteLength} bytes, ${layout.byteLength} needed`,
      },
    };
  }
  const data = createView(layout.dataType, buffer, layout.voxelCount);
  const decoders = options.decoders ?? getDefaultFrameDecoders();
  const sliceLength = geometry.dimensions[0] * geometry.dimensions[1];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < series.frames.length; k++) {
    const frame = series.frames[k];
    if (!frame) continue;
    const refused = options.frameHooks?.before(frame);
    if (refused) return { ok: false, error: refused };
    const source = readFrameBytes(frame, decoders);
    if (!source.ok) {
      options.frameHooks?.after(frame);
      return { ok: false, error: source.error };
    }
    const format = storedFormat(frame, source.value.bigEndian);
    const { rescaleSlope: slope, rescaleIntercept: intercept } = frame.attributes;
    let outcome: ConversionOutcome;
    if (
      simd &&
      format.bitsAllocated === 16 &&
      slope === 1 &&
      Number.isInteger(intercept) &&
      (data instanceof Int16Array || data instanceof Uint16Array)
    ) {
      outcome = simd.convert(
        source.value.bytes,
        format,
        sliceLength,
        intercept,
        data,
        k * sliceLength,
      );
    } else {
      outcome = convertFramePixels(
        source.value.bytes,
        format,
        sliceLength,
        slope,
        intercept,
        data,
        k * sliceLength,
      );
    }
    options.frameHooks?.after(frame);
    if (outcome.overflow) return { ok: 'overflow' };
    if (outcome.min < min) min = outcome.min;
    if (outcome.max > max) max = outcome.max;
  }
  const withWindow = series.instances.find(
    (instance) => instance.windowCenter !== null && instance.windowWidth !== null,
  );
  const volume: Volume = {
    geometry,
    data,
    modality: series.modality,
    rescaled: true,
    minValue: min,
    maxValue: max,
  };
  if (withWindow?.windowCenter != null && withWindow.windowWidth != null) {
    volume.window = { center: withWindow.windowCenter, width: withWindow.windowWidth };
  }
  return { ok: true, volume };
}

/**
 * Builds the voxel array of a 'volume' (or one-slice) series in one allocation: every frame's
 * stored values go straight into their slot with the modality LUT applied, so CT comes out in
 * HU. Compressed frames go through the decoder registry; without a decoder the result is
 * UNSUPPORTED_TRANSFER_SYNTAX naming the UID.
 */
export function assembleVolume(series: Series, options: AssembleOptions = {}): Result<Volume> {
  try {
    return assembleChecked(series, options);
  } catch (thrown) {
    // Nothing below should throw; if a hostile file finds a way, it is one failed volume.
    const error = toIngestError(thrown);
    return {
      ok: false,
      error: { ...error, code: error.code === 'PARSE_FAILED' ? 'DECODE_FAILED' : error.code },
    };
  }
}

/** A compressed frame without a registered decoder, found before anything is allocated. */
function findUndecodable(series: Series, decoders: FrameDecoderRegistry): IngestError | null {
  for (const instance of series.instances) {
    const uid = instance.transferSyntaxUid;
    if (!instance.pixelData?.encapsulated || isNativeTransferSyntax(uid) || decoders.get(uid))
      continue;
    return {
      code: 'UNSUPPORTED_TRANSFER_SYNTAX',
      message: `no decoder registered for transfer syntax ${describeTransferSyntax(uid)}`,
      file: instance.file,
    };
  }
  return null;
}

function assembleChecked(series: Series, options: AssembleOptions): Result<Volume> {
  const planned = planVolumeLayout(series);
  if (!planned.ok) return planned;
  // Before the volume is allocated: a frame nobody can decode would only waste it.
  const undecodable = findUndecodable(series, options.decoders ?? getDefaultFrameDecoders());
  if (undecodable) return { ok: false, error: undecodable };
  const simd = options.simd === false ? null : createSimdConverter();
  const first = fillVolume(series, planned.value, options, simd);
  if (first.ok === true) return { ok: true, value: first.volume };
  if (first.ok === false) return { ok: false, error: first.error };
  // The optimistic Int16 did not hold the rescaled values: redo in Float32.
  const byteLength = planned.value.voxelCount * BYTES_PER_VOXEL.float32;
  if (byteLength > MAX_PIXEL_BYTES) {
    return {
      ok: false,
      error: { code: 'TOO_LARGE', message: `Float32 volume would need ${byteLength} bytes` },
    };
  }
  const layout: VolumeLayout = {
    ...planned.value,
    dataType: 'float32',
    byteLength,
    verifyRange: false,
  };
  const second = fillVolume(series, layout, options, simd);
  if (second.ok === true) return { ok: true, value: second.volume };
  if (second.ok === false) return { ok: false, error: second.error };
  return {
    ok: false,
    error: { code: 'UNSUPPORTED_PIXEL_FORMAT', message: 'rescaled values do not fit Float32' },
  };
}
