import { boxSize, readBox } from './boxMath.ts';
import { commitBoxEdit } from './commitBoxEdit.ts';
import { computeSignedDistance2d } from './computeSignedDistance2d.ts';
import { planeAxes } from './planeAxes.ts';
import { segmentBoundingBox } from './segmentBoundingBox.ts';
import type { EditRecord, Labelmap, PlaneAxis } from './types.ts';

/**
 * Slicer's "Fill between slices" by shape-based interpolation (Raya & Udupa 1990; Herman et al.
 * 1992): each pair of consecutive slices along `axis` that hold the segment, with empty slices
 * between, is bridged by interpolating their signed distance maps (mm) linearly in slice
 * position and filling where the result is ≤ 0. Only empty voxels are filled: other segments
 * and the key slices are never changed. Works inside the segment's bounding box, since the
 * interpolated shape lies within the union of the two key shapes.
 */
export function fillBetweenSlices(
  labelmap: Labelmap,
  segment: number,
  axis: PlaneAxis,
  label = 'Fill between slices',
): EditRecord | null {
  const box = segmentBoundingBox(labelmap, segment);
  if (!box) return null;
  const { normal, u, v } = planeAxes(axis);
  const size = boxSize(box);
  const values = readBox(labelmap.data, labelmap.geometry, box);
  const strides = [1, size[0], size[0] * size[1]];
  const strideU = strides[u] ?? 1;
  const strideV = strides[v] ?? 1;
  const strideW = strides[normal] ?? 1;
  const nu = size[u];
  const nv = size[v];
  const slices = size[normal];

  const keys: number[] = [];
  for (let w = 0; w < slices; w++) {
    let found = false;
    for (let b = 0; b < nv && !found; b++) {
      for (let a = 0; a < nu; a++) {
        if (values[w * strideW + b * strideV + a * strideU] === segment) {
          found = true;
          break;
        }
      }
    }
    if (found) keys.push(w);
  }

  // One empty pixel of padding on each side: an inside pixel's nearest outside pixel may lie
  // just beyond the box, and anything beyond the padding is never nearer.
  const pu = nu + 2;
  const pv = nv + 2;
  const signedDistance = (w: number): Float64Array => {
    const mask = new Uint8Array(pu * pv);
    for (let b = 0; b < nv; b++) {
      for (let a = 0; a < nu; a++) {
        if (values[w * strideW + b * strideV + a * strideU] === segment)
          mask[a + 1 + (b + 1) * pu] = 1;
      }
    }
    const spacing = labelmap.geometry.spacingMm;
    return computeSignedDistance2d(mask, pu, pv, spacing[u], spacing[v]);
  };

  const after = values.slice();
  let cache: { w: number; map: Float64Array } | null = null;
  for (let g = 0; g + 1 < keys.length; g++) {
    const w0 = keys[g] ?? 0;
    const w1 = keys[g + 1] ?? 0;
    if (w1 - w0 < 2) continue;
    const d0 = cache?.w === w0 ? cache.map : signedDistance(w0);
    const d1 = signedDistance(w1);
    cache = { w: w1, map: d1 };
    for (let w = w0 + 1; w < w1; w++) {
      const t = (w - w0) / (w1 - w0);
      for (let b = 0; b < nv; b++) {
        for (let a = 0; a < nu; a++) {
          const p = a + 1 + (b + 1) * pu;
          const interpolated = (1 - t) * (d0[p] ?? 0) + t * (d1[p] ?? 0);
          const q = w * strideW + b * strideV + a * strideU;
          if (interpolated <= 0 && values[q] === 0) after[q] = segment;
        }
      }
    }
  }
  return commitBoxEdit(labelmap, box, after, label);
}
