import type { VoxelBox } from './engine';

/** Why the 3D view cannot show a series; shown to the user with its code. */
export type Volume3dErrorCode =
  | 'WEBGL2_UNAVAILABLE'
  | 'TEXTURE_3D_UNAVAILABLE'
  | 'SHADER_FAILED'
  | 'TEXTURE_UPLOAD_FAILED'
  | 'CONTEXT_LOST'
  | 'NOT_A_VOLUME';

export interface Volume3dError {
  readonly code: Volume3dErrorCode;
  readonly message: string;
}

export function volume3dError(code: Volume3dErrorCode, message: string): Volume3dError {
  return { code, message };
}

/** What the 3D view reads of a series: ingest's geometry and pixels in modality units. */
export interface VolumeSource {
  readonly key: string;
  readonly modality: string;
  readonly dimensions: readonly [number, number, number];
  readonly spacing: readonly [number, number, number];
  readonly direction: readonly number[];
  readonly slicePositions: ReadonlyArray<readonly [number, number, number]>;
  readonly data: ArrayLike<number> & { readonly length: number };
  readonly isVolume: boolean;
}

/** What the 3D view reads of a segmentation session (SegmentationSession fits). */
export interface LabelSource {
  readonly labelmap: {
    readonly data: Uint8Array;
    readonly geometry: { readonly dimensions: readonly [number, number, number] };
  };
  getState(): {
    readonly segments: ReadonlyArray<{
      readonly index: number;
      readonly color: readonly [number, number, number];
      readonly visible: boolean;
    }>;
  };
  subscribe(listener: () => void): () => void;
  onVoxelsChanged(listener: (box: VoxelBox | null) => void): () => void;
}

/** Reported after each frame has finished on the GPU (a fence, not a guess). */
export interface FrameInfo {
  readonly quality: 'interactive' | 'full';
  /** From the draw call to the GPU finishing it, ms (polled: a few ms of granularity). */
  readonly gpuMs: number;
  readonly width: number;
  readonly height: number;
  /** Full-quality frames finished so far. */
  readonly fullFrames: number;
}
