import {
  boxToTexture,
  downsampleLabels,
  gradientToPatient,
  labelContentBox,
  planDownsample,
  unionBox,
  type DownsamplePlan,
  type Mat3,
  type Vec3,
  type VoxelBox,
} from './engine';
import type { VolumeRenderer } from './gl/createVolumeRenderer';
import type { TextureBox } from './reduceVolume';
import type { LabelSource, Volume3dError } from './types';

/** A segmentation session shown in the 3D view: its textures and its subscriptions. */
export interface LabelLayer {
  readonly source: LabelSource;
  /** Volume texture coordinates → label texture coordinates, per axis. */
  readonly scale: Vec3;
  /** Label-grid gradient → patient-space normal. */
  readonly gradient: Mat3;
  /** Volume texture box outside which no voxel is labelled (null: none is). */
  occupiedBox(): TextureBox | null;
  /** Uploads the voxels changed since the last call (once per frame). */
  flush(): void;
  dispose(): void;
}

/** 256 RGBA entries, one per label value: the segment's colour, alpha 0 when hidden. */
function segmentPalette(source: LabelSource): Uint8Array {
  const rgba = new Uint8Array(256 * 4);
  for (const segment of source.getState().segments) {
    if (segment.index < 1 || segment.index > 255) continue;
    rgba.set([...segment.color, segment.visible ? 255 : 0], segment.index * 4);
  }
  return rgba;
}

/**
 * Uploads a session's labelmap (full resolution up to `maxDimension` a side, else the
 * highest label per block) and keeps it current: a segment change re-uploads the palette, a
 * voxel change only the edited box, at the next frame. `requestFrame(true)` asks for a
 * reduced frame (edits in progress), `false` for a full one.
 */
export function bindLabels(
  renderer: VolumeRenderer,
  source: LabelSource,
  volume: { readonly plan: DownsamplePlan; readonly steps: readonly [Vec3, Vec3, Vec3] },
  maxDimension: number,
  requestFrame: (interactive: boolean) => void,
): LabelLayer | Volume3dError {
  const dims = source.labelmap.geometry.dimensions;
  const plan = planDownsample(dims, maxDimension);
  const reduced = plan.factors.every((f) => f === 1)
    ? null
    : new Uint8Array(plan.dimensions[0] * plan.dimensions[1] * plan.dimensions[2]);
  if (reduced) downsampleLabels(source.labelmap.data, dims, plan, reduced);
  const error = renderer.setLabels(plan.dimensions, reduced ?? source.labelmap.data);
  if (error) return error;
  renderer.setPalette(segmentPalette(source));
  // Labelled voxels lie inside (source voxels): grows with edits, rescanned on reloads.
  let occupied: VoxelBox | null = labelContentBox(source.labelmap.data, dims);
  let pending: VoxelBox | 'all' | null = null;

  const unsubscribeState = source.subscribe(() => {
    renderer.setPalette(segmentPalette(source));
    requestFrame(false);
  });
  const unsubscribeVoxels = source.onVoxelsChanged((box) => {
    pending = box === null || pending === 'all' ? 'all' : unionBox(pending, box);
    requestFrame(true);
  });

  return {
    source,
    scale: volume.plan.extent.map((e, a) => e / plan.extent[a]!) as unknown as Vec3,
    gradient: gradientToPatient(volume.steps, plan.factors),
    // One source voxel per cell of the volume texture's extent.
    occupiedBox: () => occupied && boxToTexture(occupied, volume.plan.extent),
    flush() {
      const box = pending;
      pending = null;
      if (!box) return;
      const data = source.labelmap.data;
      occupied = box === 'all' ? labelContentBox(data, dims) : unionBox(occupied, box);
      if (reduced) {
        const changed = downsampleLabels(data, dims, plan, reduced, box === 'all' ? null : box);
        renderer.updateLabels(changed, reduced);
      } else {
        const whole: VoxelBox = { min: [0, 0, 0], max: [dims[0] - 1, dims[1] - 1, dims[2] - 1] };
        renderer.updateLabels(box === 'all' ? whole : box, data);
      }
    },
    dispose() {
      unsubscribeState();
      unsubscribeVoxels();
      renderer.clearLabels();
    },
  };
}
