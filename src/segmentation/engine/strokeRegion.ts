import { brushFrame, markNearestVoxel, validateBrushInput } from './brushRegion.ts';
import type { BrushShape, Ijk, LabelmapGeometry, PlaneAxis, Region } from './types.ts';

export interface StrokeRegionInput {
  /** Previous mouse sample, continuous index coordinates. */
  readonly from: Ijk;
  /** Current mouse sample; for a circle its slice `round(to[plane])` is the one painted. */
  readonly to: Ijk;
  readonly radiusMm: number;
  readonly shape: BrushShape;
  readonly plane: PlaneAxis;
  readonly geometry: LabelmapGeometry;
}

/**
 * The brush swept from `from` to `to` (a capsule; a flat one for a circle): voxels whose centre
 * lies within `radiusMm` of the segment, in mm. The voxels nearest to points along the segment
 * are painted too, so a brush thinner than a voxel still leaves a connected line. With
 * `from` = `to` it equals `brushRegion`. A stroke that misses the volume gives a one-voxel
 * region with an all-zero mask.
 */
export function strokeRegion(input: StrokeRegionInput): Region {
  const { from, to, radiusMm, shape, plane, geometry } = input;
  validateBrushInput([from, to], radiusMm);
  const frame = brushFrame([from, to], radiusMm, shape, plane, geometry, to);
  const { weightMm, lo, hi } = frame;
  if (frame.empty) return { box: { min: [...lo], max: [...hi] }, mask: new Uint8Array(1) };
  const [sx, sy, sz] = weightMm;
  const [ax, ay, az] = from;
  // The segment in mm relative to `from`; a circle ignores the normal (its weight is 0).
  const ux = (to[0] - ax) * sx;
  const uy = (to[1] - ay) * sy;
  const uz = (to[2] - az) * sz;
  const length2 = ux * ux + uy * uy + uz * uz;
  const bx = hi[0] - lo[0] + 1;
  const by = hi[1] - lo[1] + 1;
  const bz = hi[2] - lo[2] + 1;
  const mask = new Uint8Array(bx * by * bz);
  const r2 = radiusMm * radiusMm;
  let m = 0;
  for (let k = lo[2]; k <= hi[2]; k++) {
    const dz = (k - az) * sz;
    for (let j = lo[1]; j <= hi[1]; j++) {
      const dy = (j - ay) * sy;
      for (let i = lo[0]; i <= hi[0]; i++, m++) {
        const dx = (i - ax) * sx;
        let t = length2 > 0 ? (dx * ux + dy * uy + dz * uz) / length2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = dx - t * ux;
        const ey = dy - t * uy;
        const ez = dz - t * uz;
        if (ex * ex + ey * ey + ez * ez <= r2) mask[m] = 1;
      }
    }
  }
  // Samples at most half a voxel apart along every axis reach every voxel the line crosses.
  const steps = Math.max(
    1,
    Math.ceil(2 * Math.max(Math.abs(to[0] - ax), Math.abs(to[1] - ay), Math.abs(to[2] - az))),
  );
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    markNearestVoxel(mask, frame, [
      ax + t * (to[0] - ax),
      ay + t * (to[1] - ay),
      az + t * (to[2] - az),
    ]);
  }
  return { box: { min: [...lo], max: [...hi] }, mask };
}
