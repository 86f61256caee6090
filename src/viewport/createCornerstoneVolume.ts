import {
  cache,
  imageLoader,
  registerImageLoader,
  utilities,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import type { DisplayVolume } from './displayVolume';
import { imageIdFor, lookupSlice, rememberSlice } from './localImageMetadata';
import { autoWindow } from './windowPresets';

export interface CornerstoneSeries {
  readonly imageIds: readonly string[];
  /** Present when the slices form a volume (MPR possible). */
  readonly volumeId: string | null;
}

const built = new Map<string, CornerstoneSeries>();
const windows = new Map<string, { center: number; width: number }>();

/**
 * Rebuilds one slice image from the retained volume buffer, for when cornerstone asks its
 * loader for an image that is not (or no longer) in its cache: our images have no files.
 */
function loadLocalSlice(imageId: string): { promise: Promise<Types.IImage> } {
  const slice = lookupSlice(imageId);
  if (!slice) return { promise: Promise.reject(new Error(`unknown local image ${imageId}`)) };
  const { volume, index } = slice;
  const [columns, rows] = volume.dimensions;
  const length = columns * rows;
  const scalarData = volume.data.subarray(index * length, (index + 1) * length);
  const { min, max } = utilities.getMinMax(scalarData);
  const window = windows.get(volume.key) ?? { center: 0, width: 1 };
  const image = {
    imageId,
    rows,
    columns,
    height: rows,
    width: columns,
    color: false,
    rgba: false,
    numberOfComponents: 1,
    dataType: scalarData.constructor.name,
    slope: 1,
    intercept: 0,
    minPixelValue: min,
    maxPixelValue: max,
    windowCenter: window.center,
    windowWidth: window.width,
    columnPixelSpacing: volume.spacing[0],
    rowPixelSpacing: volume.spacing[1],
    invert: false,
    sizeInBytes: scalarData.byteLength,
    getPixelData: () => scalarData,
    voxelManager: utilities.VoxelManager.createImageVoxelManager({
      width: columns,
      height: rows,
      numberOfComponents: 1,
      scalarData,
      id: imageId,
    }),
  };
  return { promise: Promise.resolve(image as unknown as Types.IImage) };
}

let loaderRegistered = false;

/**
 * Hands an ingested volume to cornerstone without copying pixels: each slice becomes a
 * cached local image over a view of the volume buffer, and the volume is assembled from
 * those images. Ingest already sorted, spaced and rescaled the data, so cornerstone's own
 * loaders (which would parse every file again) are not involved.
 */
export function createCornerstoneVolume(volume: DisplayVolume): CornerstoneSeries {
  const existing = built.get(volume.key);
  if (existing) return existing;
  if (!loaderRegistered) {
    registerImageLoader('llr', loadLocalSlice as never);
    loaderRegistered = true;
  }
  const [columns, rows, sliceCount] = volume.dimensions;
  const sliceLength = columns * rows;
  const imageIds: string[] = [];
  const window = volume.window ?? autoWindow(volume.data);
  windows.set(volume.key, window);
  for (let i = 0; i < sliceCount; i++) {
    const imageId = imageIdFor(volume, i);
    rememberSlice(imageId, volume, i);
    imageIds.push(imageId);
    if (cache.getImage(imageId)) continue;
    const position = volume.slicePositions[i] ?? [0, 0, 0];
    const image = imageLoader.createAndCacheLocalImage(imageId, {
      scalarData: volume.data.subarray(i * sliceLength, (i + 1) * sliceLength),
      dimensions: [columns, rows],
      spacing: [volume.spacing[0], volume.spacing[1]],
      origin: [position[0], position[1], position[2]],
      direction: [...volume.direction] as never,
      frameOfReferenceUID: volume.frameOfReferenceUid ?? `llr-for-${volume.key}`,
      targetBuffer: { type: volume.data.constructor.name as 'Int16Array' },
    });
    // Local images are created with a zero window, which the stack viewport turns into an
    // inverted lookup table: give every slice the series' window.
    image.windowCenter = window.center;
    image.windowWidth = window.width;
  }
  let volumeId: string | null = null;
  if (volume.isVolume && sliceCount > 1) {
    volumeId = `llrVolume:${volume.key}`;
    const imageVolume = volumeLoader.createAndCacheVolumeFromImagesSync(volumeId, imageIds);
    // The pixels are all present already: mark every frame for texture upload, otherwise the
    // first rendered plane can sample an empty texture.
    imageVolume.invalidate();
  }
  const result = { imageIds, volumeId };
  built.set(volume.key, result);
  return result;
}

interface ReleasableTexture {
  getHandle(): unknown;
  get(key: '_openGLRenderWindow'): { _openGLRenderWindow?: unknown };
  releaseGraphicsResources(window: unknown): void;
  modified(): void;
}

/**
 * Frees the 3D textures cornerstone built for volumes shown in MPR (it keeps them for the
 * whole session, so every series once shown in MPR would hold its texture: 4 bytes per CT
 * voxel under software WebGL, in process memory). The pixels stay in the volume buffer; the
 * next MPR view of a volume uploads them again. Call when no viewport shows a volume.
 * Returns how many textures were freed.
 */
export function releaseVolumeTextures(): number {
  let freed = 0;
  for (const volume of cache.getVolumes()) {
    const texture = (volume as unknown as { vtkOpenGLTexture?: ReleasableTexture })
      .vtkOpenGLTexture;
    if (!texture?.getHandle()) continue;
    const window = texture.get('_openGLRenderWindow')._openGLRenderWindow;
    if (!window) continue;
    texture.releaseGraphicsResources(window);
    // Marks every slice for upload when the volume is shown again.
    texture.modified();
    freed += 1;
  }
  return freed;
}

/** Bytes of GPU texture memory cornerstone holds for volumes now (browser tests read it). */
export function volumeTextureBytes(): number {
  let bytes = 0;
  for (const volume of cache.getVolumes()) {
    const texture = (
      volume as unknown as {
        vtkOpenGLTexture?: { getHandle(): unknown; getAllocatedGPUMemoryInBytes?(): number };
      }
    ).vtkOpenGLTexture;
    if (texture?.getHandle()) bytes += texture.getAllocatedGPUMemoryInBytes?.() ?? 0;
  }
  return bytes;
}
