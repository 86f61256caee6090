import type { IngestResult, ParsedInstance } from '../dicom';
import type { SegError, SegResult } from '../dicom/seg';
import { readMeasurementReport, type ParsedMeasurementReport, type SrResult } from '../dicom/sr';

/** A loaded TID 1500 Measurement Report that measures a given image series. */
export interface MeasurementReportSummary {
  /** Series.id of the SR series, and the report read from its instance. */
  readonly srSeriesId: string;
  readonly report: ParsedMeasurementReport;
}

const notFound = (message: string): { ok: false; error: SegError } => ({
  ok: false,
  error: { code: 'SOURCE_NOT_FOUND', message },
});

/**
 * The SR side of the ingest worker: the Measurement Reports among the loaded SR series of a
 * series' patient whose image library or lesion groups name that series. SRs that are not
 * TID 1500 reports are skipped. Parsed reports are kept per instance.
 */
export function createMeasurementReportRequests(latest: () => IngestResult | null): {
  listFor(seriesId: string): SegResult<MeasurementReportSummary[]>;
} {
  const parsed = new WeakMap<ParsedInstance, SrResult<ParsedMeasurementReport>>();
  const read = (instance: ParsedInstance): SrResult<ParsedMeasurementReport> => {
    let result = parsed.get(instance);
    if (!result) {
      result = readMeasurementReport(instance.bytes);
      parsed.set(instance, result);
    }
    return result;
  };
  return {
    listFor(seriesId) {
      for (const patient of latest()?.patients ?? []) {
        const all = patient.studies.flatMap((s) => s.series);
        const target = all.find((s) => s.id === seriesId);
        if (!target) continue;
        const uid = target.seriesInstanceUid;
        const out: MeasurementReportSummary[] = [];
        for (const srSeries of all.filter((s) => s.kind === 'sr'))
          for (const instance of srSeries.instances) {
            const report = read(instance);
            if (!report.ok) continue;
            const measures =
              report.value.sourceSeries.some((s) => s.seriesInstanceUid === uid) ||
              report.value.lesions.some((l) => l.sourceSeriesInstanceUid === uid);
            if (measures) out.push({ srSeriesId: srSeries.id, report: report.value });
          }
        return { ok: true, value: out };
      }
      return notFound(`series ${seriesId} is not loaded`);
    },
  };
}
