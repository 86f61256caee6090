import type { RoiStatistics } from './roiTypes';

/**
 * Several ROIs of one organ as one region: the voxel-weighted mean (Σ nᵢ·meanᵢ / Σ nᵢ, not the
 * mean of the means) and the SD of all their voxels together, from
 * SS = Σ [(nᵢ − 1)·sdᵢ² + nᵢ·(meanᵢ − mean)²], sd = √(SS / (N − 1)). Areas add up; a region
 * without an area (a segment) makes the pooled area null. Empty ROIs are left out.
 */
export function poolRoiStatistics(rois: readonly RoiStatistics[]): RoiStatistics {
  const used = rois.filter((r) => r.voxelCount > 0 && r.mean !== null);
  const count = used.reduce((n, r) => n + r.voxelCount, 0);
  const areaMm2 = rois.some((r) => r.areaMm2 === null)
    ? null
    : rois.reduce((a, r) => a + (r.areaMm2 ?? 0), 0);
  if (count === 0) return { voxelCount: 0, mean: null, sd: null, min: null, max: null, areaMm2 };
  const mean = used.reduce((s, r) => s + r.voxelCount * r.mean!, 0) / count;
  const squares = used.reduce(
    (s, r) => s + (r.voxelCount - 1) * (r.sd ?? 0) ** 2 + r.voxelCount * (r.mean! - mean) ** 2,
    0,
  );
  const mins = used.map((r) => r.min).filter((v) => v !== null);
  const maxs = used.map((r) => r.max).filter((v) => v !== null);
  return {
    voxelCount: count,
    mean,
    sd: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    min: mins.length ? Math.min(...mins) : null,
    max: maxs.length ? Math.max(...maxs) : null,
    areaMm2,
  };
}
