import type { LesionRow } from './buildLesionReview';
import type { Vec3 } from './types';

export interface LesionFocus {
  /** Per date (same order as the review's dates): where to look, or null if never seen. */
  readonly points: ReadonlyArray<Vec3 | null>;
  /** The lesion's RECIST long and short axes on each date it was measured. */
  readonly axes: ReadonlyArray<{
    readonly date: number;
    readonly name: 'long' | 'short';
    readonly fromMm: Vec3;
    readonly toMm: Vec3;
    readonly lengthMm: number;
  }>;
}

const midpoint = (a: Vec3, b: Vec3): Vec3 => [
  (a[0] + b[0]) / 2,
  (a[1] + b[1]) / 2,
  (a[2] + b[2]) / 2,
];

/**
 * Where each date should look to show a lesion: the middle of its longest axial diameter (the
 * slice RECIST measures on), else its centroid; a date without the lesion looks where the
 * nearest date (in order) saw it, ties going to the earlier date.
 */
export function focusLesion(row: LesionRow): LesionFocus {
  const seen = row.cells.flatMap((cell, t) => {
    if (!('key' in cell)) return [];
    const axis = cell.statistics.longestAxial;
    const point = axis ? midpoint(axis.fromMm, axis.toMm) : cell.statistics.centroidMm;
    return point ? [{ t, point }] : [];
  });
  const points = row.cells.map((_, t) => {
    let best: { t: number; point: Vec3 } | null = null;
    for (const s of seen) if (!best || Math.abs(s.t - t) < Math.abs(best.t - t)) best = s;
    return best?.point ?? null;
  });
  const axes = row.cells.flatMap((cell, t) => {
    if (!('key' in cell)) return [];
    return (
      [
        ['long', cell.statistics.longestAxial],
        ['short', cell.statistics.shortAxis],
      ] as const
    ).flatMap(([name, axis]) =>
      axis
        ? [{ date: t, name, fromMm: axis.fromMm, toMm: axis.toMm, lengthMm: axis.lengthMm }]
        : [],
    );
  });
  return { points, axes };
}
