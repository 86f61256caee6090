import { useState } from 'react';
import { version } from '../../../package.json';
import type { HostApi } from '../../../src/plugin-api';
import type { SegmentedSeries } from '../adapters/readReviewTimepoints';
import { buildReviewExport } from '../domain/export/buildReviewExport';
import { formatFindingsCsv } from '../domain/export/formatFindingsCsv';
import { formatReviewCsv } from '../domain/export/formatReviewCsv';
import type { LesionReview, ReviewTimepoint } from '../domain/quantify/buildLesionReview';
import { evaluateRules } from '../domain/rules/evaluateRules';
import { downloadFile } from './downloadFile';
import { loadRecord } from './findingsStorage';

interface ReviewExportButtonsProps {
  /** For the session's de-identification (same shift and UIDs as the DICOM export). */
  readonly host?: HostApi;
  readonly patientId: string;
  readonly review: LesionReview;
  readonly timepoints: readonly ReviewTimepoint[];
  readonly chosen: readonly SegmentedSeries[];
  readonly couinaud: Readonly<Record<string, string>>;
  readonly onExported: (message: string) => void;
}

const csvBlob = (text: string) =>
  // A byte order mark, so spreadsheets read the reasons' ≥ and − as UTF-8.
  new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });

/**
 * "Export CSV" (the lesion rows and a second file of findings and rules per date) and "Export
 * JSON" (schema 2: lesions, response, findings and rules per date), optionally de-identified.
 */
export function ReviewExportButtons(props: ReviewExportButtonsProps) {
  const { review } = props;
  const [deidentify, setDeidentify] = useState(false);
  const save = (format: 'csv' | 'json'): void => {
    const deid = deidentify ? props.host?.exportDeidentity?.(props.patientId) : undefined;
    if (deidentify && !deid) {
      props.onExported('De-identification is not available in this viewer; nothing was saved.');
      return;
    }
    const record = loadRecord(props.patientId);
    const doc = buildReviewExport({
      patientId: props.patientId,
      review,
      timepoints: props.timepoints,
      dates: props.chosen.map((c) => ({
        date: c.date,
        studyInstanceUid: c.series.studyInstanceUid,
        seriesInstanceUid: c.series.seriesInstanceUid,
        modality: c.series.modality,
        seriesDescription: c.series.description,
      })),
      couinaud: props.couinaud,
      exportedAt: new Date().toISOString(),
      generator: `liver-lesion-review ${version}`,
      findings: record.findings,
      rules: evaluateRules({
        labs: record.labs,
        findings: record.findings,
        responses: review.response.timepoints,
        knownMalignancy: record.knownMalignancy,
      }),
      ...(deid ? { deidentify: deid } : {}),
    });
    // The file name says which dates, never who (exports travel by e-mail); de-identified
    // files carry no date at all.
    const span = [doc.dates[0]?.date, doc.dates[doc.dates.length - 1]?.date].filter(Boolean);
    const stem = deid
      ? 'lesion-review-deidentified'
      : `lesion-review-${[...new Set(span)].join('_')}`;
    if (format === 'csv') {
      downloadFile(csvBlob(formatReviewCsv(doc)), `${stem}.csv`);
      downloadFile(csvBlob(formatFindingsCsv(doc)), `${stem}-findings.csv`);
    } else
      downloadFile(
        new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' }),
        `${stem}.json`,
      );
    props.onExported(
      `Saved ${stem}${format === 'csv' ? '.csv and its -findings.csv' : '.json'}: ${doc.lesions.length} lesion row(s) over ${review.dates.length} date(s), findings of ${doc.findingsByDate.length} date(s).${deid ? ' De-identified.' : ''}`,
    );
  };
  return (
    <>
      <button type="button" onClick={() => save('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => save('json')}>
        Export JSON
      </button>
      {props.host?.exportDeidentity && (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={deidentify}
            onChange={(e) => setDeidentify(e.currentTarget.checked)}
          />
          De-identify CSV/JSON (same pseudonym, date shift and UIDs as the DICOM export)
        </label>
      )}
    </>
  );
}
