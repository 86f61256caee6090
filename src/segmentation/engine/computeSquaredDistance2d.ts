import { SegmentationError } from './SegmentationError.ts';

/**
 * Exact squared Euclidean distance transform in mm² (Felzenszwalb & Huttenlocher 2012,
 * "Distance Transforms of Sampled Functions"): for every pixel, the squared distance to the
 * nearest pixel with `feature[p] !== 0`, with anisotropic pixel spacing. Separable: a 1D lower
 * envelope of parabolas down each column, then along each row, O(width × height).
 * Infinity where the image has no feature pixel at all.
 */
export function computeSquaredDistance2d(
  feature: Uint8Array,
  width: number,
  height: number,
  spacingXMm: number,
  spacingYMm: number,
): Float64Array {
  if (feature.length !== width * height)
    throw new SegmentationError('SIZE_MISMATCH', `mask has ${feature.length} pixels`);
  if (!(spacingXMm > 0) || !(spacingYMm > 0))
    throw new SegmentationError('INVALID_ARGUMENT', 'spacing must be positive');
  const out = new Float64Array(width * height);
  const longest = Math.max(width, height);
  const f = new Float64Array(longest);
  const d = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = feature[x + y * width] !== 0 ? 0 : Infinity;
    transform1d(f, d, height, spacingYMm * spacingYMm, v, z);
    for (let y = 0; y < height; y++) out[x + y * width] = d[y] ?? Infinity;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = out[row + x] ?? Infinity;
    transform1d(f, d, width, spacingXMm * spacingXMm, v, z);
    for (let x = 0; x < width; x++) out[row + x] = d[x] ?? Infinity;
  }
  return out;
}

/**
 * d[q] = min_p f[p] + w2·(q − p)² over the first n samples. Infinite samples carry no parabola
 * (skipping them avoids ∞ − ∞ in the intersections); with none finite the row stays infinite.
 */
function transform1d(
  f: Float64Array,
  d: Float64Array,
  n: number,
  w2: number,
  v: Int32Array,
  z: Float64Array,
): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q] ?? Infinity;
    if (fq === Infinity) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    // Where q's parabola meets the envelope's last one; drop those it hides. z[0] = −∞ stops at k = 0.
    let p = v[k] ?? 0;
    let s = (fq + w2 * q * q - ((f[p] ?? 0) + w2 * p * p)) / (2 * w2 * (q - p));
    while (s <= (z[k] ?? -Infinity)) {
      k--;
      p = v[k] ?? 0;
      s = (fq + w2 * q * q - ((f[p] ?? 0) + w2 * p * p)) / (2 * w2 * (q - p));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    d.fill(Infinity, 0, n);
    return;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while ((z[k + 1] ?? Infinity) < q) k++;
    const p = v[k] ?? 0;
    d[q] = w2 * (q - p) * (q - p) + (f[p] ?? 0);
  }
}
