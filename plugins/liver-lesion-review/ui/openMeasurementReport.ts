import type {
  HostApi,
  OpenedMeasurementReport,
  ReportOpenOutcome,
  VolumeGridInfo,
} from '../../../src/plugin-api';
import { patientToIndex } from '../adapters/patientToIndex';
import { findingsFromReport } from '../domain/export/reportFindings';
import type { Vec3 } from '../domain/quantify/types';
import {
  loadRecord,
  loadRestoreUndo,
  saveRecordAndNotify,
  saveRestoreUndo,
} from './findingsStorage';

/** The report opened last, per host, for the Findings panel to show against the lesions. */
export interface OpenedReportState {
  readonly patientId: string;
  readonly date: string;
  readonly report: OpenedMeasurementReport;
  readonly restoredCount: number;
  readonly replacedCount: number;
  readonly skipped: readonly string[];
}

const opened = new WeakMap<
  HostApi,
  { state: OpenedReportState | null; listeners: Set<() => void> }
>();
const entry = (host: HostApi) => {
  let e = opened.get(host);
  if (!e) opened.set(host, (e = { state: null, listeners: new Set() }));
  return e;
};
export const readOpenedReport = (host: HostApi): OpenedReportState | null => entry(host).state;
export function subscribeOpenedReport(host: HostApi, listener: () => void): () => void {
  const e = entry(host);
  e.listeners.add(listener);
  return () => e.listeners.delete(listener);
}
function publish(host: HostApi, state: OpenedReportState | null): void {
  const e = entry(host);
  e.state = state;
  for (const l of e.listeners) l();
}

function locateStudy(host: HostApi, studyInstanceUid: string) {
  for (const patient of host.getPatients())
    for (const study of patient.studies)
      if (study.studyInstanceUid === studyInstanceUid)
        return { patientId: patient.patientId, date: study.date };
  return null;
}

/** Grids of the series the report's ROIs were drawn on, to put their outlines back. */
async function roiIndexer(host: HostApi, report: OpenedMeasurementReport) {
  const wanted = new Set(
    report.findings.flatMap((f) =>
      f.kind === 'liver-spleen'
        ? (f.rois ?? []).flatMap((r) => (r.centre && r.series ? [r.series.seriesInstanceUid] : []))
        : [],
    ),
  );
  const grids = new Map<string, VolumeGridInfo>();
  for (const patient of host.getPatients())
    for (const study of patient.studies)
      for (const series of study.series)
        if (wanted.has(series.seriesInstanceUid)) {
          const volume = await host.readVolume(series.id);
          if (volume) grids.set(series.seriesInstanceUid, volume.grid);
        }
  return (seriesInstanceUid: string, pointMm: Vec3) => {
    const grid = grids.get(seriesInstanceUid);
    return grid ? patientToIndex(grid, pointMm) : null;
  };
}

/**
 * Opens a loaded TID 1500 report in the review: its findings replace those recorded for the
 * report's date (kept for "Undo restore"), and its lesions are shown against the lesions of
 * the loaded segmentations in the Findings panel.
 */
export async function openMeasurementReport(
  host: HostApi,
  report: OpenedMeasurementReport,
): Promise<ReportOpenOutcome> {
  const located = locateStudy(host, report.studyInstanceUid);
  const date = located?.date ?? report.studyDate;
  const patientId = located?.patientId ?? host.getPatients()[0]?.patientId;
  if (!date || !patientId)
    return { message: 'The report’s study is not loaded: its findings were not restored.' };
  const indexOf = await roiIndexer(host, report);
  const { findings, skipped } = findingsFromReport(report.findings, date, { indexOf });
  const record = loadRecord(patientId);
  const previous = record.findings.filter((f) => f.date === date);
  // A second restore over the first keeps the reader's own findings as the undo point.
  const earlier = loadRestoreUndo(patientId);
  saveRestoreUndo(patientId, {
    date,
    reportSopInstanceUid: report.sopInstanceUid,
    previous: earlier?.date === date ? earlier.previous : previous,
  });
  saveRecordAndNotify(patientId, {
    ...record,
    findings: [...record.findings.filter((f) => f.date !== date), ...findings],
  });
  publish(host, {
    patientId,
    date,
    report,
    restoredCount: findings.length,
    replacedCount: previous.length,
    skipped,
  });
  return {
    message: `Restored ${findings.length} finding(s) of ${date} from the report (${previous.length} replaced; Undo restore in the Findings panel brings them back).${skipped.length ? ` Not restored: ${skipped.join('; ')}.` : ''}`,
  };
}

/** Puts back the findings the last opened report replaced. */
export function undoReportRestore(host: HostApi, patientId: string): boolean {
  const undo = loadRestoreUndo(patientId);
  if (!undo) return false;
  const record = loadRecord(patientId);
  saveRecordAndNotify(patientId, {
    ...record,
    findings: [...record.findings.filter((f) => f.date !== undo.date), ...undo.previous],
  });
  saveRestoreUndo(patientId, null);
  publish(host, null);
  return true;
}
