/**
 * The reader's findings in and out of the DICOM SR (through the plugin API's ReportedFinding):
 * `findingToReport` for the SR written with a SEG export, `findingsFromReport` when a loaded
 * report is opened. What goes out comes back field for field (ids are `${kind}-${date}`, as the
 * panels make them), except a pattern's supporting figures, which the panel recomputes from the
 * segmentations (restored as null).
 */
import type {
  ReportedFinding,
  ReportedRoi,
  ReportedSeriesReference,
} from '../../../../src/plugin-api';
import { measureLiverToSpleen } from '../findings/measureLiverToSpleen';
import {
  COUINAUD_ORDER,
  type BiliaryLevel,
  type CouinaudSegment,
  type Finding,
  type ImageReference,
  type RecordedRoi,
} from '../findings/types';
import type { Vec3 } from '../quantify/types';

/** What the mapping needs from the loaded data: frames of reference, patient → voxel index. */
export interface ReportFindingContext {
  frameOfReferenceOf(seriesInstanceUid: string): string | null;
}
export interface RestoreContext {
  /** Continuous voxel index (i, j, k) of a patient point in a series; null when not loaded. */
  indexOf?(seriesInstanceUid: string, pointMm: Vec3): readonly [number, number, number] | null;
}

/** An ROI as the L/S section stores it: the recorded ROI and the patient point clicked. */
type StoredRoi = RecordedRoi & { readonly centreMm?: Vec3 };

const toSeries = (ref: ImageReference): ReportedSeriesReference => ({
  seriesInstanceUid: ref.seriesInstanceUid,
  studyInstanceUid: ref.studyInstanceUid ?? null,
});
const fromSeries = (ref: ReportedSeriesReference): ImageReference => ({
  seriesInstanceUid: ref.seriesInstanceUid,
  ...(ref.studyInstanceUid ? { studyInstanceUid: ref.studyInstanceUid } : {}),
});

function common(f: Finding) {
  return {
    ...(f.imageReferences.length > 0 ? { referencedSeries: f.imageReferences.map(toSeries) } : {}),
    ...(f.note ? { comment: f.note } : {}),
  };
}

function roiToReport(
  organ: 'liver' | 'spleen',
  stored: StoredRoi,
  ctx: ReportFindingContext,
): ReportedRoi {
  const s = stored.statistics;
  const frame = ctx.frameOfReferenceOf(stored.imageReference.seriesInstanceUid);
  return {
    organ,
    voxelCount: s.voxelCount,
    meanHu: s.mean,
    sdHu: s.sd,
    minHu: s.min,
    maxHu: s.max,
    areaMm2: s.areaMm2,
    series: toSeries(stored.imageReference),
    ...(stored.centreMm && frame
      ? { centre: { mm: stored.centreMm, frameOfReferenceUid: frame } }
      : {}),
    ...(stored.roi ? { radiiMm: stored.roi.radiiMm } : {}),
  };
}

/** A finding as the SR writes it; null when it cannot be (no ROI mean, unknown frame). */
export function findingToReport(f: Finding, ctx: ReportFindingContext): ReportedFinding | null {
  switch (f.kind) {
    case 'pattern':
      return { kind: 'pattern', pattern: f.pattern, ...common(f) };
    case 'liver-spleen': {
      const m = measureLiverToSpleen({
        liverRois: f.liverRois.map((r) => r.statistics),
        spleenRois: f.spleenRois.map((r) => r.statistics),
        contrastEnhanced: f.contrastEnhanced,
      });
      if (m.liver.mean === null || m.spleen.mean === null) return null;
      return {
        kind: 'liver-spleen',
        liver: { meanHu: m.liver.mean, sdHu: m.liver.sd },
        spleen: { meanHu: m.spleen.mean, sdHu: m.spleen.sd },
        ratio: m.ratio,
        rois: [
          ...f.liverRois.map((r) => roiToReport('liver', r, ctx)),
          ...f.spleenRois.map((r) => roiToReport('spleen', r, ctx)),
        ],
        contrastEnhanced: f.contrastEnhanced,
        ...common(f),
      };
    }
    case 'biliary-interruption': {
      const frameOfReferenceUid = ctx.frameOfReferenceOf(f.imageReference.seriesInstanceUid);
      if (!frameOfReferenceUid) return null;
      return {
        kind: 'biliary-interruption',
        trackingId: null,
        pointMm: f.pointMm,
        frameOfReferenceUid,
        level: f.level,
        upstreamDilatation: f.upstreamDilatation,
        ductRigidityRarefaction: f.ductRigidityRarefaction,
        ...common(f),
      };
    }
    case 'mrcp-ducts':
      return {
        kind: 'mrcp-ducts',
        rigidityRarefaction: f.rigidityRarefaction,
        segmentalDilatation: f.segmentalDilatation,
        commonBileDuctDilated: f.commonBileDuctDilated,
        ...common(f),
      };
    case 'hepatomegaly': {
      const series = f.imageReferences[0]?.seriesInstanceUid;
      const frame = series ? ctx.frameOfReferenceOf(series) : null;
      return {
        kind: 'hepatomegaly',
        present: f.present,
        liverSpanMm: f.liverSpanMm,
        spanLine:
          f.spanLineMm && frame
            ? { fromMm: f.spanLineMm.from, toMm: f.spanLineMm.to, frameOfReferenceUid: frame }
            : null,
        ...common(f),
      };
    }
    case 'ascites':
    case 't2-parenchymal-oedema':
    case 'homogeneous-density-decrease':
      return { kind: f.kind, present: f.present, ...common(f) };
    case 'lesion-signal':
      return { kind: 'lesion-signal', lesionId: f.lesionId, t1: f.t1, t2: f.t2, ...common(f) };
  }
}

/** The id the panels give a finding of a date (one finding per kind and date). */
export function findingId(kind: Finding['kind'], date: string, lesionId?: string | null): string {
  return kind === 'lesion-signal' ? `${kind}-${lesionId ?? 'all'}-${date}` : `${kind}-${date}`;
}

function restoreRoi(
  roi: ReportedRoi,
  fallback: ImageReference | undefined,
  ctx: RestoreContext,
): StoredRoi {
  const imageReference = roi.series
    ? fromSeries(roi.series)
    : (fallback ?? { seriesInstanceUid: '' });
  const centre = roi.centre?.mm;
  const index = centre && ctx.indexOf?.(imageReference.seriesInstanceUid, centre);
  return {
    statistics: {
      voxelCount: roi.voxelCount,
      mean: roi.meanHu,
      sd: roi.sdHu,
      min: roi.minHu,
      max: roi.maxHu,
      areaMm2: roi.areaMm2,
    },
    imageReference,
    roi:
      index && roi.radiiMm
        ? {
            sliceIndex: Math.round(index[2]),
            centreIndex: [index[0], index[1]],
            radiiMm: [roi.radiiMm[0], roi.radiiMm[1]],
          }
        : null,
    ...(centre ? { centreMm: [centre[0], centre[1], centre[2]] as Vec3 } : {}),
  };
}

const isCouinaud = (s: string): s is CouinaudSegment =>
  (COUINAUD_ORDER as readonly string[]).includes(s);

function restoreLevel(level: Extract<ReportedFinding, { kind: 'biliary-interruption' }>['level']) {
  if (!level) return null;
  if (level.scheme === 'bismuth-corlette') return level;
  return isCouinaud(level.segment)
    ? ({ scheme: 'intrahepatic-segment', segment: level.segment } as BiliaryLevel)
    : null;
}

export interface RestoredFindings {
  readonly findings: readonly Finding[];
  /** Findings of the report that could not be restored, and why. */
  readonly skipped: readonly string[];
}

/**
 * The findings of an opened report as the panels store them, dated `date` (ISO). Responses are
 * computed, not recorded: they are left out (the caller shows them).
 */
export function findingsFromReport(
  reported: readonly ReportedFinding[],
  date: string,
  ctx: RestoreContext = {},
): RestoredFindings {
  const findings: Finding[] = [];
  const skipped: string[] = [];
  for (const r of reported) {
    if (r.kind === 'response') continue;
    const imageReferences = (r.referencedSeries ?? []).map(fromSeries);
    const base = {
      date,
      imageReferences,
      ...(r.comment ? { note: r.comment } : {}),
    };
    switch (r.kind) {
      case 'pattern':
        findings.push({
          ...base,
          id: findingId(r.kind, date),
          kind: r.kind,
          pattern: r.pattern,
          support: null,
        });
        break;
      case 'liver-spleen': {
        if (!r.rois || r.rois.length === 0) {
          skipped.push('L/S ratio without its ROIs (only pooled means): not restored');
          break;
        }
        const rois = r.rois.map((roi) => ({
          organ: roi.organ,
          stored: restoreRoi(roi, imageReferences[0], ctx),
        }));
        findings.push({
          ...base,
          id: findingId(r.kind, date),
          kind: r.kind,
          liverRois: rois.filter((x) => x.organ === 'liver').map((x) => x.stored),
          spleenRois: rois.filter((x) => x.organ === 'spleen').map((x) => x.stored),
          contrastEnhanced: r.contrastEnhanced ?? null,
        });
        break;
      }
      case 'biliary-interruption': {
        const level = restoreLevel(r.level);
        const imageReference = imageReferences[0];
        if (!level || !imageReference) {
          skipped.push(
            `biliary interruption without ${level ? 'the series it was marked on' : 'a level'}: not restored`,
          );
          break;
        }
        findings.push({
          ...base,
          id: findingId(r.kind, date),
          kind: r.kind,
          pointMm: [r.pointMm[0], r.pointMm[1], r.pointMm[2]],
          imageReference,
          level,
          upstreamDilatation: r.upstreamDilatation,
          ductRigidityRarefaction: r.ductRigidityRarefaction ?? null,
        });
        break;
      }
      case 'mrcp-ducts':
        findings.push({
          ...base,
          id: findingId(r.kind, date),
          kind: r.kind,
          rigidityRarefaction: r.rigidityRarefaction,
          segmentalDilatation: r.segmentalDilatation,
          commonBileDuctDilated: r.commonBileDuctDilated,
        });
        break;
      case 'hepatomegaly':
        findings.push({
          ...base,
          id: findingId(r.kind, date),
          kind: r.kind,
          present: r.present,
          liverSpanMm: r.liverSpanMm,
          ...(r.spanLine
            ? {
                spanLineMm: {
                  from: [r.spanLine.fromMm[0], r.spanLine.fromMm[1], r.spanLine.fromMm[2]],
                  to: [r.spanLine.toMm[0], r.spanLine.toMm[1], r.spanLine.toMm[2]],
                },
              }
            : {}),
        });
        break;
      case 'ascites':
      case 't2-parenchymal-oedema':
      case 'homogeneous-density-decrease':
        findings.push({ ...base, id: findingId(r.kind, date), kind: r.kind, present: r.present });
        break;
      case 'lesion-signal':
        findings.push({
          ...base,
          id: findingId(r.kind, date, r.lesionId),
          kind: r.kind,
          lesionId: r.lesionId,
          t1: r.t1,
          t2: r.t2,
        });
        break;
    }
  }
  return { findings, skipped };
}
