import { computeSquaredDistance2d } from './computeSquaredDistance2d.ts';

/**
 * Signed distance map in mm of a 2D mask: outside pixels hold +(distance to the nearest inside
 * pixel centre), inside pixels −(distance to the nearest outside pixel centre), so the zero level
 * falls halfway between boundary pixels and no pixel is exactly 0.
 */
export function computeSignedDistance2d(
  mask: Uint8Array,
  width: number,
  height: number,
  spacingXMm: number,
  spacingYMm: number,
): Float64Array {
  const outside = new Uint8Array(mask.length);
  for (let p = 0; p < mask.length; p++) outside[p] = mask[p] === 0 ? 1 : 0;
  const toInside = computeSquaredDistance2d(mask, width, height, spacingXMm, spacingYMm);
  const toOutside = computeSquaredDistance2d(outside, width, height, spacingXMm, spacingYMm);
  const signed = new Float64Array(mask.length);
  for (let p = 0; p < mask.length; p++)
    signed[p] = Math.sqrt(toInside[p] ?? 0) - Math.sqrt(toOutside[p] ?? 0);
  return signed;
}
