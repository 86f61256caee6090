import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LesionCell, LesionReview } from '../domain/quantify/buildLesionReview';
import { VOLUMETRIC_PD_PCT, VOLUMETRIC_PR_PCT } from '../domain/quantify/assessResponse';

const COLOURS = ['#e6503c', '#3cb44b', '#0082c8', '#f58231', '#911eb4', '#46f0f0', '#f032e6'];
const WIDTH = 340;
const HEIGHT = 200;

const isCell = (cell: LesionReview['rows'][number]['cells'][number]): cell is LesionCell =>
  'key' in cell;

/** Per lesion: change of volume from its first date to the last date (disappeared: −100 %). */
export function waterfallOf(review: LesionReview): Array<{ lesionId: string; changePct: number }> {
  const last = review.dates.length - 1;
  return review.rows
    .flatMap((row) => {
      const first = row.cells.find(isCell);
      const end = row.cells[last];
      if (!first || !end || first === end) return [];
      const endMl = isCell(end) ? end.statistics.volumeMl : 0;
      const startMl = first.statistics.volumeMl;
      return startMl > 0
        ? [{ lesionId: row.lesionId, changePct: ((endMl - startMl) / startMl) * 100 }]
        : [];
    })
    .sort((a, b) => b.changePct - a.changePct);
}

/** Volume per lesion and in total over the dates, and a waterfall of change (Recharts, SVG). */
export function ReviewCharts({ review }: { readonly review: LesionReview }) {
  const perDate = review.dates.map((date, t) => {
    const point: Record<string, number | string | null> = {
      date,
      total: Number(review.totalVolumeMl[t]!.toFixed(2)),
    };
    for (const row of review.rows) {
      const cell = row.cells[t];
      point[row.lesionId] =
        cell && isCell(cell) ? Number(cell.statistics.volumeMl.toFixed(2)) : null;
    }
    return point;
  });
  const waterfall = waterfallOf(review);
  return (
    <div className="review-charts">
      <figure aria-label="Volume of each lesion over time">
        <figcaption>Volume per lesion (mL)</figcaption>
        <LineChart width={WIDTH} height={HEIGHT} data={perDate} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" />
          <YAxis unit=" mL" width={60} />
          <Tooltip />
          <Legend />
          {review.rows.map((row, i) => (
            <Line
              key={row.lesionId}
              dataKey={row.lesionId}
              stroke={COLOURS[i % COLOURS.length]}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </figure>
      <figure aria-label="Total tumour volume over time">
        <figcaption>Total liver tumour burden (mL)</figcaption>
        <BarChart width={WIDTH} height={HEIGHT} data={perDate} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" />
          <YAxis unit=" mL" width={60} />
          <Tooltip />
          <Bar dataKey="total" name="Total volume" fill="#0082c8" isAnimationActive={false} />
        </BarChart>
      </figure>
      <figure aria-label="Waterfall of volume change per lesion">
        <figcaption>
          Volume change per lesion, first date → {review.dates[review.dates.length - 1]} (%)
        </figcaption>
        <BarChart width={WIDTH} height={HEIGHT} data={waterfall} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="lesionId" />
          <YAxis unit=" %" width={60} />
          <Tooltip />
          <ReferenceLine y={VOLUMETRIC_PD_PCT} stroke="#c00" strokeDasharray="4 2" />
          <ReferenceLine y={VOLUMETRIC_PR_PCT} stroke="#080" strokeDasharray="4 2" />
          <Bar dataKey="changePct" name="Volume change" isAnimationActive={false}>
            {waterfall.map((entry) => (
              <Cell
                key={entry.lesionId}
                fill={
                  entry.changePct >= VOLUMETRIC_PD_PCT
                    ? '#c0392b'
                    : entry.changePct <= VOLUMETRIC_PR_PCT
                      ? '#27ae60'
                      : '#7f8c8d'
                }
              />
            ))}
          </Bar>
        </BarChart>
      </figure>
    </div>
  );
}
