import type { LesionCell, LesionReview, LesionRow } from '../domain/quantify/buildLesionReview';
import { COUINAUD_SEGMENTS } from './reviewPreferences';
import { fmtMl, fmtMm, fmtPct } from './format';

export interface LesionTableProps {
  readonly review: LesionReview;
  readonly targets: readonly string[];
  readonly couinaud: Readonly<Record<string, string>>;
  onTargets(ids: readonly string[]): void;
  onCouinaud(lesionId: string, segment: string): void;
  /** The reader links a lesion of a date to another identity (null: a new lesion). */
  onLink(date: string, cell: LesionCell, lesionId: string | null): void;
  onShow(row: LesionRow): void;
}

const isCell = (cell: LesionRow['cells'][number]): cell is LesionCell => 'key' in cell;

const METHOD_TEXT: Record<LesionCell['method'], string> = {
  'tracking-uid': 'same TrackingUID',
  'tracking-id': 'same TrackingID',
  position: 'nearest position (same frame of reference)',
  'aligned-position': 'nearest position after aligning the livers',
  'unaligned-position': 'nearest position, frames of reference not aligned: check',
  manual: 'linked by the reader',
  new: 'no match on earlier dates',
};

/** Rows lesions, columns dates: size and status of every lesion on every date. */
export function LesionTable(props: LesionTableProps) {
  const { review, targets } = props;
  const ids = review.rows.map((r) => r.lesionId);
  return (
    <table className="review-table" aria-label="Lesions by date">
      <thead>
        <tr>
          <th scope="col">Lesion</th>
          <th scope="col">Target</th>
          <th scope="col">Couinaud</th>
          {review.dates.map((date) => (
            <th scope="col" key={date}>
              <time dateTime={date}>{date}</time>
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {review.rows.map((row) => (
          <tr key={row.lesionId} data-testid={`lesion-row-${row.lesionId}`}>
            <th scope="row">{row.lesionId}</th>
            <td>
              <input
                type="checkbox"
                aria-label={`${row.lesionId} is a RECIST target lesion`}
                checked={targets.includes(row.lesionId)}
                onChange={(e) =>
                  props.onTargets(
                    e.target.checked
                      ? [...targets, row.lesionId]
                      : targets.filter((id) => id !== row.lesionId),
                  )
                }
              />
            </td>
            <td>
              <select
                aria-label={`Couinaud segment of ${row.lesionId}`}
                value={props.couinaud[row.lesionId] ?? ''}
                onChange={(e) => props.onCouinaud(row.lesionId, e.target.value)}
              >
                <option value="">—</option>
                {COUINAUD_SEGMENTS.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </td>
            {row.cells.map((cell, t) => {
              const date = review.dates[t]!;
              if (!isCell(cell))
                return (
                  <td key={date} className={`status-${cell.status}`} title={cell.statusReason}>
                    {cell.status === 'disappeared' ? 'disappeared' : '—'}
                  </td>
                );
              const s = cell.statistics;
              return (
                <td
                  key={date}
                  className={`status-${cell.status}`}
                  data-testid={`cell-${row.lesionId}-${date}`}
                >
                  <div>
                    <strong data-testid="volume">{fmtMl(s.volumeMl)}</strong>
                    {cell.volumeChangeFromPreviousPct !== null && (
                      <span className="muted"> ({fmtPct(cell.volumeChangeFromPreviousPct)})</span>
                    )}
                  </div>
                  <div data-testid="diameters">
                    {fmtMm(s.longestAxial?.lengthMm)} × {fmtMm(s.shortAxis?.lengthMm)}
                  </div>
                  <div className="muted">
                    {s.mean !== null ? `mean ${s.mean.toFixed(0)} ± ${(s.sd ?? 0).toFixed(0)}` : ''}
                  </div>
                  <div>
                    <span className="status" data-testid="status" title={cell.statusReason}>
                      {cell.status}
                    </span>
                    <span className="visually-hidden">: {cell.statusReason}</span>
                  </div>
                  {t > 0 && (
                    <select
                      aria-label={`Identity of ${cell.label} on ${date}`}
                      title={`Matched by ${METHOD_TEXT[cell.method]}`}
                      value={row.lesionId}
                      onChange={(e) =>
                        props.onLink(date, cell, e.target.value === '' ? null : e.target.value)
                      }
                    >
                      {ids.map((id) => (
                        <option key={id} value={id}>
                          {id}
                        </option>
                      ))}
                      <option value="">new lesion</option>
                    </select>
                  )}
                </td>
              );
            })}
            <td>
              <button
                type="button"
                onClick={() => props.onShow(row)}
                aria-label={`Show ${row.lesionId} on every date`}
              >
                Show
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
