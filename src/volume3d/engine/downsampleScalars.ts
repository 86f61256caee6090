import type { DownsamplePlan } from './planDownsample';
import type { Vec3 } from './types';

/**
 * Block average of a scalar volume (x fastest, then y, then slice). A block cut by the
 * volume's edge averages only the voxels that exist, so edges do not darken.
 */
export function downsampleScalars(
  data: ArrayLike<number>,
  dimensions: Vec3,
  plan: DownsamplePlan,
): Float32Array {
  const [nx, ny, nz] = dimensions;
  const [fx, fy, fz] = plan.factors;
  const [mx, my, mz] = plan.dimensions;
  const out = new Float32Array(mx * my * mz);
  if (fx === 1 && fy === 1 && fz === 1) {
    for (let i = 0; i < out.length; i++) out[i] = data[i] ?? 0;
    return out;
  }
  // One reduced row at a time: sums over the block's source rows, then divided once.
  const sums = new Float64Array(mx);
  const counts = new Uint32Array(mx);
  for (let z = 0; z < mz; z++) {
    const k0 = z * fz;
    const k1 = Math.min(nz, k0 + fz);
    for (let y = 0; y < my; y++) {
      const j0 = y * fy;
      const j1 = Math.min(ny, j0 + fy);
      sums.fill(0);
      counts.fill(0);
      for (let k = k0; k < k1; k++) {
        for (let j = j0; j < j1; j++) {
          const row = (k * ny + j) * nx;
          for (let i = 0; i < nx; i++) {
            const x = (i / fx) | 0;
            sums[x]! += data[row + i] ?? 0;
            counts[x]! += 1;
          }
        }
      }
      const target = (z * my + y) * mx;
      for (let x = 0; x < mx; x++) out[target + x] = sums[x]! / Math.max(1, counts[x]!);
    }
  }
  return out;
}
