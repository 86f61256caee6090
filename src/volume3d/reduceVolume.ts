import {
  CT_ABDOMEN_POINTS,
  boxToTexture,
  downsampleScalars,
  mipWindow,
  planDownsample,
  scalarContentBox,
  transparentUpTo,
  type DownsamplePlan,
  type Vec3,
  type VoxelBox,
} from './engine';
import type { VolumeSource } from './types';

export interface TextureBox {
  readonly min: Vec3;
  readonly max: Vec3;
}

export interface ReducedVolume {
  readonly plan: DownsamplePlan;
  readonly data: Float32Array;
  readonly mip: { readonly lo: number; readonly hi: number };
  /** Where each mode sees anything (texture coordinates); null: nowhere. */
  readonly content: Readonly<Record<'composite' | 'mip', TextureBox | null>>;
}

// Block averages are kept per pixel buffer: toggling 3D or switching back to a series does
// not reduce it again. Weak keys: the entry goes with the volume.
const reducedVolumes = new WeakMap<object, Map<number, ReducedVolume>>();

/** The volume as the GPU gets it, with its MIP window and content boxes (cached). */
export function reduceVolume(source: VolumeSource, maxDimension: number): ReducedVolume {
  let byDimension = reducedVolumes.get(source.data);
  if (!byDimension) {
    byDimension = new Map();
    reducedVolumes.set(source.data, byDimension);
  }
  const cached = byDimension.get(maxDimension);
  if (cached) return cached;
  const plan = planDownsample(source.dimensions, maxDimension);
  const data = downsampleScalars(source.data, source.dimensions, plan);
  const mip = mipWindow(data);
  const inTexture = (box: VoxelBox | null): TextureBox | null =>
    box && boxToTexture(box, plan.dimensions);
  const reduced: ReducedVolume = {
    plan,
    data,
    mip,
    content: {
      composite: inTexture(
        scalarContentBox(data, plan.dimensions, transparentUpTo(CT_ABDOMEN_POINTS)),
      ),
      mip: inTexture(scalarContentBox(data, plan.dimensions, mip.lo)),
    },
  };
  byDimension.set(maxDimension, reduced);
  return reduced;
}

/** min > max: a box no ray enters. */
export const EMPTY_BOX: TextureBox = { min: [1, 1, 1], max: [0, 0, 0] };

export function unionTextureBox(a: TextureBox | null, b: TextureBox | null): TextureBox | null {
  if (!a || !b) return a ?? b;
  return {
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}
