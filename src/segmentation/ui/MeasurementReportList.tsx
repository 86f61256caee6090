import { useEffect, useState } from 'react';
import type { SrFinding, SrLesionMeasurement } from '../../dicom/sr';
import type { DicomSegInterop, MeasurementReportSummary } from '../dicomSeg/createDicomSegInterop';

interface MeasurementReportListProps {
  readonly interop: DicomSegInterop;
  readonly seriesId: string;
  /** Changes when files were added (lists may have changed). */
  readonly filesChanged: number;
}

const fixed = (value: number | null, digits: number): string =>
  value === null ? '–' : value.toFixed(digits);

const isoDate = (da: string | null): string =>
  da && /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : '';

/** The study date (what the report measures), else its content date. */
const describeReport = (r: MeasurementReportSummary['report']): string =>
  `Measurement report ${isoDate(r.study.date) || isoDate(r.contentDate)}`.trim();

const yesNo = (v: boolean | null | undefined, what: string): string =>
  v === null || v === undefined ? '' : `${what} ${v ? 'present' : 'absent'}`;

function describeFinding(finding: SrFinding): string {
  switch (finding.kind) {
    case 'mrcp-ducts':
      return `MRCP ducts: ${[
        yesNo(finding.rigidityRarefaction, 'rigidity/rarefaction'),
        yesNo(finding.segmentalDilatation, 'segmental dilatation'),
        yesNo(finding.commonBileDuctDilated, 'common bile duct dilatation'),
      ]
        .filter(Boolean)
        .join(', ')}`;
    case 'hepatomegaly':
      return `Hepatomegaly ${finding.present ? 'present' : 'absent'}${finding.liverSpanMm !== null ? `, liver span ${fixed(finding.liverSpanMm, 1)} mm` : ''}`;
    case 'ascites':
      return yesNo(finding.present, 'Ascites');
    case 't2-parenchymal-oedema':
      return yesNo(finding.present, 'T2 parenchymal oedema');
    case 'homogeneous-density-decrease':
      return yesNo(finding.present, 'Homogeneous density decrease');
    case 'lesion-signal':
      return `Signal${finding.lesionId ? ` of ${finding.lesionId}` : ''}: T1 ${finding.t1 ?? '–'}, T2 ${finding.t2 ?? '–'}`;
    case 'response':
      return `Response (${finding.method === 'recist-1.1' ? 'RECIST 1.1' : 'volumetric'}): ${finding.category}`;
    case 'pattern':
      return `Liver pattern: ${finding.pattern}`;
    case 'liver-spleen':
      return `L/S ratio ${fixed(finding.ratio, 2)} (liver ${fixed(finding.liver.meanHu, 1)} HU, spleen ${fixed(finding.spleen.meanHu, 1)} HU)`;
    case 'biliary-interruption': {
      const level = finding.level
        ? finding.level.scheme === 'bismuth-corlette'
          ? ` (Bismuth–Corlette ${finding.level.type})`
          : ` (segment ${finding.level.segment})`
        : '';
      const point =
        finding.point.kind === 'patient'
          ? ` at (${finding.point.mm.map((v) => v.toFixed(1)).join(', ')}) mm`
          : ` at pixel (${finding.point.columnRow.join(', ')})`;
      const dilatation =
        finding.upstreamDilatation === null
          ? ''
          : `, upstream dilatation ${finding.upstreamDilatation ? 'present' : 'absent'}`;
      return `Biliary interruption${level}${point}${dilatation}`;
    }
  }
}

const intensityUnit = (lesion: SrLesionMeasurement): string =>
  lesion.intensityKind === 'ct-attenuation' ? 'HU' : '';

/**
 * The DICOM SR Measurement Reports (TID 1500) loaded for the displayed series, read back: per
 * report a table of its lesion groups (tracking id, SEG segment, volume, axes, intensity) and
 * its findings.
 */
export function MeasurementReportList({
  interop,
  seriesId,
  filesChanged,
}: MeasurementReportListProps) {
  const [reports, setReports] = useState<readonly MeasurementReportSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<MeasurementReportSummary | null>(null);
  const [opened, setOpened] = useState<{ text: string; error: boolean } | null>(null);
  const openInReview = async (summary: MeasurementReportSummary): Promise<void> => {
    setConfirming(null);
    const result = await interop.openReport(seriesId, summary);
    setOpened(
      result.ok
        ? { text: result.value, error: false }
        : { text: `Opening failed: ${result.error.message} (${result.error.code})`, error: true },
    );
  };
  useEffect(() => {
    let live = true;
    void interop.listReportsFor(seriesId).then((result) => {
      if (!live) return;
      setReports(result.ok ? result.value : []);
      setError(result.ok ? null : `SR files could not be listed: ${result.error.message}`);
    });
    return () => {
      live = false;
    };
  }, [interop, seriesId, filesChanged]);

  if (error) return <p role="alert">{error}</p>;
  if (reports.length === 0) return null;
  const open = reports.find((r) => r.report.sopInstanceUid === shown)?.report;
  return (
    <>
      <ul className="seg-files" aria-label="DICOM SR of this series">
        {reports.map(({ report }) => {
          const name = describeReport(report);
          return (
            <li key={report.sopInstanceUid}>
              {name}{' '}
              <span className="muted">
                {report.lesions.length} lesion(s), {report.findings.length} finding(s)
              </span>{' '}
              {interop.canOpenReports && (
                <button
                  type="button"
                  aria-label={`Open ${name} in the review`}
                  onClick={() => setConfirming(reports.find((r) => r.report === report) ?? null)}
                >
                  Open in review
                </button>
              )}{' '}
              <button
                type="button"
                aria-label={`Show ${name}`}
                aria-pressed={shown === report.sopInstanceUid}
                onClick={() =>
                  setShown(shown === report.sopInstanceUid ? null : report.sopInstanceUid)
                }
              >
                Show
              </button>
            </li>
          );
        })}
      </ul>
      {confirming && (
        <div role="group" aria-label="Confirm opening the report" className="confirm">
          <p>
            Open {describeReport(confirming.report)} in the review? Its{' '}
            {confirming.report.findings.length} finding(s) replace the findings recorded for its
            date; <em>Undo restore</em> in the Findings panel brings the current ones back.
          </p>
          <button type="button" onClick={() => void openInReview(confirming)}>
            Open and replace findings
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
      {opened && <p role={opened.error ? 'alert' : 'status'}>{opened.text}</p>}
      {open && (
        <div className="sr-report">
          <table aria-label="SR measurements">
            <thead>
              <tr>
                <th scope="col">Lesion</th>
                <th scope="col">Segment</th>
                <th scope="col">Volume (mL)</th>
                <th scope="col">Long × short axis (mm)</th>
                <th scope="col">Mean ± SD</th>
              </tr>
            </thead>
            <tbody>
              {open.lesions.map((lesion, i) => (
                <tr key={lesion.trackingUid ?? i}>
                  <th scope="row">{lesion.trackingId ?? '–'}</th>
                  <td>{lesion.segment?.segmentNumber ?? '–'}</td>
                  <td>{fixed(lesion.volumeMl, 2)}</td>
                  <td>
                    {fixed(lesion.longAxisMm, 1)} × {fixed(lesion.shortAxisMm, 1)}
                  </td>
                  <td>
                    {fixed(lesion.meanIntensity, 1)} ± {fixed(lesion.intensitySd, 1)}{' '}
                    {intensityUnit(lesion)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {open.findings.length > 0 && (
            <ul aria-label="SR findings">
              {open.findings.map((f, i) => (
                <li key={i}>{describeFinding(f)}</li>
              ))}
            </ul>
          )}
          {open.warnings.length > 0 && <p className="muted">{open.warnings.join(' ')}</p>}
        </div>
      )}
    </>
  );
}
