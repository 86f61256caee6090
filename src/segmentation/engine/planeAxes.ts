import type { PlaneAxis } from './types.ts';

/** Axis numbers of a 2D edit: `normal` is held constant; `u`, `v` are the in-plane axes. */
export interface PlaneAxes {
  readonly normal: 0 | 1 | 2;
  readonly u: 0 | 1 | 2;
  readonly v: 0 | 1 | 2;
}

/** In-plane axes in ascending order, which is also the order of polygon vertex coordinates. */
export function planeAxes(plane: PlaneAxis): PlaneAxes {
  if (plane === 'k') return { normal: 2, u: 0, v: 1 };
  if (plane === 'j') return { normal: 1, u: 0, v: 2 };
  return { normal: 0, u: 1, v: 2 };
}
