import { metaData } from '@cornerstonejs/core';
import type { DisplayVolume } from './displayVolume';

interface SliceRecord {
  readonly volume: DisplayVolume;
  readonly index: number;
}

const slices = new Map<string, SliceRecord>();

export function imageIdFor(volume: DisplayVolume, index: number): string {
  return `llr:${volume.key}/${index}`;
}

export function rememberSlice(imageId: string, volume: DisplayVolume, index: number): void {
  slices.set(imageId, { volume, index });
}

export function lookupSlice(imageId: string): SliceRecord | undefined {
  return slices.get(imageId);
}

export function forgetVolumeSlices(volume: DisplayVolume): void {
  for (let i = 0; i < volume.dimensions[2]; i++) slices.delete(imageIdFor(volume, i));
}

/**
 * Answers cornerstone's metadata queries for images we built from ingested volumes. The
 * pixels are already rescaled, so the modality LUT is identity. Registered at a priority
 * above cornerstone's generic provider so our exact per-slice geometry wins.
 */
function provide(type: string, imageId: string): unknown {
  const record = slices.get(imageId);
  if (!record) return undefined;
  const { volume, index } = record;
  const [columns, rows] = volume.dimensions;
  const position = volume.slicePositions[index];
  const d = volume.direction;
  switch (type) {
    case 'imagePlaneModule':
      return {
        frameOfReferenceUID: volume.frameOfReferenceUid ?? `llr-for-${volume.key}`,
        rows,
        columns,
        imageOrientationPatient: d.slice(0, 6),
        rowCosines: d.slice(0, 3),
        columnCosines: d.slice(3, 6),
        imagePositionPatient: position ? [...position] : [0, 0, 0],
        pixelSpacing: [volume.spacing[1], volume.spacing[0]],
        rowPixelSpacing: volume.spacing[1],
        columnPixelSpacing: volume.spacing[0],
        sliceThickness: volume.spacing[2],
        usingDefaultValues: false,
      };
    case 'imagePixelModule': {
      const bits =
        volume.data instanceof Float32Array ? 32 : volume.data instanceof Uint8Array ? 8 : 16;
      return {
        samplesPerPixel: 1,
        photometricInterpretation: 'MONOCHROME2',
        rows,
        columns,
        bitsAllocated: bits,
        bitsStored: bits,
        highBit: bits - 1,
        pixelRepresentation: volume.data instanceof Int16Array ? 1 : 0,
      };
    }
    case 'generalSeriesModule':
      return {
        modality: volume.modality,
        seriesInstanceUID: volume.seriesInstanceUid,
        studyInstanceUID: volume.studyInstanceUid,
      };
    case 'modalityLutModule':
      return {
        rescaleSlope: 1,
        rescaleIntercept: 0,
        rescaleType: volume.modality === 'CT' ? 'HU' : 'US',
      };
    case 'voiLutModule':
      return volume.window
        ? { windowCenter: [volume.window.center], windowWidth: [volume.window.width] }
        : undefined;
    case 'generalImageModule':
      return { instanceNumber: index + 1 };
    default:
      return undefined;
  }
}

let registered = false;
export function registerLocalImageMetadataProvider(): void {
  if (registered) return;
  metaData.addProvider(provide, 10_000);
  registered = true;
}
