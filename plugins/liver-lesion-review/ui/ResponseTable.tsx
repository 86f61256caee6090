import type { LesionReview } from '../domain/quantify/buildLesionReview';
import { fmtMl, fmtMm, fmtPct } from './format';

/** RECIST 1.1 and volumetric response per date, each with the reasons that decided it. */
export function ResponseTable({ review }: { readonly review: LesionReview }) {
  const { response } = review;
  return (
    <table className="review-table" aria-label="Response per date">
      <caption>
        Targets: {response.targetLesionIds.join(', ') || 'none measurable'} · RECIST 1.1 (Eisenhauer
        2009) and volumetric (+72.8 % / −65.7 %, sphere equivalents)
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Sum of diameters</th>
          <th scope="col">vs baseline</th>
          <th scope="col">vs nadir</th>
          <th scope="col">vs previous</th>
          <th scope="col">RECIST 1.1</th>
          <th scope="col">Total volume</th>
          <th scope="col">Volume vs baseline</th>
          <th scope="col">Volumetric</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {response.timepoints.map((tp) => (
          <tr key={tp.date} data-testid={`response-${tp.date}`}>
            <th scope="row">
              <time dateTime={tp.date}>{tp.date}</time>
            </th>
            <td>{fmtMm(tp.sumLongestDiametersMm)}</td>
            <td>{fmtPct(tp.changeFromBaselinePct)}</td>
            <td>{fmtPct(tp.changeFromNadirPct)}</td>
            <td>{fmtPct(tp.changeFromPreviousPct)}</td>
            <td data-testid="recist" className={`category ${tp.recist}`}>
              {tp.recist}
            </td>
            <td>{fmtMl(tp.totalVolumeMl)}</td>
            <td>{fmtPct(tp.volumeChangeFromBaselinePct)}</td>
            <td data-testid="volumetric" className={`category ${tp.volumetric}`}>
              {tp.volumetric}
            </td>
            <td>
              <ul className="reasons">
                {tp.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
