import type { LesionCell, LesionReview, LesionRow } from '../../domain/quantify/buildLesionReview';
import { fmtMl, fmtMm, fmtPct } from '../format';

const isCell = (cell: LesionRow['cells'][number]): cell is LesionCell => 'key' in cell;

/**
 * The lesion table for print: rows lesions, columns dates; volume (change from the previous
 * date), longest × short axis and status with its rule, formatted as in the review panel.
 */
export function ReportLesionTable(props: {
  readonly review: LesionReview;
  readonly couinaud: Readonly<Record<string, string>>;
}) {
  const { review } = props;
  const targets = review.response.targetLesionIds;
  return (
    <table className="review-table report-table" aria-label="Lesions by date (report)">
      <caption>
        Volume (change from the previous date), longest axial diameter × perpendicular short axis,
        and status with the rule that gave it. Targets: {targets.join(', ') || 'none'}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Lesion</th>
          <th scope="col">Couinaud</th>
          {review.dates.map((date) => (
            <th scope="col" key={date}>
              <time dateTime={date}>{date}</time>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {review.rows.map((row) => (
          <tr key={row.lesionId}>
            <th scope="row">
              {row.lesionId}
              {targets.includes(row.lesionId) ? ' (target)' : ''}
            </th>
            <td>{props.couinaud[row.lesionId] || '—'}</td>
            {row.cells.map((cell, t) => {
              const date = review.dates[t]!;
              if (!isCell(cell))
                return (
                  <td key={date} className={`status-${cell.status}`}>
                    {cell.status === 'disappeared' ? 'disappeared' : 'absent'}
                    <div className="report-reason">{cell.statusReason}</div>
                  </td>
                );
              const s = cell.statistics;
              return (
                <td
                  key={date}
                  className={`status-${cell.status}`}
                  data-testid={`report-cell-${row.lesionId}-${date}`}
                >
                  <div>
                    <strong data-testid="volume">{fmtMl(s.volumeMl)}</strong>
                    {cell.volumeChangeFromPreviousPct !== null &&
                      ` (${fmtPct(cell.volumeChangeFromPreviousPct)})`}
                  </div>
                  <div data-testid="diameters">
                    {fmtMm(s.longestAxial?.lengthMm)} × {fmtMm(s.shortAxis?.lengthMm)}
                  </div>
                  <div>
                    <span className="status" data-testid="status">
                      {cell.status}
                    </span>
                  </div>
                  <div className="report-reason">{cell.statusReason}</div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
