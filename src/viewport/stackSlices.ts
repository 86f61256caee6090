import type { DisplayVolume, Vec3 } from './displayVolume';

/**
 * Slice arithmetic for stack viewports, which show a series' acquired slices one at a time
 * (a 2D texture of the slice shown, never a 3D texture of the whole series).
 */

export const dot = (a: Vec3, b: readonly number[]): number =>
  a[0] * (b[0] ?? 0) + a[1] * (b[1] ?? 0) + a[2] * (b[2] ?? 0);

/** The series' slice normal (the third row of its direction), along which ingest sorted it. */
export function sliceNormal(volume: DisplayVolume): Vec3 {
  const d = volume.direction;
  return [d[6] ?? 0, d[7] ?? 0, d[8] ?? 1];
}

/** Each slice's position along a normal (mm). */
export function slicePositionsAlong(volume: DisplayVolume, normal: Vec3): number[] {
  return volume.slicePositions.map((p) => dot(p, normal));
}

/** Index of the slice whose plane lies nearest a position along the normal (mm); -1 if none. */
export function nearestSlice(positions: readonly number[], at: number): number {
  let best = -1;
  let bestDistance = Infinity;
  positions.forEach((p, k) => {
    const distance = Math.abs(p - at);
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  });
  return best;
}

/** The slice of a series nearest the plane through a patient point (mm). */
export function nearestSliceTo(volume: DisplayVolume, world: Vec3): number {
  const normal = sliceNormal(volume);
  return nearestSlice(slicePositionsAlong(volume, normal), dot(world, normal));
}

/**
 * Links the slices of several stacks by patient position (mm) along one normal: a stack moved
 * to a new slice moves every other by the same distance from its own position, onto its slice
 * nearest there. Each stack keeps a target position with the fraction its slices cannot show
 * yet, so four 1.25 mm steps of one stack move a 5 mm stack by exactly one slice, and four
 * steps back return it.
 */
export interface SliceLink {
  /** Slice index shown per stack. */
  readonly shown: readonly number[];
  /**
   * Stack `i` now shows slice `index` (the user scrolled it): returns the other stacks' new
   * slices, `[stack, index]` for each that changes.
   */
  moved(i: number, index: number): Array<[number, number]>;
  /** Stack `i` is put on slice `index` on its own (a jump); the others stay. */
  place(i: number, index: number): void;
  /** Every stack to the first one's position; returns the stacks' slices that change. */
  alignToFirst(): Array<[number, number]>;
}

export function createSliceLink(
  positions: ReadonlyArray<readonly number[]>,
  start: readonly number[],
): SliceLink {
  const shown = positions.map((_, i) => start[i] ?? 0);
  const target = positions.map((p, i) => p[shown[i]!] ?? 0);
  const follow = (j: number, changes: Array<[number, number]>): void => {
    const index = nearestSlice(positions[j] ?? [], target[j]!);
    if (index >= 0 && index !== shown[j]) {
      shown[j] = index;
      changes.push([j, index]);
    }
  };
  return {
    shown,
    moved(i, index) {
      const changes: Array<[number, number]> = [];
      const from = positions[i]?.[shown[i]!];
      const to = positions[i]?.[index];
      if (from === undefined || to === undefined || index === shown[i]) return changes;
      shown[i] = index;
      target[i] = to;
      positions.forEach((_, j) => {
        if (j === i) return;
        target[j] = target[j]! + (to - from);
        follow(j, changes);
      });
      return changes;
    },
    place(i, index) {
      const at = positions[i]?.[index];
      if (at === undefined) return;
      shown[i] = index;
      target[i] = at;
    },
    alignToFirst() {
      const changes: Array<[number, number]> = [];
      positions.forEach((_, j) => {
        if (j === 0) return;
        target[j] = target[0]!;
        follow(j, changes);
      });
      return changes;
    },
  };
}
