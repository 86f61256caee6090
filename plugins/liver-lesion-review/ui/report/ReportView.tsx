import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { HostApi, PatientSummary } from '../../../../src/plugin-api';
import type { SegmentedSeries } from '../../adapters/readReviewTimepoints';
import { buildCombinedTimeline } from '../../domain/labs/buildCombinedTimeline';
import type { LesionReview, ReviewTimepoint } from '../../domain/quantify/buildLesionReview';
import { buildReportModel } from '../../domain/report/buildReportModel';
import { chooseKeyImages } from '../../domain/report/chooseKeyImages';
import { evaluateRules } from '../../domain/rules/evaluateRules';
import { loadRecord } from '../findingsStorage';
import { ResponseTable } from '../ResponseTable';
import { ReviewCharts } from '../ReviewCharts';
import { TimelineChart } from '../TimelineChart';
import { KeyImageGrid } from './KeyImageGrid';
import { ReportLesionTable } from './ReportLesionTable';
import { ReportRules } from './ReportRules';
import { reportDeidentity } from './reportDateOffset';
import { useKeyImages } from './useKeyImages';
import './report.css';

export interface ReportViewProps {
  readonly host: HostApi;
  readonly patient: PatientSummary;
  readonly review: LesionReview;
  readonly timepoints: readonly ReviewTimepoint[];
  readonly chosen: readonly SegmentedSeries[];
  readonly couinaud: Readonly<Record<string, string>>;
  onClose(): void;
}

const fmtGeneratedAt = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The printable review report, over the whole page: header (patient, studies, disclaimer),
 * lesion table, key images, response, findings, rules and charts. Print / Save as PDF uses the
 * browser's print; print CSS hides the viewer and breaks pages between sections.
 */
export function ReportView(props: ReportViewProps) {
  const { host, patient, review, timepoints } = props;
  const [deidentify, setDeidentify] = useState(false);
  const [generatedAt] = useState(() => new Date().toISOString());
  const overlay = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  const record = useMemo(() => loadRecord(patient.patientId), [patient]);
  const keyImageCells = useMemo(() => chooseKeyImages(review, timepoints), [review, timepoints]);
  const { images, done } = useKeyImages(host, keyImageCells);
  const model = useMemo(() => {
    const responses = review.response.timepoints;
    return buildReportModel(
      {
        patient: {
          name: patient.patientName,
          id: patient.patientId,
          birthDate: patient.birthDate ?? null,
          sex: patient.sex || null,
        },
        studies: patient.studies.map((s) => ({
          date: s.date,
          modalities: s.modalities,
          description: s.description,
        })),
        measuredSeries: props.chosen.map((c) => ({
          date: c.date,
          modality: c.series.modality,
          description: c.series.description,
        })),
        generatedAt,
        review,
        couinaud: props.couinaud,
        keyImages: keyImageCells,
        findings: record.findings,
        evaluation: evaluateRules({
          labs: record.labs,
          findings: record.findings,
          responses,
          knownMalignancy: record.knownMalignancy,
        }),
        timeline: buildCombinedTimeline({
          burden: responses,
          labs: record.labs,
          treatments: record.treatments,
        }),
      },
      deidentify ? { deidentify: reportDeidentity(host, patient.patientId) } : {},
    );
  }, [
    host,
    patient,
    props.chosen,
    props.couinaud,
    generatedAt,
    review,
    keyImageCells,
    record,
    deidentify,
  ]);

  // A modal view: the viewer behind is inert (no focus, not read) until the report closes.
  useEffect(() => {
    const own = overlay.current;
    const made: Element[] = [];
    for (const element of Array.from(document.body.children))
      if (element !== own && element instanceof HTMLElement && !element.inert) {
        element.inert = true;
        made.push(element);
      }
    heading.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      for (const element of made) (element as HTMLElement).inert = false;
    };
  }, []);

  const dates = model.review.dates;
  return createPortal(
    <div
      ref={overlay}
      className="report-overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="report-title"
    >
      <div className="report-toolbar" role="group" aria-label="Report actions">
        <button type="button" onClick={() => window.print()}>
          Print / Save as PDF
        </button>
        <label>
          <input
            type="checkbox"
            checked={deidentify}
            onChange={(e) => setDeidentify(e.currentTarget.checked)}
          />{' '}
          De-identify
        </label>
        <button type="button" onClick={() => props.onClose()}>
          Close report
        </button>
        {!done && (
          <span role="status" className="report-muted">
            Rendering key images…
          </span>
        )}
      </div>
      <article className="report-page" data-testid="report">
        <header className="report-header">
          <h1 id="report-title" ref={heading} tabIndex={-1}>
            Liver lesion review report
          </h1>
          {model.patient ? (
            <dl className="report-patient">
              <dt>Patient</dt>
              <dd data-testid="report-patient-name">{model.patient.name || '—'}</dd>
              <dt>Patient ID</dt>
              <dd data-testid="report-patient-id">{model.patient.id}</dd>
              <dt>Birth date</dt>
              <dd>{model.patient.birthDate ?? 'not recorded'}</dd>
              <dt>Sex</dt>
              <dd>{model.patient.sex ?? 'not recorded'}</dd>
            </dl>
          ) : (
            <p data-testid="report-deidentified">{model.deidentification}</p>
          )}
          <table className="review-table report-table" aria-label="Studies">
            <thead>
              <tr>
                <th scope="col">Study date</th>
                <th scope="col">Modalities</th>
                <th scope="col">Description</th>
                <th scope="col">Lesions measured on</th>
              </tr>
            </thead>
            <tbody>
              {model.studies.map((s, n) => {
                const measured = model.measuredSeries.find((m) => m.date === s.date);
                return (
                  <tr key={`${s.date}-${n}`}>
                    <th scope="row">{s.date ?? 'undated'}</th>
                    <td>{s.modalities.join(', ')}</td>
                    <td>{s.description || '—'}</td>
                    <td>
                      {measured
                        ? `${measured.modality}${measured.description ? ` · ${measured.description}` : ''}`
                        : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="report-muted" data-testid="report-generated">
            Generated {fmtGeneratedAt(model.generatedAt)}.
          </p>
          <p className="report-disclaimer">{model.disclaimer}</p>
        </header>

        <section className="report-section" aria-labelledby="report-lesions">
          <h2 id="report-lesions">Lesions by date</h2>
          <ReportLesionTable review={model.review} couinaud={model.couinaud} />
        </section>

        <section className="report-section" aria-labelledby="report-key-images">
          <h2 id="report-key-images">Key images</h2>
          <p className="report-muted">
            Each lesion on the slice of its longest axial diameter, outlined in its segment colour;
            CT in the abdomen window (40/400 HU), MR between the 1st and 99th percentiles of the
            slice. Patient left on the image right.
          </p>
          <KeyImageGrid dates={dates} cells={model.keyImages} images={images} done={done} />
        </section>

        <section className="report-section" aria-labelledby="report-response">
          <h2 id="report-response">Response per date</h2>
          <ResponseTable review={model.review} />
        </section>

        <section className="report-section" aria-labelledby="report-findings">
          <h2 id="report-findings">Findings per date</h2>
          {model.findingsByDate.length === 0 ? (
            <p>No findings recorded.</p>
          ) : (
            model.findingsByDate.map((d) => (
              <div key={d.date} className="report-findings-date">
                <h3>
                  <time dateTime={d.date}>{d.date}</time>
                </h3>
                <ul>
                  {d.findings.map((f, n) => (
                    <li key={n}>
                      <strong>{f.title}</strong>: {f.text}
                      {f.note ? ` — note: ${f.note}` : ''}
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </section>

        <section className="report-section" aria-labelledby="report-rules">
          <h2 id="report-rules">Lab and imaging rules</h2>
          <p className="report-muted">
            Which published criteria the labs and findings meet on each date, with their sources. A
            met rule is a finding statement, not a diagnosis.
          </p>
          <ReportRules evaluation={model.evaluation} />
        </section>

        <section className="report-section" aria-labelledby="report-charts">
          <h2 id="report-charts">Charts</h2>
          <ReviewCharts review={model.review} />
          <div className="report-timeline">
            <TimelineChart timeline={model.timeline} />
          </div>
        </section>
      </article>
    </div>,
    document.body,
  );
}
