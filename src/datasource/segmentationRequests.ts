import type { IngestResult, ParsedInstance, Patient, Series } from '../dicom';
import {
  describeSegSource,
  findSourceSeries,
  parseSegmentation,
  segmentationToLabelmap,
  segTargetFromSeries,
  type ParsedSegmentation,
  type SegError,
  type SegmentationType,
  type SegmentDescription,
  type SegResult,
  type SegSourceDescription,
} from '../dicom/seg';

/** A SEG object of the loaded files drawn on a given image series, as listed to the user. */
export interface SegFileSummary {
  /** Series.id of the SEG series, and the SEG instance in it. */
  readonly segSeriesId: string;
  readonly sopInstanceUid: string;
  readonly seriesDescription: string;
  readonly contentLabel: string;
  readonly segmentationType: SegmentationType;
  readonly segmentLabels: readonly string[];
  readonly frameCount: number;
}

/** A SEG mapped onto the grid of its source series (labels = segment numbers). */
export interface ImportedSegmentation {
  readonly sopInstanceUid: string;
  readonly labels: Uint8Array;
  readonly segments: readonly SegmentDescription[];
  readonly warnings: readonly string[];
}

export interface SegmentationRequests {
  describeSource(seriesId: string): SegResult<SegSourceDescription>;
  /** SEG objects whose source image series is `seriesId` (any frame order, any SEG type). */
  listFor(seriesId: string): SegResult<SegFileSummary[]>;
  read(
    segSeriesId: string,
    sopInstanceUid: string,
    targetSeriesId: string,
  ): SegResult<ImportedSegmentation>;
}

const notFound = (message: string): { ok: false; error: SegError } => ({
  ok: false,
  error: { code: 'SOURCE_NOT_FOUND', message },
});

// SNOMED CT "Anatomical Structure" and its SNOMED RT predecessor (CID 7150 categories).
const ANATOMICAL_CATEGORIES = new Set(['SCT|123037004', 'SRT|T-D000A']);

/**
 * Where segments overlap, a finding (lesion, mass…) keeps the voxels an anatomical structure
 * (an organ drawn around it) shares with it: a labelmap holds one segment per voxel.
 */
const findingsOverOrgans = (segment: SegmentDescription): number => {
  const c = segment.category;
  return c && ANATOMICAL_CATEGORIES.has(`${c.codingSchemeDesignator}|${c.codeValue}`) ? 0 : 1;
};

/**
 * The SEG side of the ingest worker, over its latest ingest result: the source description a
 * SEG export needs, the SEGs drawn on a series, and one SEG mapped onto its series' grid.
 * Parsed SEG headers are kept per instance (pixels stay in the file's bytes).
 */
export function createSegmentationRequests(
  latest: () => IngestResult | null,
): SegmentationRequests {
  const parsed = new WeakMap<ParsedInstance, SegResult<ParsedSegmentation>>();
  const parse = (instance: ParsedInstance): SegResult<ParsedSegmentation> => {
    let result = parsed.get(instance);
    if (!result) {
      result = parseSegmentation({ name: instance.file, bytes: instance.bytes });
      parsed.set(instance, result);
    }
    return result;
  };
  const locate = (seriesId: string): { patient: Patient; series: Series } | null => {
    for (const patient of latest()?.patients ?? [])
      for (const study of patient.studies)
        for (const series of study.series) if (series.id === seriesId) return { patient, series };
    return null;
  };
  const seriesOf = (patient: Patient): Series[] => patient.studies.flatMap((s) => s.series);

  return {
    describeSource(seriesId) {
      const found = locate(seriesId);
      return found ? describeSegSource(found.series) : notFound(`series ${seriesId} is not loaded`);
    },
    listFor(seriesId) {
      const found = locate(seriesId);
      if (!found) return notFound(`series ${seriesId} is not loaded`);
      const candidates = seriesOf(found.patient);
      const out: SegFileSummary[] = [];
      for (const segSeries of candidates.filter((s) => s.kind === 'seg')) {
        for (const instance of segSeries.instances) {
          const seg = parse(instance);
          if (!seg.ok) continue;
          if (findSourceSeries(seg.value, candidates)?.series.id !== seriesId) continue;
          out.push({
            segSeriesId: segSeries.id,
            sopInstanceUid: seg.value.sopInstanceUid,
            seriesDescription: seg.value.seriesDescription,
            contentLabel: seg.value.contentLabel,
            segmentationType: seg.value.segmentationType,
            segmentLabels: seg.value.segments.map((s) => s.label || `Segment ${s.segmentNumber}`),
            frameCount: seg.value.frames.length,
          });
        }
      }
      return { ok: true, value: out };
    },
    read(segSeriesId, sopInstanceUid, targetSeriesId) {
      const segSeries = locate(segSeriesId)?.series;
      const instance = segSeries?.instances.find((i) => i.sopInstanceUid === sopInstanceUid);
      if (!instance) return notFound(`SEG ${sopInstanceUid} is not loaded`);
      const target = locate(targetSeriesId)?.series;
      const grid = target ? segTargetFromSeries(target) : null;
      if (!grid) return notFound(`series ${targetSeriesId} is not a loaded image volume`);
      const seg = parse(instance);
      if (!seg.ok) return seg;
      const mapped = segmentationToLabelmap(seg.value, grid, { priority: findingsOverOrgans });
      if (!mapped.ok) return mapped;
      return {
        ok: true,
        value: {
          sopInstanceUid,
          labels: mapped.value.labels,
          segments: mapped.value.segments,
          warnings: mapped.value.warnings,
        },
      };
    },
  };
}
