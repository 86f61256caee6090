import { dot, sliceNormal } from './geometryMath.ts';
import type { FrameRef, Orientation } from './types.ts';

function compareByInstanceOrder(a: FrameRef, b: FrameRef): number {
  const ia = a.instance.instanceNumber ?? Number.MAX_SAFE_INTEGER;
  const ib = b.instance.instanceNumber ?? Number.MAX_SAFE_INTEGER;
  if (ia !== ib) return ia - ib;
  return a.frameIndex - b.frameIndex;
}

/**
 * Sorts frames by the projection of ImagePositionPatient on the slice normal of `orientation`
 * (ascending, so the volume's third axis is the normal). InstanceNumber and frame index only
 * break ties, or order frames when positions are missing. Returns new FrameRefs with
 * `positionMm` filled in.
 */
export function sortFrames(
  frames: readonly FrameRef[],
  orientation: Orientation | null,
): FrameRef[] {
  const normal = orientation ? sliceNormal(orientation) : null;
  const located = frames.map((frame) => {
    const position = frame.attributes.imagePositionPatient;
    return { ...frame, positionMm: normal && position ? dot(position, normal) : null };
  });
  return located.sort((a, b) => {
    if (a.positionMm !== null && b.positionMm !== null && a.positionMm !== b.positionMm) {
      return a.positionMm - b.positionMm;
    }
    if (a.positionMm === null && b.positionMm !== null) return 1;
    if (b.positionMm === null && a.positionMm !== null) return -1;
    return compareByInstanceOrder(a, b);
  });
}
