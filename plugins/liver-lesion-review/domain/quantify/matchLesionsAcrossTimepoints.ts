import type { Vec3 } from './types';

/** One lesion as found on one date, before identities are linked. */
export interface LesionObservation {
  /** Unique within its timepoint (e.g. the segment number). */
  readonly key: string;
  readonly trackingUid: string | null;
  readonly trackingId: string | null;
  readonly centroidMm: Vec3;
}

export interface TimepointObservations {
  readonly date: string;
  readonly frameOfReferenceUid: string | null;
  /** Liver centroid, used to align dates scanned in different frames of reference. */
  readonly liverCentroidMm: Vec3 | null;
  readonly lesions: readonly LesionObservation[];
}

export type MatchMethod =
  | 'tracking-uid'
  | 'tracking-id'
  | 'position'
  | 'aligned-position'
  | 'unaligned-position'
  | 'manual'
  | 'new';

export interface LinkedLesion {
  readonly date: string;
  readonly key: string;
  /** The same string for the same lesion on every date. */
  readonly lesionId: string;
  readonly method: MatchMethod;
  /** Distance to the matched lesion of the earlier date, mm (position matches only). */
  readonly distanceMm: number | null;
}

export interface MatchOptions {
  /** Nearest centroid within this distance is the same lesion (default 15 mm). */
  readonly maxDistanceMm?: number;
  /**
   * The reader's corrections: `${date}|${key}` → lesion id. A corrected lesion takes that id
   * (method 'manual'); automatic matching works around it.
   */
  readonly manualLinks?: ReadonlyMap<string, string>;
}

/** The key of a manual link for a lesion observed on a date. */
export const manualLinkKey = (date: string, key: string): string => `${date}|${key}`;

const distance = (a: Vec3, b: Vec3): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * Links each date's lesions to those of the dates before it: the reader's manual links first,
 * then DICOM TrackingUID, else TrackingID (only when one side has no TrackingUID: two segments
 * that each have their own UID were created separately, whatever their "L1" labels say), else
 * by position — nearest centroid within 15 mm when both dates share the frame of reference,
 * otherwise after translating by the difference of the liver centroids, and when a date has no
 * liver segment, in raw patient coordinates ('unaligned-position': a proposal to check, as
 * separate frames of reference need not be registered). Position matches are assigned greedily
 * by increasing distance, one-to-one; the rest are new lesions.
 */
export function matchLesionsAcrossTimepoints(
  timepoints: readonly TimepointObservations[],
  options: MatchOptions = {},
): LinkedLesion[] {
  const maxDistance = options.maxDistanceMm ?? 15;
  const ordered = [...timepoints].sort((a, b) => a.date.localeCompare(b.date));
  const links: LinkedLesion[] = [];
  // The latest known appearance of every lesion id, to match later dates against.
  const known = new Map<string, { lesion: LesionObservation; tp: TimepointObservations }>();
  let counter = 0;
  // A new lesion keeps its own TrackingID when free, else gets the next free "Ln".
  const freshId = (lesion: LesionObservation): string => {
    if (lesion.trackingId && !known.has(lesion.trackingId)) return lesion.trackingId;
    let id: string;
    do id = `L${++counter}`;
    while (known.has(id));
    return id;
  };

  for (const tp of ordered) {
    const assigned = new Map<
      string,
      { lesionId: string; method: MatchMethod; distanceMm: number | null }
    >();
    const taken = new Set<string>();
    for (const lesion of tp.lesions) {
      const manual = options.manualLinks?.get(manualLinkKey(tp.date, lesion.key));
      if (manual && !taken.has(manual)) {
        assigned.set(lesion.key, { lesionId: manual, method: 'manual', distanceMm: null });
        taken.add(manual);
      }
    }
    for (const lesion of tp.lesions) {
      if (assigned.has(lesion.key)) continue;
      const byUid = lesion.trackingUid
        ? [...known.entries()].find(([, k]) => k.lesion.trackingUid === lesion.trackingUid)
        : undefined;
      const sameLabel = lesion.trackingId ? known.get(lesion.trackingId) : undefined;
      const byId =
        !byUid &&
        lesion.trackingId &&
        sameLabel &&
        (lesion.trackingUid === null || sameLabel.lesion.trackingUid === null)
          ? lesion.trackingId
          : null;
      const id = byUid?.[0] ?? byId;
      if (id && !taken.has(id)) {
        assigned.set(lesion.key, {
          lesionId: id,
          method: byUid ? 'tracking-uid' : 'tracking-id',
          distanceMm: null,
        });
        taken.add(id);
      }
    }
    const candidates: Array<{ key: string; lesionId: string; d: number; method: MatchMethod }> = [];
    for (const lesion of tp.lesions) {
      if (assigned.has(lesion.key)) continue;
      for (const [lesionId, previous] of known) {
        if (taken.has(lesionId)) continue;
        const sameFrame =
          tp.frameOfReferenceUid !== null &&
          tp.frameOfReferenceUid === previous.tp.frameOfReferenceUid;
        let point = lesion.centroidMm;
        let method: MatchMethod = 'position';
        if (!sameFrame) {
          const here = tp.liverCentroidMm;
          const there = previous.tp.liverCentroidMm;
          if (here && there) {
            point = [
              point[0] + there[0] - here[0],
              point[1] + there[1] - here[1],
              point[2] + there[2] - here[2],
            ];
            method = 'aligned-position';
          } else {
            method = 'unaligned-position';
          }
        }
        const d = distance(point, previous.lesion.centroidMm);
        if (d <= maxDistance) candidates.push({ key: lesion.key, lesionId, d, method });
      }
    }
    candidates.sort((a, b) => a.d - b.d);
    for (const c of candidates) {
      if (assigned.has(c.key) || taken.has(c.lesionId)) continue;
      assigned.set(c.key, { lesionId: c.lesionId, method: c.method, distanceMm: c.d });
      taken.add(c.lesionId);
    }
    for (const lesion of tp.lesions) {
      const match = assigned.get(lesion.key) ?? {
        lesionId: freshId(lesion),
        method: 'new' as const,
        distanceMm: null,
      };
      links.push({ date: tp.date, key: lesion.key, ...match });
      known.set(match.lesionId, { lesion, tp });
    }
  }
  return links;
}
