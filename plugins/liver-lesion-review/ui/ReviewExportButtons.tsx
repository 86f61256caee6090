import { version } from '../../../package.json';
import type { SegmentedSeries } from '../adapters/readReviewTimepoints';
import { buildReviewExport } from '../domain/export/buildReviewExport';
import { formatReviewCsv } from '../domain/export/formatReviewCsv';
import type { LesionReview, ReviewTimepoint } from '../domain/quantify/buildLesionReview';
import { downloadFile } from './downloadFile';

interface ReviewExportButtonsProps {
  readonly patientId: string;
  readonly review: LesionReview;
  readonly timepoints: readonly ReviewTimepoint[];
  readonly chosen: readonly SegmentedSeries[];
  readonly couinaud: Readonly<Record<string, string>>;
  readonly onExported: (message: string) => void;
}

/** "Export CSV" and "Export JSON" of the lesion table and response, as the panel shows them. */
export function ReviewExportButtons(props: ReviewExportButtonsProps) {
  const { review } = props;
  const save = (format: 'csv' | 'json'): void => {
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
    });
    // The file name says which dates, never who (exports travel by e-mail).
    const span = [review.dates[0], review.dates[review.dates.length - 1]].filter(Boolean);
    const fileName = `lesion-review-${[...new Set(span)].join('_')}.${format}`;
    const data =
      format === 'csv'
        ? // A byte order mark, so spreadsheets read the reasons' ≥ and − as UTF-8.
          new Blob(['\uFEFF', formatReviewCsv(doc)], { type: 'text/csv;charset=utf-8' })
        : new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
    downloadFile(data, fileName);
    props.onExported(
      `Saved ${fileName}: ${doc.lesions.length} lesion row(s) over ${review.dates.length} date(s).`,
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
    </>
  );
}
