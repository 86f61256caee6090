import { orientationsMatch, spacingsMatch } from './geometryMath.ts';
import type { FrameRef } from './types.ts';

function sameGeometry(a: FrameRef, b: FrameRef): boolean {
  if (a.instance.rows !== b.instance.rows || a.instance.columns !== b.instance.columns)
    return false;
  if (a.instance.samplesPerPixel !== b.instance.samplesPerPixel) return false;
  const oa = a.attributes.imageOrientationPatient;
  const ob = b.attributes.imageOrientationPatient;
  if ((oa === null) !== (ob === null) || (oa && ob && !orientationsMatch(oa, ob))) return false;
  const sa = a.attributes.pixelSpacing;
  const sb = b.attributes.pixelSpacing;
  if ((sa === null) !== (sb === null) || (sa && sb && !spacingsMatch(sa, sb))) return false;
  return (
    (a.attributes.imagePositionPatient === null) === (b.attributes.imagePositionPatient === null)
  );
}

/**
 * Clusters frames that could share one voxel grid: same rows, columns, samples per pixel,
 * orientation and pixel spacing, and positions either all present or all absent. Clusters come
 * back largest first (ties in order of first appearance).
 */
export function groupFramesByGeometry(frames: readonly FrameRef[]): FrameRef[][] {
  const clusters: FrameRef[][] = [];
  for (const frame of frames) {
    const cluster = clusters.find((candidate) => candidate[0] && sameGeometry(candidate[0], frame));
    if (cluster) cluster.push(frame);
    else clusters.push([frame]);
  }
  return clusters
    .map((cluster, order) => ({ cluster, order }))
    .sort((a, b) => b.cluster.length - a.cluster.length || a.order - b.order)
    .map(({ cluster }) => cluster);
}
