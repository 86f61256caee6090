import { useEffect, useState } from 'react';
import { seriesIdOfKey } from '../createSegmentEditor';
import type { SegmentationSession, SessionState } from '../createSegmentationSession';
import type { DicomSegInterop, SegFileSummary } from '../dicomSeg/createDicomSegInterop';
import type { PacsSender } from '../../datasource/dicomweb/outbox';
import { downloadBlob } from './downloadBlob';
import { MeasurementReportList } from './MeasurementReportList';
import { PacsSendResults, sendExportToPacs, type PacsSendReport } from './PacsSendResults';

interface DicomSegSectionProps {
  readonly interop: DicomSegInterop;
  readonly session: SegmentationSession;
  readonly state: SessionState;
  /** The configured PACS (absent: no "Send to PACS"). */
  readonly pacs?: PacsSender | undefined;
}

type Message = { readonly text: string; readonly error: boolean };

const describeFile = (file: SegFileSummary): string =>
  [file.seriesDescription || 'DICOM SEG', file.contentLabel && `(${file.contentLabel})`]
    .filter(Boolean)
    .join(' ');

/**
 * DICOM SEG of the displayed series: export the segments as a binary SEG file (with a TID 1500
 * SR of the plugins' measurements, optionally de-identified), or load a SEG drawn on this series
 * (listed from the loaded files) in place of the current segments.
 */
export function DicomSegSection({ interop, session, state, pacs }: DicomSegSectionProps) {
  const seriesId = seriesIdOfKey(session.seriesKey);
  const [files, setFiles] = useState<readonly SegFileSummary[]>([]);
  const [filesChanged, setFilesChanged] = useState(0);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<SegFileSummary | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [deidentify, setDeidentify] = useState(false);
  const [sent, setSent] = useState<PacsSendReport | null>(null);

  useEffect(() => interop.onFilesChanged(() => setFilesChanged((n) => n + 1)), [interop]);
  useEffect(() => {
    let live = true;
    void interop.listFor(seriesId).then((result) => {
      if (!live) return;
      setFiles(result.ok ? result.value : []);
      if (!result.ok)
        setMessage({ text: `SEG files could not be listed: ${result.error.message}`, error: true });
    });
    return () => {
      live = false;
    };
  }, [interop, seriesId, filesChanged]);

  const hasVoxels = [...state.stats.values()].some((s) => s.voxelCount > 0);

  const exportSeg = async (withReport: boolean): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const result = await interop.exportSession(session, { withReport, deidentify });
    setBusy(false);
    if (!result.ok) {
      setMessage({
        text: `Export failed: ${result.error.message} (${result.error.code})`,
        error: true,
      });
      return;
    }
    const { data, fileName, segmentCount, frameCount, omitted, report } = result.value;
    downloadBlob(data, fileName);
    if (report) downloadBlob(report.data, report.fileName);
    const left = omitted.map((o) => `${o.label} (${o.reason})`).join(', ');
    const sr = report
      ? ` Saved ${report.fileName}: ${report.lesionCount} lesion(s), ${report.findingCount} finding(s).`
      : '';
    const deid = result.value.deidentified ? ' De-identified.' : '';
    setMessage({
      text: `Saved ${fileName}: ${segmentCount} segment(s), ${frameCount} frame(s).${left ? ` Left out: ${left}.` : ''}${sr}${deid}`,
      error: false,
    });
  };

  const sendToPacs = async (target: PacsSender): Promise<void> => {
    setBusy(true);
    setMessage(null);
    setSent(null);
    const report = await sendExportToPacs(interop, session, target, {
      withReport: interop.canWriteReport,
      deidentify,
    });
    setBusy(false);
    setSent(report);
  };

  const load = async (file: SegFileSummary): Promise<void> => {
    setPending(null);
    setBusy(true);
    setMessage(null);
    const result = await interop.load(session, file);
    setBusy(false);
    if (!result.ok) {
      setMessage({
        text: `Loading failed: ${result.error.message} (${result.error.code})`,
        error: true,
      });
      return;
    }
    const { segmentCount, warnings } = result.value;
    setMessage({
      text: `Loaded ${segmentCount} segment(s) from ${describeFile(file)}; Undo restores the previous ones.${warnings.length ? ` ${warnings.join(' ')}` : ''}`,
      error: false,
    });
  };

  return (
    <fieldset className="dicom-seg">
      <legend>DICOM SEG and SR</legend>
      <button type="button" disabled={busy || !hasVoxels} onClick={() => void exportSeg(false)}>
        Export DICOM SEG
      </button>
      {interop.canWriteReport && (
        <button type="button" disabled={busy || !hasVoxels} onClick={() => void exportSeg(true)}>
          Export SEG + SR
        </button>
      )}
      {pacs && (
        <button
          type="button"
          disabled={busy || !hasVoxels}
          title={`STOW-RS to ${pacs.serverUrl}`}
          onClick={() => void sendToPacs(pacs)}
        >
          {interop.canWriteReport ? 'Send SEG + SR to PACS' : 'Send SEG to PACS'}
        </button>
      )}
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={deidentify}
          onChange={(e) => setDeidentify(e.currentTarget.checked)}
        />
        De-identify (PS3.15 basic profile, modified dates)
      </label>
      {files.length > 0 ? (
        <ul className="seg-files" aria-label="DICOM SEG of this series">
          {files.map((file) => {
            const name = describeFile(file);
            return (
              <li key={file.sopInstanceUid} title={file.segmentLabels.join(', ')}>
                {name}{' '}
                <span className="muted">
                  {file.segmentLabels.length} segment(s), {file.segmentationType.toLowerCase()}
                </span>{' '}
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`Load ${name}`}
                  onClick={() => (state.segments.length > 0 ? setPending(file) : void load(file))}
                >
                  Load
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">No DICOM SEG of this series is loaded.</p>
      )}
      <MeasurementReportList interop={interop} seriesId={seriesId} filesChanged={filesChanged} />
      {pending && (
        <div role="group" aria-label="Confirm loading" className="confirm">
          <p>
            Replace the {state.segments.length} current segment(s) with {describeFile(pending)}?
            Undo brings them back.
          </p>
          <button type="button" onClick={() => void load(pending)}>
            Replace segments
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      {message && <p role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {sent && <PacsSendResults report={sent} />}
    </fieldset>
  );
}
