import { SegmentationError } from './SegmentationError.ts';
import { planeAxes } from './planeAxes.ts';
import type { LabelmapGeometry, PlaneAxis, Region } from './types.ts';

export interface PolygonRegionInput {
  /** In-plane index coordinates: for plane 'k' [i, j]; for 'j' [i, k]; for 'i' [j, k]. */
  readonly vertices: ReadonlyArray<readonly [number, number]>;
  readonly plane: PlaneAxis;
  /** The integer index along `plane` of the slice to fill. */
  readonly sliceIndex: number;
  readonly geometry: LabelmapGeometry;
}

/**
 * Voxels whose centre lies inside the closed polygon, by the even-odd rule (a self-intersecting
 * polygon's doubly covered parts are outside). Scanline fill with half-open crossings (an edge
 * covers rows v0 ≤ v < v1 and a span covers centres x0 ≤ u < x1), so polygons sharing an edge
 * never both claim a voxel and the filled count ≈ the polygon's area. Vertices outside the
 * volume are allowed; the fill is clipped. A polygon that misses the volume (or has fewer than
 * 3 vertices) gives a one-voxel region with an all-zero mask.
 */
export function polygonRegion(input: PolygonRegionInput): Region {
  const { vertices, plane, sliceIndex, geometry } = input;
  const { normal, u, v } = planeAxes(plane);
  const dims = geometry.dimensions;
  if (!Number.isInteger(sliceIndex))
    throw new SegmentationError('INVALID_ARGUMENT', `slice ${sliceIndex} is not an integer`);
  for (const [a, b] of vertices) {
    if (!Number.isFinite(a) || !Number.isFinite(b))
      throw new SegmentationError('INVALID_ARGUMENT', `vertex [${a}, ${b}] is not finite`);
  }
  let uLow = Infinity;
  let uHigh = -Infinity;
  let vLow = Infinity;
  let vHigh = -Infinity;
  for (const [a, b] of vertices) {
    uLow = Math.min(uLow, a);
    uHigh = Math.max(uHigh, a);
    vLow = Math.min(vLow, b);
    vHigh = Math.max(vHigh, b);
  }
  const u0 = Math.max(0, Math.ceil(uLow));
  const u1 = Math.min(dims[u] - 1, Math.floor(uHigh));
  const v0 = Math.max(0, Math.ceil(vLow));
  const v1 = Math.min(dims[v] - 1, Math.floor(vHigh));
  if (vertices.length < 3 || sliceIndex < 0 || sliceIndex >= dims[normal] || u0 > u1 || v0 > v1) {
    const at: [number, number, number] = [0, 0, 0];
    at[normal] = Math.min(dims[normal] - 1, Math.max(0, sliceIndex));
    at[u] = Math.min(dims[u] - 1, Math.max(0, Math.round(vertices[0]?.[0] ?? 0)));
    at[v] = Math.min(dims[v] - 1, Math.max(0, Math.round(vertices[0]?.[1] ?? 0)));
    return { box: { min: at, max: [...at] }, mask: new Uint8Array(1) };
  }

  const min: [number, number, number] = [0, 0, 0];
  const max: [number, number, number] = [0, 0, 0];
  min[normal] = max[normal] = sliceIndex;
  min[u] = u0;
  max[u] = u1;
  min[v] = v0;
  max[v] = v1;
  // Mask strides of the in-plane axes in the box's x-fastest layout.
  const extent = [max[0] - min[0] + 1, max[1] - min[1] + 1, max[2] - min[2] + 1];
  const strides = [1, extent[0] ?? 1, (extent[0] ?? 1) * (extent[1] ?? 1)];
  const strideU = strides[u] ?? 1;
  const strideV = strides[v] ?? 1;
  const mask = new Uint8Array((extent[0] ?? 1) * (extent[1] ?? 1) * (extent[2] ?? 1));

  const count = vertices.length;
  const crossings: number[] = [];
  for (let row = v0; row <= v1; row++) {
    crossings.length = 0;
    for (let e = 0; e < count; e++) {
      const [pu, pv] = vertices[e] ?? [0, 0];
      const [qu, qv] = vertices[(e + 1) % count] ?? [0, 0];
      // Half-open in v: a vertex on the scanline is counted once, horizontal edges never.
      if (pv <= row !== qv <= row) crossings.push(pu + ((row - pv) * (qu - pu)) / (qv - pv));
    }
    crossings.sort((a, b) => a - b);
    const base = (row - v0) * strideV;
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      const start = Math.max(u0, Math.ceil(crossings[c] ?? 0));
      const end = Math.min(u1, Math.ceil(crossings[c + 1] ?? 0) - 1);
      for (let col = start; col <= end; col++) mask[base + (col - u0) * strideU] = 1;
    }
  }
  return { box: { min, max }, mask };
}
