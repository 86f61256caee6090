import {
  RECIST_PD_ABSOLUTE_MM,
  RECIST_PD_PCT,
  RECIST_PR_PCT,
  assessResponse,
  type ResponseAssessment,
} from './assessResponse';
import {
  matchLesionsAcrossTimepoints,
  type MatchMethod,
  type TimepointObservations,
} from './matchLesionsAcrossTimepoints';
import type { LesionStatistics, Vec3 } from './types';

/** One segmented lesion on one date, with its measurements. */
export interface ObservedLesion {
  /** Unique within its date (e.g. the segment index). */
  readonly key: string;
  readonly label: string;
  readonly trackingId: string | null;
  readonly trackingUid: string | null;
  readonly statistics: LesionStatistics;
}

export interface ReviewTimepoint {
  /** ISO date (YYYY-MM-DD). */
  readonly date: string;
  /** The series the lesions were measured on. */
  readonly seriesId: string;
  readonly frameOfReferenceUid: string | null;
  readonly liverCentroidMm: Vec3 | null;
  /** Volume of the Liver segment as drawn (lesions painted over it are not in it), mL. */
  readonly liverVolumeMl?: number | null;
  readonly lesions: readonly ObservedLesion[];
}

/** How a lesion changed since the previous date (Slicer has no such notion; tumour boards do). */
export type LesionStatus =
  | 'baseline'
  | 'new'
  | 'enlarging'
  | 'stable'
  | 'shrinking'
  | 'disappeared'
  | 'merged'
  | 'split'
  | 'absent';

export interface LesionCell {
  readonly key: string;
  readonly label: string;
  readonly statistics: LesionStatistics;
  readonly method: MatchMethod;
  readonly status: LesionStatus;
  /** Why the status was given, with the rule. */
  readonly statusReason: string;
  readonly volumeChangeFromPreviousPct: number | null;
  readonly diameterChangeFromPreviousPct: number | null;
}

export interface LesionRow {
  readonly lesionId: string;
  /** One entry per date (same order as `dates`): the lesion's cell or its absence. */
  readonly cells: ReadonlyArray<
    LesionCell | { readonly status: 'absent' | 'disappeared'; readonly statusReason: string }
  >;
}

export interface LesionReview {
  readonly dates: readonly string[];
  readonly rows: readonly LesionRow[];
  readonly response: ResponseAssessment;
  /** Total tumour volume per date (mL), same order as `dates`. */
  readonly totalVolumeMl: readonly number[];
}

export interface ReviewOptions {
  readonly targetLesionIds?: readonly string[];
  readonly manualLinks?: ReadonlyMap<string, string>;
  readonly maxDistanceMm?: number;
}

const pct = (value: number, reference: number): number | null =>
  reference > 0 ? ((value - reference) / reference) * 100 : null;

function radiusMm(statistics: LesionStatistics): number {
  return (statistics.maximum3dDiameterMm ?? 0) / 2;
}

const dist = (a: Vec3, b: Vec3): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Translation taking `from`'s patient coordinates to `to`'s (livers aligned when possible). */
function shiftBetween(from: ReviewTimepoint, to: ReviewTimepoint): Vec3 {
  const sameFrame =
    from.frameOfReferenceUid !== null && from.frameOfReferenceUid === to.frameOfReferenceUid;
  if (sameFrame || !from.liverCentroidMm || !to.liverCentroidMm) return [0, 0, 0];
  return [
    to.liverCentroidMm[0] - from.liverCentroidMm[0],
    to.liverCentroidMm[1] - from.liverCentroidMm[1],
    to.liverCentroidMm[2] - from.liverCentroidMm[2],
  ];
}

const moved = (p: Vec3, s: Vec3): Vec3 => [p[0] + s[0], p[1] + s[1], p[2] + s[2]];

/**
 * The lesion table and response of a patient: lesions linked across dates (see
 * matchLesionsAcrossTimepoints), each lesion's status per date, RECIST 1.1 and volumetric
 * response per follow-up (assessResponse).
 *
 * Per-lesion status applies RECIST 1.1's thresholds for the sum to the lesion's own longest
 * axial diameter against the previous date: enlarging ≥ +20 % and ≥ +5 mm, shrinking ≤ −30 %,
 * otherwise stable. Merged: one lesion's extent (a sphere of half its maximum 3D diameter)
 * holds the centroids of two or more lesions of the previous date. Split: two or more lesions
 * lie within the extent of one lesion of the previous date. Both are geometric proposals for
 * the reader to confirm.
 */
export function buildLesionReview(
  timepoints: readonly ReviewTimepoint[],
  options: ReviewOptions = {},
): LesionReview {
  const ordered = [...timepoints].sort((a, b) => a.date.localeCompare(b.date));
  const dates = ordered.map((tp) => tp.date);
  const observations: TimepointObservations[] = ordered.map((tp) => ({
    date: tp.date,
    frameOfReferenceUid: tp.frameOfReferenceUid,
    liverCentroidMm: tp.liverCentroidMm,
    lesions: tp.lesions
      .filter((l) => l.statistics.centroidMm !== null)
      .map((l) => ({
        key: l.key,
        trackingId: l.trackingId,
        trackingUid: l.trackingUid,
        centroidMm: l.statistics.centroidMm!,
      })),
  }));
  const links = matchLesionsAcrossTimepoints(observations, {
    ...(options.manualLinks ? { manualLinks: options.manualLinks } : {}),
    ...(options.maxDistanceMm !== undefined ? { maxDistanceMm: options.maxDistanceMm } : {}),
  });
  const linkOf = new Map(links.map((l) => [`${l.date}|${l.key}`, l]));
  const lesionIds: string[] = [];
  for (const link of links) if (!lesionIds.includes(link.lesionId)) lesionIds.push(link.lesionId);

  // lesionId → date index → observed lesion
  const byLesion = new Map<string, Map<number, ObservedLesion>>();
  ordered.forEach((tp, t) => {
    for (const lesion of tp.lesions) {
      const link = linkOf.get(`${tp.date}|${lesion.key}`);
      if (!link) continue;
      let perDate = byLesion.get(link.lesionId);
      if (!perDate) byLesion.set(link.lesionId, (perDate = new Map()));
      perDate.set(t, lesion);
    }
  });

  // Merges and splits between consecutive dates, from the lesions' extents.
  const mergedInto = new Map<string, string>(); // previous lesion id → current lesion id
  const splitFrom = new Map<string, string>(); // current lesion id → previous lesion id
  for (let t = 1; t < ordered.length; t++) {
    const previous = ordered[t - 1]!;
    const current = ordered[t]!;
    const shift = shiftBetween(previous, current);
    const idOf = (tp: ReviewTimepoint, lesion: ObservedLesion): string | undefined =>
      linkOf.get(`${tp.date}|${lesion.key}`)?.lesionId;
    for (const lesion of current.lesions) {
      const centre = lesion.statistics.centroidMm;
      if (!centre) continue;
      const inside = previous.lesions.filter(
        (p) =>
          p.statistics.centroidMm !== null &&
          dist(moved(p.statistics.centroidMm, shift), centre) <= radiusMm(lesion.statistics),
      );
      if (inside.length >= 2) {
        const currentId = idOf(current, lesion);
        for (const p of inside) {
          const previousId = idOf(previous, p);
          if (previousId && currentId && previousId !== currentId)
            mergedInto.set(`${t}|${previousId}`, currentId);
        }
      }
    }
    for (const p of previous.lesions) {
      const centre = p.statistics.centroidMm;
      if (!centre) continue;
      const shifted = moved(centre, shift);
      const inside = current.lesions.filter(
        (c) =>
          c.statistics.centroidMm !== null &&
          dist(c.statistics.centroidMm, shifted) <= radiusMm(p.statistics),
      );
      if (inside.length >= 2) {
        const previousId = idOf(previous, p);
        for (const c of inside) {
          const currentId = idOf(current, c);
          if (previousId && currentId) splitFrom.set(`${t}|${currentId}`, previousId);
        }
      }
    }
  }

  const rows: LesionRow[] = lesionIds.map((lesionId) => {
    const perDate = byLesion.get(lesionId) ?? new Map<number, ObservedLesion>();
    const cells = ordered.map((tp, t): LesionRow['cells'][number] => {
      const lesion = perDate.get(t);
      const previous = t > 0 ? perDate.get(t - 1) : undefined;
      const seenBefore = [...perDate.keys()].some((k) => k < t);
      if (!lesion) {
        const merged = mergedInto.get(`${t}|${lesionId}`);
        if (merged)
          return { status: 'absent', statusReason: `Merged into ${merged} on ${tp.date}.` };
        return previous
          ? { status: 'disappeared', statusReason: `Not segmented on ${tp.date}.` }
          : { status: 'absent', statusReason: seenBefore ? 'Absent.' : 'Not yet seen.' };
      }
      const link = linkOf.get(`${tp.date}|${lesion.key}`)!;
      const d = lesion.statistics.longestAxial?.lengthMm ?? 0;
      const base = {
        key: lesion.key,
        label: lesion.label,
        statistics: lesion.statistics,
        method: link.method,
        volumeChangeFromPreviousPct: previous
          ? pct(lesion.statistics.volumeMl, previous.statistics.volumeMl)
          : null,
        diameterChangeFromPreviousPct: previous
          ? pct(d, previous.statistics.longestAxial?.lengthMm ?? 0)
          : null,
      };
      const mergedFrom = [...mergedInto]
        .filter(([k, v]) => v === lesionId && k.startsWith(`${t}|`))
        .map(([k]) => k.slice(k.indexOf('|') + 1));
      const split = splitFrom.get(`${t}|${lesionId}`);
      if (t === 0) return { ...base, status: 'baseline', statusReason: 'First date.' };
      if (mergedFrom.length > 0)
        return {
          ...base,
          status: 'merged',
          statusReason: `Its extent holds ${[lesionId, ...mergedFrom].filter((v, i, a) => a.indexOf(v) === i).join(' and ')} of ${ordered[t - 1]!.date}: merged (check).`,
        };
      if (split)
        return {
          ...base,
          status: 'split',
          statusReason: `Lies within the extent of ${split} of ${ordered[t - 1]!.date} with another lesion: split (check).`,
        };
      if (!seenBefore)
        return { ...base, status: 'new', statusReason: `Not present on earlier dates.` };
      if (!previous)
        return {
          ...base,
          status: 'new',
          statusReason: `Absent on ${ordered[t - 1]!.date}, present again (reappeared).`,
        };
      const before = previous.statistics.longestAxial?.lengthMm ?? 0;
      const change = pct(d, before);
      const text = `Longest axial diameter ${before.toFixed(1)} → ${d.toFixed(1)} mm (${change === null ? 'n/a' : `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`})`;
      if (change !== null && change >= RECIST_PD_PCT && d - before >= RECIST_PD_ABSOLUTE_MM)
        return { ...base, status: 'enlarging', statusReason: `${text}: ≥ +20 % and ≥ +5 mm.` };
      if (change !== null && change <= RECIST_PR_PCT)
        return { ...base, status: 'shrinking', statusReason: `${text}: ≤ −30 %.` };
      return { ...base, status: 'stable', statusReason: `${text}: within −30 % … +20 %/5 mm.` };
    });
    return { lesionId, cells };
  });

  const response = assessResponse(
    ordered.map((tp) => ({
      date: tp.date,
      lesions: tp.lesions.flatMap((lesion) => {
        const link = linkOf.get(`${tp.date}|${lesion.key}`);
        return link
          ? [
              {
                lesionId: link.lesionId,
                longestAxialMm: lesion.statistics.longestAxial?.lengthMm ?? 0,
                volumeMl: lesion.statistics.volumeMl,
              },
            ]
          : [];
      }),
    })),
    options.targetLesionIds ? { targetLesionIds: options.targetLesionIds } : {},
  );
  const totalVolumeMl = ordered.map((tp) =>
    tp.lesions.reduce((sum, l) => sum + l.statistics.volumeMl, 0),
  );
  return { dates, rows, response, totalVolumeMl };
}
