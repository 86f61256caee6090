import { MAX_PIXEL_BYTES } from './parseInstance.ts';
import type { IngestError, Result, Series, VolumeDataType } from './types.ts';

export interface VolumeLayout {
  dataType: VolumeDataType;
  voxelCount: number;
  byteLength: number;
  /**
   * True when Int16 was chosen although the stored bit depth could in theory overflow it
   * (e.g. signed 16-bit with intercept −1024): assembly verifies and falls back to Float32.
   */
  verifyRange: boolean;
}

export const BYTES_PER_VOXEL: Record<VolumeDataType, number> = {
  int16: 2,
  uint16: 2,
  float32: 4,
  uint8: 1,
};

const ASSEMBLABLE = new Set(['volume', 'single', 'localizer']);

function fail(code: IngestError['code'], message: string): Result<VolumeLayout> {
  return { ok: false, error: { code, message } };
}

/**
 * Checks a series can become one voxel array and chooses its type (modality LUT applied):
 * Uint8 for plain 8-bit, Int16 when slope is 1 and intercepts are integers and the rescaled
 * range fits, Uint16 for unsigned data without rescale, else Float32.
 */
export function planVolumeLayout(series: Series): Result<VolumeLayout> {
  const geometry = series.geometry;
  if (!geometry || !ASSEMBLABLE.has(series.kind)) {
    return fail(
      'NOT_A_VOLUME',
      `series ${series.id} is a '${series.kind}' without a volume geometry`,
    );
  }
  const [columns, rows, slices] = geometry.dimensions;
  if (series.frames.length !== slices) {
    return fail('INCONSISTENT_SERIES', `${series.frames.length} frames for ${slices} slices`);
  }
  let identity = true;
  let integerShift = true;
  let allUnsigned = true;
  let all8Bit = true;
  let maxBitsAllocated = 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const frame of series.frames) {
    const instance = frame.instance;
    if (instance.rows !== rows || instance.columns !== columns) {
      return fail(
        'INCONSISTENT_SERIES',
        `${instance.file} is ${instance.columns}×${instance.rows}, not ${columns}×${rows}`,
      );
    }
    if (instance.samplesPerPixel !== 1) {
      return fail(
        'UNSUPPORTED_PIXEL_FORMAT',
        `${instance.file}: colour (${instance.photometricInterpretation}) volumes are not supported`,
      );
    }
    if (![8, 16, 32].includes(instance.bitsAllocated)) {
      return fail(
        'UNSUPPORTED_PIXEL_FORMAT',
        `${instance.file}: BitsAllocated ${instance.bitsAllocated}`,
      );
    }
    const { rescaleSlope: slope, rescaleIntercept: intercept } = frame.attributes;
    const signed = instance.pixelRepresentation === 1;
    const storedLow = signed ? -(2 ** (instance.bitsStored - 1)) : 0;
    const storedHigh = signed ? 2 ** (instance.bitsStored - 1) - 1 : 2 ** instance.bitsStored - 1;
    const a = storedLow * slope + intercept;
    const b = storedHigh * slope + intercept;
    low = Math.min(low, a, b);
    high = Math.max(high, a, b);
    identity &&= slope === 1 && intercept === 0;
    integerShift &&= slope === 1 && Number.isInteger(intercept);
    allUnsigned &&= !signed;
    all8Bit &&= instance.bitsAllocated === 8 && instance.bitsStored === 8;
    maxBitsAllocated = Math.max(maxBitsAllocated, instance.bitsAllocated);
  }
  let dataType: VolumeDataType;
  let verifyRange = false;
  if (identity && allUnsigned && all8Bit) dataType = 'uint8';
  else if (integerShift && low >= -32768 && high <= 32767) dataType = 'int16';
  else if (identity && allUnsigned && maxBitsAllocated <= 16) dataType = 'uint16';
  else if (integerShift && maxBitsAllocated <= 16 && Math.abs(low + high) < 2 ** 17) {
    // Typical signed 16-bit CT with intercept −1024: real values never reach the extremes.
    dataType = 'int16';
    verifyRange = true;
  } else dataType = 'float32';
  const voxelCount = columns * rows * slices;
  const byteLength = voxelCount * BYTES_PER_VOXEL[dataType];
  if (byteLength > MAX_PIXEL_BYTES) {
    return fail(
      'TOO_LARGE',
      `${columns}×${rows}×${slices} ${dataType} voxels need ${byteLength} bytes (limit ${MAX_PIXEL_BYTES})`,
    );
  }
  return { ok: true, value: { dataType, voxelCount, byteLength, verifyRange } };
}
