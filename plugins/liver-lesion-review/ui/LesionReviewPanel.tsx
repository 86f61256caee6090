import { useEffect, useRef, useState } from 'react';
import type { PanelProps } from '../../../src/plugin-api';
import type { LesionCell, LesionRow } from '../domain/quantify/buildLesionReview';
import { newLesionIdentity } from '../adapters/lesionIdentity';
import { LesionTable } from './LesionTable';
import { ResponseTable } from './ResponseTable';
import { ReviewExportButtons } from './ReviewExportButtons';
import { ReviewCharts } from './ReviewCharts';
import { focusLesion } from '../domain/quantify/focusLesion';
import { ReportView } from './report/ReportView';
import { publishResponses } from './sharedReview';
import { useLesionReview } from './useLesionReview';

/**
 * The lesion review: every lesion's size on every date, its status, the response per date
 * with the rules applied, charts, and the dates side by side (compare view).
 */
export function LesionReviewPanel({ host }: PanelProps) {
  const state = useLesionReview(host);
  const { review, chosen, candidates, preferences, timepoints } = state;
  useEffect(() => {
    // Lesion volumes per date under their linked ids, for the findings' pattern figures.
    const patternInputs = (review?.dates ?? []).map((date, t) => ({
      date,
      liverVolumeMl: timepoints.find((tp) => tp.date === date)?.liverVolumeMl ?? null,
      lesions: (review?.rows ?? []).flatMap((row) => {
        const cell = row.cells[t];
        return cell && 'key' in cell
          ? [{ lesionId: row.lesionId, volumeMl: cell.statistics.volumeMl }]
          : [];
      }),
    }));
    publishResponses(host, review?.response.timepoints ?? [], patternInputs);
  }, [host, review, timepoints]);
  const [message, setMessage] = useState<string | null>(null);
  const [reportOpen, setReportOpen] = useState(false);
  const reportButton = useRef<HTMLButtonElement>(null);
  const modalities = [...new Set(candidates.map((c) => c.series.modality))];

  if (!state.patient) return <p className="muted">No patient loaded.</p>;
  if (candidates.length === 0)
    return (
      <p className="muted">
        No lesion is segmented yet. Add a Lesion segment in the segment editor and paint or draw it
        on each date; the table, response and charts appear here.
      </p>
    );

  const seriesOf = (date: string): string | undefined =>
    chosen.find((c) => c.date === date)?.series.id;

  const compare = (): Promise<void> => host.displayCompare(chosen.map((c) => c.series.id));

  // Every date's view to the lesion, on the slice of its longest axial diameter, with its
  // RECIST long and short axes drawn; a date without the lesion goes to the nearest date's.
  const show = async (row: LesionRow): Promise<void> => {
    if (!review) return;
    const comparing = host.getDisplayed()?.layout === 'compare';
    if (!comparing) await compare();
    const focus = focusLesion(row);
    const points = chosen.flatMap((c) => {
      const point = focus.points[review.dates.indexOf(c.date)];
      return point ? [{ seriesId: c.series.id, pointMm: point }] : [];
    });
    host.jumpTo(points);
    host.showLines(
      focus.axes.flatMap((axis) => {
        const seriesId = seriesOf(review.dates[axis.date] ?? '');
        return seriesId
          ? [
              {
                seriesId,
                fromMm: axis.fromMm,
                toMm: axis.toMm,
                label: `${row.lesionId} ${axis.name} ${axis.lengthMm.toFixed(1)} mm`,
              },
            ]
          : [];
      }),
    );
    setMessage(`Showing ${row.lesionId} on ${points.length} date(s), with its RECIST axes.`);
  };

  // The reader's correction is written into the segment's tracking identity (TrackingID and
  // TrackingUID), so it is kept with the segmentation and in its exports.
  const link = async (date: string, cell: LesionCell, lesionId: string | null): Promise<void> => {
    const seriesId = seriesOf(date);
    if (!seriesId) return;
    const existing = lesionId
      ? timepoints
          .flatMap((tp) => tp.lesions)
          .find((l) => l.trackingId === lesionId && l.trackingUid !== null)
      : undefined;
    const taken = new Set(timepoints.flatMap((tp) => tp.lesions.map((l) => l.trackingId)));
    const identity = lesionId
      ? {
          trackingId: lesionId,
          trackingUid: existing?.trackingUid ?? newLesionIdentity(taken).trackingUid,
        }
      : newLesionIdentity(taken);
    await host.updateSegment(seriesId, Number(cell.key), identity);
    setMessage(`${cell.label} on ${date} is now ${identity.trackingId}.`);
  };

  return (
    <div className="lesion-review">
      <div className="review-controls" role="group" aria-label="Review settings">
        <label>
          Modality{' '}
          <select
            value={preferences.modality}
            onChange={(e) => state.setPreferences({ modality: e.target.value, seriesByDate: {} })}
          >
            {modalities.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {[...new Set(candidates.map((c) => c.date))].sort().map((date) => {
          const options = candidates.filter(
            (c) => c.date === date && c.series.modality === preferences.modality,
          );
          if (options.length < 2) return null;
          return (
            <label key={date}>
              {date}{' '}
              <select
                value={seriesOf(date) ?? ''}
                onChange={(e) =>
                  state.setPreferences({
                    seriesByDate: { ...preferences.seriesByDate, [date]: e.target.value },
                  })
                }
              >
                {options.map((c) => (
                  <option key={c.series.id} value={c.series.id}>
                    {c.series.description || c.series.id}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        <button type="button" onClick={() => void compare()} disabled={chosen.length < 2}>
          Compare dates
        </button>
        <button
          type="button"
          onClick={() => state.setPreferences({ targetLesionIds: null })}
          disabled={preferences.targetLesionIds === null}
        >
          Default targets
        </button>
        <button type="button" onClick={() => host.showLines([])}>
          Clear drawn axes
        </button>
        <button
          type="button"
          ref={reportButton}
          onClick={() => setReportOpen(true)}
          disabled={!review}
          aria-haspopup="dialog"
        >
          Report
        </button>
        {review && state.patient && (
          <ReviewExportButtons
            host={host}
            patientId={state.patient.patientId}
            review={review}
            timepoints={timepoints}
            chosen={chosen}
            couinaud={preferences.couinaud}
            onExported={setMessage}
          />
        )}
        {state.busy && (
          <span role="status" className="muted">
            Measuring…
          </span>
        )}
      </div>
      {state.error && <p role="alert">{state.error}</p>}
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
      {review && (
        <>
          <LesionTable
            review={review}
            targets={review.response.targetLesionIds}
            couinaud={preferences.couinaud}
            onTargets={(ids) => state.setPreferences({ targetLesionIds: ids })}
            onCouinaud={(id, segment) =>
              state.setPreferences({ couinaud: { ...preferences.couinaud, [id]: segment } })
            }
            onLink={(date, cell, id) => void link(date, cell, id)}
            onShow={(row) => void show(row)}
          />
          <ResponseTable review={review} />
          <ReviewCharts review={review} />
        </>
      )}
      {reportOpen && review && (
        <ReportView
          host={host}
          patient={state.patient}
          review={review}
          timepoints={timepoints}
          chosen={chosen}
          couinaud={preferences.couinaud}
          onClose={() => {
            setReportOpen(false);
            // After the report unmounts and the panel is no longer inert.
            setTimeout(() => reportButton.current?.focus(), 0);
          }}
        />
      )}
    </div>
  );
}
