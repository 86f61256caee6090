import type { Series } from '../types.ts';
import type { ParsedSegmentation, SegTargetGrid } from './types.ts';

/** The grid of an ingested image volume, with the source instance of every slice. */
export function segTargetFromSeries(series: Series): SegTargetGrid | null {
  const g = series.geometry;
  if (!g || series.kind !== 'volume') return null;
  return {
    dimensions: g.dimensions,
    spacingMm: g.spacing,
    originMm: g.origin,
    direction: g.direction,
    slicePositionsMm: g.slicePositionsMm,
    slices: series.frames.map((f) => ({
      sopInstanceUid: f.instance.sopInstanceUid,
      frameNumber: f.frameIndex + 1,
    })),
    frameOfReferenceUid: series.frameOfReferenceUid,
  };
}

export type SourceSeriesMethod = 'referenced-series' | 'source-images' | 'frame-of-reference';

export interface SourceSeriesMatch {
  readonly series: Series;
  readonly method: SourceSeriesMethod;
}

/** How many of the SEG's referenced instances a series holds. */
function referencedCount(series: Series, uids: ReadonlySet<string>): number {
  let n = 0;
  for (const instance of series.instances) if (uids.has(instance.sopInstanceUid)) n++;
  return n;
}

const best = (scored: Array<{ series: Series; score: number }>): Series | null =>
  scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score)[0]?.series ?? null;

/**
 * The image volume a SEG was drawn on, among `candidates` (usually the series of the SEG's
 * study): the series named in ReferencedSeriesSequence (the split part of it holding most of
 * the referenced instances), else the series holding the frames' SourceImageSequence
 * instances, else a volume in the same frame of reference, of the same size and orientation,
 * on whose slices every frame position falls.
 */
export function findSourceSeries(
  seg: ParsedSegmentation,
  candidates: readonly Series[],
): SourceSeriesMatch | null {
  const volumes = candidates.filter((s) => s.kind === 'volume' && s.geometry);
  const listed = new Set(seg.referencedSeries.flatMap((r) => r.sopInstanceUids));
  const named = new Set(seg.referencedSeries.map((r) => r.seriesInstanceUid));
  const byName = best(
    volumes
      .filter((s) => named.has(s.seriesInstanceUid))
      .map((series) => ({ series, score: 1 + referencedCount(series, listed) })),
  );
  if (byName) return { series: byName, method: 'referenced-series' };

  const sources = new Set(seg.frames.flatMap((f) => f.sourceImages.map((r) => r.sopInstanceUid)));
  const bySource = best(
    volumes.map((series) => ({ series, score: referencedCount(series, sources) })),
  );
  if (bySource) return { series: bySource, method: 'source-images' };

  if (!seg.frameOfReferenceUid) return null;
  for (const series of volumes) {
    const g = series.geometry!;
    if (series.frameOfReferenceUid !== seg.frameOfReferenceUid) continue;
    if (g.dimensions[0] !== seg.columns || g.dimensions[1] !== seg.rows) continue;
    const iop = seg.imageOrientationPatient;
    if (iop && iop.some((v, i) => Math.abs(v - (g.direction[i] ?? 0)) > 1e-3)) continue;
    const n = g.direction.slice(6, 9);
    const tolerance = Math.max(0.01, 0.05 * g.sliceSpacingMm);
    const fits = seg.frames.every((f) => {
      const p = f.imagePositionPatient;
      if (!p) return false;
      const along = p[0] * (n[0] ?? 0) + p[1] * (n[1] ?? 0) + p[2] * (n[2] ?? 0);
      return g.slicePositionsMm.some((q) => Math.abs(q - along) <= tolerance);
    });
    if (fits) return { series, method: 'frame-of-reference' };
  }
  return null;
}
