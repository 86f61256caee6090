/**
 * The measurement behind `liver-review measure`, from files in memory to the report: ingest,
 * each SEG mapped onto its source series, statistics of every segment, lesions linked across
 * dates and the response per date. Pure: no file system, no clock.
 */
import { assembleVolume, ingestFiles } from '../dicom/index.ts';
import type { InputFile, Patient, Series, Study } from '../dicom/types.ts';
import {
  findSourceSeries,
  parseSegmentation,
  segmentationToLabelmap,
  segTargetFromSeries,
  type ParsedSegmentation,
  type SegLabelmap,
  type SegmentDescription,
} from '../dicom/seg/index.ts';
import { assessResponse } from '../../plugins/liver-lesion-review/domain/quantify/assessResponse.ts';
import { measureLesionShapeInBox } from '../../plugins/liver-lesion-review/domain/quantify/measureLesionShape.ts';
import {
  accumulatedBox,
  scanSegmentAccumulators,
} from '../../plugins/liver-lesion-review/domain/quantify/scanSegmentAccumulators.ts';
import {
  EMPTY_LESION_STATISTICS,
  summariseLesionStatistics,
} from '../../plugins/liver-lesion-review/domain/quantify/summariseLesionStatistics.ts';
import {
  matchLesionsAcrossTimepoints,
  type TimepointObservations,
} from '../../plugins/liver-lesion-review/domain/quantify/matchLesionsAcrossTimepoints.ts';
import type {
  LesionStatistics,
  VolumeGrid,
} from '../../plugins/liver-lesion-review/domain/quantify/types.ts';
import type { MeasuredLesion, MeasuredTimepoint, MeasureOutcome } from './types.ts';

// Segment types with a role of their own: SNOMED CT (shared/reference/clinical-rules.md) and the
// retired SNOMED RT codes older exporters still write. Every other type counts as a lesion.
const ORGAN_CODES: Readonly<Record<string, 'liver' | 'spleen'>> = {
  'SCT|10200004': 'liver',
  'SCT|78961009': 'spleen',
  'SRT|T-62000': 'liver',
  'SRT|T-C3000': 'spleen',
};

type Role = 'liver' | 'spleen' | 'lesion';

function roleOf(segment: SegmentDescription): Role {
  const type = segment.type;
  if (!type) return 'lesion';
  return ORGAN_CODES[`${type.codingSchemeDesignator}|${type.codeValue}`] ?? 'lesion';
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** One SEG placed on its source series, ready to measure. */
interface Placed {
  readonly seg: ParsedSegmentation;
  readonly source: Series;
  readonly study: Study;
  readonly lesionCount: number;
}

interface TimepointWork {
  readonly measured: MeasuredTimepoint;
  readonly observations: TimepointObservations;
  /** Segment key → report entry without its lesionId yet. */
  readonly lesions: ReadonlyArray<{ key: string; lesion: Omit<MeasuredLesion, 'lesionId'> }>;
  readonly trackingIds: ReadonlyMap<string, string | null>;
}

function describePatient(p: Patient): string {
  return `${p.id || '(no ID)'} (${p.name || 'no name'})`;
}

/** SEGs of the patient with the study and series they were drawn on. */
function placeSegmentations(patient: Patient, warnings: string[]): Placed[] {
  const allSeries = patient.studies.flatMap((study) => study.series.map((s) => ({ s, study })));
  const studyOf = new Map(allSeries.map(({ s, study }) => [s, study]));
  const placed: Placed[] = [];
  for (const { s } of allSeries.filter(({ s }) => s.kind === 'seg')) {
    for (const instance of s.instances) {
      const parsed = parseSegmentation({ name: instance.file, bytes: instance.bytes });
      if (!parsed.ok) {
        warnings.push(
          `skipped SEG ${instance.file}: ${parsed.error.message} (${parsed.error.code})`,
        );
        continue;
      }
      const match = findSourceSeries(
        parsed.value,
        allSeries.map(({ s: series }) => series),
      );
      if (!match) {
        warnings.push(
          `skipped SEG ${instance.file}: its source image series is not among the input (SOURCE_NOT_FOUND)`,
        );
        continue;
      }
      // The report is in HU: other modalities' segmentations are left out, not mislabelled.
      if (match.series.modality !== 'CT') {
        warnings.push(
          `skipped SEG ${instance.file}: its source series is ${match.series.modality || 'not CT'}; measure reports CT (HU) only`,
        );
        continue;
      }
      placed.push({
        seg: parsed.value,
        source: match.series,
        study: studyOf.get(match.series)!,
        lesionCount: parsed.value.segments.filter((g) => roleOf(g) === 'lesion').length,
      });
    }
  }
  return placed;
}

/** One SEG per date: the one with most lesion segments (others are reported, not measured). */
function choosePerDate(placed: readonly Placed[], warnings: string[]): Placed[] {
  const byDate = new Map<string, Placed[]>();
  for (const p of placed) {
    if (!p.study.date) {
      warnings.push(
        `skipped SEG ${p.seg.file}: study ${p.study.studyInstanceUid} has no StudyDate, so it is no timepoint`,
      );
      continue;
    }
    byDate.set(p.study.date, [...(byDate.get(p.study.date) ?? []), p]);
  }
  const chosen: Placed[] = [];
  for (const [date, list] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...list].sort(
      (a, b) => b.lesionCount - a.lesionCount || a.seg.file.localeCompare(b.seg.file),
    );
    chosen.push(sorted[0]!);
    for (const other of sorted.slice(1))
      warnings.push(
        `${date}: several segmentations; measured ${sorted[0]!.seg.file}, not ${other.seg.file}`,
      );
  }
  return chosen;
}

/**
 * Buffers reused from one date to the next (each date is measured and dropped before the
 * next): new 150 MiB volumes and 75 MiB labelmaps cost more in page faults than filling them.
 */
interface Buffers {
  volume: ArrayBufferLike | null;
  labels: Uint8Array | null;
}

const NO_SHAPE = { longestAxial: null, shortAxis: null, maximum3dDiameterMm: null } as const;

/**
 * Statistics of every segment from one scan of the labelmap (as computeAllLesionStatistics);
 * diameters only for lesions — the liver's and spleen's are not reported and cost the most.
 */
function segmentStatistics(
  labels: Uint8Array,
  image: ArrayLike<number>,
  grid: VolumeGrid,
  segments: readonly SegmentDescription[],
): Map<number, LesionStatistics> {
  const acc = scanSegmentAccumulators(labels, image, grid);
  const out = new Map<number, LesionStatistics>();
  for (const s of segments) {
    const n = s.segmentNumber;
    const box = accumulatedBox(acc, n);
    const shape = !box
      ? null
      : roleOf(s) === 'lesion'
        ? measureLesionShapeInBox(labels, grid, n, box)
        : NO_SHAPE;
    out.set(n, shape ? summariseLesionStatistics(acc, n, grid, shape) : EMPTY_LESION_STATISTICS);
  }
  return out;
}

function measureOne(p: Placed, warnings: string[], buffers: Buffers): TimepointWork | null {
  const target = segTargetFromSeries(p.source);
  if (!target) return null;
  const voxels = target.dimensions[0] * target.dimensions[1] * target.dimensions[2];
  if (buffers.labels?.length !== voxels) buffers.labels = new Uint8Array(voxels);
  const mapped = segmentationToLabelmap(p.seg, target, {
    priority: (s) => (roleOf(s) === 'lesion' ? 1 : 0),
    labels: buffers.labels,
  });
  if (!mapped.ok) {
    warnings.push(`skipped SEG ${p.seg.file}: ${mapped.error.message} (${mapped.error.code})`);
    return null;
  }
  const volume = assembleVolume(p.source, {
    allocate: (layout) => {
      if (!buffers.volume || buffers.volume.byteLength < layout.byteLength)
        buffers.volume = new ArrayBuffer(layout.byteLength);
      return buffers.volume;
    },
  });
  if (!volume.ok) {
    warnings.push(
      `skipped SEG ${p.seg.file}: its source series could not be read: ${volume.error.message} (${volume.error.code})`,
    );
    return null;
  }
  const map: SegLabelmap = mapped.value;
  for (const w of map.warnings) warnings.push(`${p.seg.file}: ${w}`);
  const g = volume.value.geometry;
  const grid: VolumeGrid = {
    dimensions: g.dimensions,
    spacingMm: g.spacing,
    originMm: g.origin,
    direction: g.direction,
  };
  const stats = segmentStatistics(map.labels, volume.value.data, grid, map.segments);
  const voxelMl = (g.spacing[0] * g.spacing[1] * g.spacing[2]) / 1000;
  const date = p.study.date!;
  const statsOf = (s: SegmentDescription): LesionStatistics => stats.get(s.segmentNumber)!;
  const organ = (role: Role): SegmentDescription | null => {
    const found = map.segments.filter((s) => roleOf(s) === role);
    if (found.length > 1)
      warnings.push(
        `${date}: ${found.length} ${role} segments; the first (${found[0]!.label}) is used`,
      );
    return found[0] ?? null;
  };
  const liver = organ('liver');
  const spleen = organ('spleen');
  const liverStats = liver ? statsOf(liver) : null;
  const spleenStats = spleen ? statsOf(spleen) : null;
  const parenchymaMean = liverStats?.mean ?? null;
  const spleenMean = spleenStats?.mean ?? null;
  let ratio: number | null = null;
  if (parenchymaMean !== null && spleenMean !== null) {
    if (spleenMean > 0) ratio = parenchymaMean / spleenMean;
    else warnings.push(`${date}: spleen mean ${spleenMean.toFixed(1)} HU ≤ 0; no L/S ratio`);
  }

  const lesions: TimepointWork['lesions'][number][] = [];
  const trackingIds = new Map<string, string | null>();
  for (const s of map.segments) {
    if (roleOf(s) !== 'lesion') continue;
    const st = statsOf(s);
    if (st.voxelCount === 0 || st.mean === null || st.centroidMm === null) {
      warnings.push(`${date}: segment "${s.label}" is empty; not measured`);
      continue;
    }
    const key = String(s.segmentNumber);
    trackingIds.set(key, s.trackingId);
    lesions.push({
      key,
      lesion: {
        label: s.label,
        trackingUid: s.trackingUid,
        voxelCount: st.voxelCount,
        volumeMl: round(st.volumeMl, 4),
        meanHu: round(st.mean, 3),
        longestAxialMm: round(st.longestAxial?.lengthMm ?? 0, 3),
        shortAxisMm: round(st.shortAxis?.lengthMm ?? 0, 3),
        centroidMm: [
          round(st.centroidMm[0], 3),
          round(st.centroidMm[1], 3),
          round(st.centroidMm[2], 3),
        ],
      },
    });
  }
  const measured: MeasuredTimepoint = {
    date,
    studyInstanceUid: p.study.studyInstanceUid,
    seriesInstanceUid: p.source.seriesInstanceUid,
    // The liver segment as drawn (lesion voxels included when the SEG overlaps them).
    liver:
      liver && liverStats && parenchymaMean !== null
        ? {
            volumeMl: round((map.paintedVoxels.get(liver.segmentNumber) ?? 0) * voxelMl, 4),
            parenchymaMeanHu: round(parenchymaMean, 3),
          }
        : null,
    spleen:
      spleenStats && spleenMean !== null
        ? { volumeMl: round(spleenStats.volumeMl, 4), meanHu: round(spleenMean, 3) }
        : null,
    liverToSpleenRatio: ratio === null ? null : round(ratio, 4),
    lesions: [],
    totalLesionVolumeMl: round(
      lesions.reduce((sum, l) => sum + l.lesion.volumeMl, 0),
      4,
    ),
  };
  return {
    measured,
    lesions,
    trackingIds,
    observations: {
      date,
      frameOfReferenceUid: p.source.frameOfReferenceUid,
      liverCentroidMm: liverStats?.centroidMm ?? null,
      lesions: lesions.map(({ key, lesion }) => ({
        key,
        trackingUid: lesion.trackingUid,
        trackingId: trackingIds.get(key) ?? null,
        centroidMm: lesion.centroidMm,
      })),
    },
  };
}

/**
 * Measures one patient's segmented CT dates. Fails (exit 3) when the files hold no DICOM,
 * several patients, no SEG, or no SEG that can be placed on its source series; every file or
 * SEG skipped on the way is a warning.
 */
export function measurePatient(files: readonly InputFile[]): MeasureOutcome {
  const warnings: string[] = [];
  const ingest = ingestFiles(files);
  for (const r of ingest.rejected)
    warnings.push(`skipped ${r.file}: ${r.error.message} (${r.error.code})`);
  const fail = (code: Parameters<typeof failure>[0], message: string): MeasureOutcome =>
    failure(code, message, warnings);
  if (ingest.patients.length === 0) return fail('NO_DICOM', 'no DICOM files in the input');
  if (ingest.patients.length > 1)
    return fail(
      'SEVERAL_PATIENTS',
      `the input holds ${ingest.patients.length} patients: ${ingest.patients.map(describePatient).join(', ')}; measure one patient per call`,
    );
  const patient = ingest.patients[0]!;
  const placed = placeSegmentations(patient, warnings);
  if (placed.length === 0) {
    const anySeg = patient.studies.some((s) => s.series.some((x) => x.kind === 'seg'));
    return fail(
      anySeg ? 'NOTHING_MEASURABLE' : 'NO_SEGMENTATION',
      anySeg
        ? 'no DICOM SEG could be placed on a source image series of the input'
        : 'no DICOM SEG in the input: segment the lesions (e.g. in 3D Slicer) and export them as DICOM SEG',
    );
  }
  const work: TimepointWork[] = [];
  const buffers: Buffers = { volume: null, labels: null };
  for (const p of choosePerDate(placed, warnings)) {
    const measured = measureOne(p, warnings, buffers);
    if (measured) work.push(measured);
  }
  if (work.length === 0)
    return fail('NOTHING_MEASURABLE', 'no segmentation could be measured (see the warnings)');

  const links = matchLesionsAcrossTimepoints(work.map((w) => w.observations));
  const idOf = new Map(links.map((l) => [`${l.date}|${l.key}`, l]));
  for (const l of links)
    if (l.method === 'unaligned-position')
      warnings.push(
        `${l.date}: ${l.lesionId} linked by position across frames of reference without a liver segment to align them (${l.distanceMm?.toFixed(1)} mm): check`,
      );
  const timepoints: MeasuredTimepoint[] = work.map((w) => ({
    ...w.measured,
    lesions: w.lesions.map(({ key, lesion }) => ({
      lesionId: idOf.get(`${w.measured.date}|${key}`)!.lesionId,
      ...lesion,
    })),
  }));
  const assessment = assessResponse(
    timepoints.map((tp) => ({
      date: tp.date,
      lesions: tp.lesions.map((l) => ({
        lesionId: l.lesionId,
        longestAxialMm: l.longestAxialMm,
        volumeMl: l.volumeMl,
      })),
    })),
  );
  return {
    ok: true,
    report: {
      patientId: patient.id,
      timepoints,
      response: assessment.timepoints.map((r) => ({
        date: r.date,
        sumLongestDiametersMm: round(r.sumLongestDiametersMm, 3),
        changeFromBaselinePct:
          r.changeFromBaselinePct === null ? null : round(r.changeFromBaselinePct, 2),
        changeFromNadirPct: r.changeFromNadirPct === null ? null : round(r.changeFromNadirPct, 2),
        changeFromPreviousPct:
          r.changeFromPreviousPct === null ? null : round(r.changeFromPreviousPct, 2),
        newLesions: r.newLesions,
        recist: r.recist,
        volumetric: r.volumetric,
      })),
      warnings,
    },
  };
}

function failure(
  code: Extract<MeasureOutcome, { ok: false }>['error']['code'],
  message: string,
  warnings: readonly string[],
): MeasureOutcome {
  return { ok: false, error: { code, message }, warnings };
}
