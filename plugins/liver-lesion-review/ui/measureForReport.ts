import type {
  HostApi,
  MeasurementReportContribution,
  ReportMeasurements,
  ReportedFinding,
} from '../../../src/plugin-api';
import { findingToReport } from '../domain/export/reportFindings';
import { COUINAUD_ORDER, type CouinaudSegment } from '../domain/findings/types';
import { computeAllLesionStatistics } from '../domain/quantify/computeAllLesionStatistics';
import { loadRecord } from './findingsStorage';
import { openMeasurementReport } from './openMeasurementReport';
import { loadPreferences } from './reviewPreferences';
import { readResponses } from './sharedReview';

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
  const context = { frameOfReferenceOf: (uid: string) => frameOfReferenceOf(host, uid) };
  const findings: ReportedFinding[] =
    located?.date != null
      ? loadRecord(located.patientId)
          .findings.filter((f) => f.date === located.date)
          .flatMap((f) => findingToReport(f, context) ?? [])
      : [];
  // The response of the date, when the lesion review has computed it (RECIST 1.1, volumetric).
  const response = readResponses(host).find((r) => r.date === located?.date);
  if (response)
    findings.push(
      { kind: 'response', method: 'recist-1.1', category: response.recist },
      { kind: 'response', method: 'volumetric', category: response.volumetric },
    );
  const couinaud = located ? loadPreferences(located.patientId).couinaud : {};
  const segmentOf = (trackingId: string | null): CouinaudSegment | null => {
    const s = trackingId ? couinaud[trackingId] : undefined;
    return s && (COUINAUD_ORDER as readonly string[]).includes(s) ? (s as CouinaudSegment) : null;
  };
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
          couinaudSegment: segmentOf(s.trackingId),
        },
      ];
    }),
    findings,
  };
}

export const lesionMeasurementReport: MeasurementReportContribution = {
  id: 'lesion-measurements',
  measure: measureForReport,
  open: openMeasurementReport,
};
