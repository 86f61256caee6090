import type {
  HostApi,
  MeasurementReportContribution,
  ReportMeasurements,
  ReportedFinding,
} from '../../../src/plugin-api';
import { measureLiverToSpleen } from '../domain/findings/measureLiverToSpleen';
import type { Finding } from '../domain/findings/types';
import { computeAllLesionStatistics } from '../domain/quantify/computeAllLesionStatistics';
import { loadRecord } from './findingsStorage';

/** The patient and study date (ISO) of a loaded series. */
function locateSeries(host: HostApi, seriesId: string) {
  for (const patient of host.getPatients())
    for (const study of patient.studies)
      if (study.series.some((s) => s.id === seriesId))
        return { patientId: patient.patientId, date: study.date };
  return null;
}

function frameOfReferenceOf(host: HostApi, seriesInstanceUid: string): string | null {
  for (const patient of host.getPatients())
    for (const study of patient.studies)
      for (const series of study.series)
        if (series.seriesInstanceUid === seriesInstanceUid && series.frameOfReferenceUid)
          return series.frameOfReferenceUid;
  return null;
}

/** The findings of a date the SR carries: pattern, L/S attenuation, biliary interruptions. */
function reportFinding(host: HostApi, finding: Finding): ReportedFinding | null {
  switch (finding.kind) {
    case 'pattern':
      return { kind: 'pattern', pattern: finding.pattern };
    case 'liver-spleen': {
      const m = measureLiverToSpleen({
        liverRois: finding.liverRois.map((r) => r.statistics),
        spleenRois: finding.spleenRois.map((r) => r.statistics),
        contrastEnhanced: finding.contrastEnhanced,
      });
      if (m.liver.mean === null || m.spleen.mean === null) return null;
      return {
        kind: 'liver-spleen',
        liver: { meanHu: m.liver.mean, sdHu: m.liver.sd },
        spleen: { meanHu: m.spleen.mean, sdHu: m.spleen.sd },
        ratio: m.ratio,
      };
    }
    case 'biliary-interruption': {
      const frameOfReferenceUid = frameOfReferenceOf(
        host,
        finding.imageReference.seriesInstanceUid,
      );
      if (!frameOfReferenceUid) return null;
      return {
        kind: 'biliary-interruption',
        trackingId: null,
        pointMm: finding.pointMm,
        frameOfReferenceUid,
        level: finding.level,
        upstreamDilatation: finding.upstreamDilatation,
      };
    }
    default:
      return null;
  }
}

/**
 * Lesion measurements (volume, RECIST long and short axes, mean and SD) of a segmented series,
 * from the same computeAllLesionStatistics as the lesion table, and the findings the reader
 * recorded for the series' study date: what the host writes into the SR next to the SEG.
 */
export async function measureForReport(
  host: HostApi,
  seriesId: string,
): Promise<ReportMeasurements> {
  const data = await host.readSegmentation(seriesId);
  const lesions = data?.segments.filter((s) => s.isLesion && s.voxelCount > 0) ?? [];
  const measured = data
    ? computeAllLesionStatistics({
        labels: data.labels,
        image: data.image,
        grid: data.grid,
        segments: lesions.map((s) => s.index),
      })
    : new Map();
  const located = locateSeries(host, seriesId);
  const findings =
    located?.date != null
      ? loadRecord(located.patientId)
          .findings.filter((f) => f.date === located.date)
          .flatMap((f) => reportFinding(host, f) ?? [])
      : [];
  return {
    lesions: lesions.flatMap((s) => {
      const stats = measured.get(s.index);
      if (!stats) return [];
      return [
        {
          segmentIndex: s.index,
          volumeMl: stats.volumeMl,
          longAxisMm: stats.longestAxial?.lengthMm ?? null,
          shortAxisMm: stats.shortAxis?.lengthMm ?? null,
          meanIntensity: stats.mean,
          intensitySd: stats.sd,
        },
      ];
    }),
    findings,
  };
}

export const lesionMeasurementReport: MeasurementReportContribution = {
  id: 'lesion-measurements',
  measure: measureForReport,
};
