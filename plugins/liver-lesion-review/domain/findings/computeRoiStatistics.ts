import { FindingsError } from './FindingsError';
import type { EllipseRoi, RoiGrid, RoiStatistics } from './roiTypes';

// A voxel whose centre lies exactly on the outline counts as inside, despite rounding.
const ON_OUTLINE = 1 + 1e-9;

/**
 * Mean ± SD, min, max, voxel count and area of a circle/ellipse ROI on one slice of a volume
 * (values i-fastest, then j, then k, as in quantify). A voxel belongs to the ROI when its
 * centre lies inside the ellipse (no partial-volume weighting), as Slicer and cornerstone's
 * ROI statistics do; spacing makes the test anisotropic in index space.
 */
export function computeRoiStatistics(
  values: ArrayLike<number>,
  grid: RoiGrid,
  roi: EllipseRoi,
): RoiStatistics {
  const [nx, ny, nz] = grid.dimensions;
  const [sx, sy] = grid.spacingMm;
  const [rx, ry] = roi.radiiMm;
  const [ci, cj] = roi.centreIndex;
  const k = roi.sliceIndex;
  if (values.length !== nx * ny * nz)
    throw new FindingsError(
      'SIZE_MISMATCH',
      `Image has ${values.length} values, the grid ${nx}×${ny}×${nz} = ${nx * ny * nz}.`,
    );
  if (!Number.isInteger(k) || k < 0 || k >= nz)
    throw new FindingsError('INVALID_SLICE', `Slice ${k} is outside 0…${nz - 1}.`);
  if (!(rx > 0 && ry > 0))
    throw new FindingsError('INVALID_RADIUS', `Radii ${rx}, ${ry} mm must be > 0.`);
  if (!(sx > 0 && sy > 0))
    throw new FindingsError('INVALID_SPACING', `Spacing ${sx}, ${sy} mm must be > 0.`);

  const iMin = Math.max(0, Math.ceil(ci - rx / sx));
  const iMax = Math.min(nx - 1, Math.floor(ci + rx / sx));
  const jMin = Math.max(0, Math.ceil(cj - ry / sy));
  const jMax = Math.min(ny - 1, Math.floor(cj + ry / sy));
  const inside = (i: number, j: number): boolean =>
    (((i - ci) * sx) / rx) ** 2 + (((j - cj) * sy) / ry) ** 2 <= ON_OUTLINE;
  const sliceOffset = k * nx * ny;

  // Two passes (mean, then squared deviations): exact enough for HU without a running sum.
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let j = jMin; j <= jMax; j++)
    for (let i = iMin; i <= iMax; i++) {
      if (!inside(i, j)) continue;
      const v = values[sliceOffset + j * nx + i]!;
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  if (count === 0) return { voxelCount: 0, mean: null, sd: null, min: null, max: null, areaMm2: 0 };
  const mean = sum / count;
  let squares = 0;
  for (let j = jMin; j <= jMax; j++)
    for (let i = iMin; i <= iMax; i++)
      if (inside(i, j)) squares += (values[sliceOffset + j * nx + i]! - mean) ** 2;
  return {
    voxelCount: count,
    mean,
    sd: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    min,
    max,
    areaMm2: count * sx * sy,
  };
}
