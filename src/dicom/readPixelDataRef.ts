import type { DataSet } from 'dicom-parser';
import { TAG } from './tags.ts';
import type { PixelDataRef } from './types.ts';

/**
 * Locates PixelData inside the file's bytes without copying: the native value range, or the
 * encapsulated fragments (absolute positions) and Basic Offset Table (PS3.5 A.4).
 */
export function readPixelDataRef(dataSet: DataSet): PixelDataRef | null {
  const element = dataSet.elements[TAG.PixelData];
  if (!element) return null;
  // Explicit VR OB/OW/UN: tag, VR, 2 reserved bytes and a 4-byte length; implicit VR: tag + length.
  const elementOffset = element.dataOffset - (element.vr ? 12 : 8);
  if (element.encapsulatedPixelData || element.fragments) {
    const fragments = (element.fragments ?? []).map((fragment) => ({
      byteOffset: fragment.position,
      byteLength: fragment.length,
    }));
    return {
      encapsulated: true,
      fragments,
      basicOffsetTable: [...(element.basicOffsetTable ?? [])],
      elementOffset,
    };
  }
  return {
    encapsulated: false,
    byteOffset: element.dataOffset,
    byteLength: element.length,
    elementOffset,
  };
}

/**
 * Bytes one frame of native pixel data occupies: bit-packed when BitsAllocated is 1, and two
 * samples per pixel for native YBR_FULL_422 (PS3.3 C.7.6.3.1.2: one CbCr pair per two Y).
 */
export function nativeFrameByteLength(
  rows: number,
  columns: number,
  samplesPerPixel: number,
  bitsAllocated: number,
  photometricInterpretation = '',
): number {
  const perPixel =
    samplesPerPixel === 3 && photometricInterpretation === 'YBR_FULL_422' ? 2 : samplesPerPixel;
  const samples = rows * columns * perPixel;
  return bitsAllocated === 1 ? Math.ceil(samples / 8) : samples * (bitsAllocated / 8);
}
