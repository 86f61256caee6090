import { useEffect, useState, useSyncExternalStore } from 'react';
import type { HostApi, SegmentSummary } from '../../../src/plugin-api';
import { loadRestoreUndo } from './findingsStorage';
import {
  readOpenedReport,
  subscribeOpenedReport,
  undoReportRestore,
  type OpenedReportState,
} from './openMeasurementReport';

const fixed = (v: number | null | undefined, digits: number): string =>
  v === null || v === undefined ? '–' : v.toFixed(digits);

interface CurrentLesion {
  readonly segment: SegmentSummary;
  readonly seriesInstanceUid: string | null;
}

/** Lesion segments of the loaded segmentations by TrackingUID, those of the report's series first. */
async function currentLesions(host: HostApi, opened: OpenedReportState) {
  const uidOf = new Map(
    host
      .getPatients()
      .flatMap((p) => p.studies.flatMap((s) => s.series))
      .map((s) => [s.id, s.seriesInstanceUid]),
  );
  const sources = new Set(opened.report.sourceSeriesInstanceUids);
  const byUid = new Map<string, CurrentLesion>();
  for (const seg of await host.listSegmentations())
    for (const segment of seg.segments) {
      if (!segment.trackingUid) continue;
      const seriesInstanceUid = uidOf.get(seg.seriesId) ?? null;
      const known = byUid.get(segment.trackingUid);
      if (!known || (seriesInstanceUid !== null && sources.has(seriesInstanceUid)))
        byUid.set(segment.trackingUid, { segment, seriesInstanceUid });
    }
  return byUid;
}

/**
 * The report opened last from the viewer ("Open in review"): what was restored, Undo restore,
 * and its lesion measurements beside the lesions of the loaded segmentations (linked by the
 * TrackingUID the SEG segment and the SR group share).
 */
export function OpenedReportSection({ host }: { readonly host: HostApi }) {
  const opened = useSyncExternalStore(
    (listener) => subscribeOpenedReport(host, listener),
    () => readOpenedReport(host),
  );
  const [current, setCurrent] = useState<ReadonlyMap<string, CurrentLesion>>(new Map());
  useEffect(() => {
    if (!opened) return;
    let live = true;
    void currentLesions(host, opened).then((map) => live && setCurrent(map));
    return () => {
      live = false;
    };
  }, [host, opened]);
  if (!opened) return null;
  const { report } = opened;
  const canUndo = loadRestoreUndo(opened.patientId) !== null;
  const responses = report.findings.flatMap((f) => (f.kind === 'response' ? [f] : []));
  return (
    <section aria-label="Opened measurement report" className="opened-report">
      <h3>Opened report ({opened.date})</h3>
      <p role="status">
        {opened.restoredCount} finding(s) restored for {opened.date}, {opened.replacedCount}{' '}
        replaced.
        {opened.skipped.length > 0 ? ` Not restored: ${opened.skipped.join('; ')}.` : ''}
      </p>
      {canUndo && (
        <button type="button" onClick={() => undoReportRestore(host, opened.patientId)}>
          Undo restore
        </button>
      )}
      {responses.length > 0 && (
        <p>
          Response in the report:{' '}
          {responses
            .map((r) => `${r.method === 'recist-1.1' ? 'RECIST 1.1' : 'volumetric'} ${r.category}`)
            .join(', ')}
        </p>
      )}
      {report.lesions.length > 0 && (
        <table aria-label="Report lesions against the loaded lesions">
          <thead>
            <tr>
              <th scope="col">Lesion</th>
              <th scope="col">SEG segment</th>
              <th scope="col">Couinaud</th>
              <th scope="col">Report volume (mL)</th>
              <th scope="col">Report long × short (mm)</th>
              <th scope="col">Loaded lesion</th>
              <th scope="col">Loaded volume (mL)</th>
            </tr>
          </thead>
          <tbody>
            {report.lesions.map((l, i) => {
              const match = l.trackingUid ? current.get(l.trackingUid) : undefined;
              return (
                <tr key={l.trackingUid ?? i}>
                  <th scope="row">{l.trackingId ?? '–'}</th>
                  <td>
                    {l.segment
                      ? `#${l.segment.segmentNumber}${l.segment.label ? ` ${l.segment.label}` : ''}`
                      : '–'}
                  </td>
                  <td>{l.couinaudSegment ?? '–'}</td>
                  <td>{fixed(l.volumeMl, 2)}</td>
                  <td>
                    {fixed(l.longAxisMm, 1)} × {fixed(l.shortAxisMm, 1)}
                  </td>
                  <td>{match ? match.segment.label : 'not loaded'}</td>
                  <td>{match ? fixed(match.segment.volumeMl, 2) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {report.warnings.length > 0 && <p className="muted">{report.warnings.join(' ')}</p>}
    </section>
  );
}
