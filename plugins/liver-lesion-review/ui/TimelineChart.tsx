import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CombinedTimeline } from '../domain/labs/buildCombinedTimeline';

const COLOURS: Record<string, string> = {
  ALT: '#e6503c',
  AST: '#f58231',
  ALP: '#911eb4',
  GGT: '#f032e6',
  TBIL: '#ffe119',
  DBIL: '#bcf60c',
  GLU: '#46f0f0',
};

/** Lesion burden, lab values (× ULN) and treatment events on one date axis (seed 004 Fig. 2/4/5). */
export function TimelineChart({ timeline }: { readonly timeline: CombinedTimeline }) {
  if (timeline.rows.length === 0) return null;
  const labs = timeline.series.filter((s) => s.axis === 'x-uln');
  const fmtDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return (
    <figure aria-label="Lesion burden, lab values and treatments over time">
      <figcaption>
        Lesion burden (mL, bars) and lab values (× ULN, lines) with treatment events
      </figcaption>
      <ComposedChart width={720} height={260} data={[...timeline.rows]} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="timeMs"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={fmtDate}
        />
        <YAxis yAxisId="ml" unit=" mL" width={60} />
        <YAxis yAxisId="uln" orientation="right" unit="×" width={45} />
        <Tooltip labelFormatter={(v) => fmtDate(Number(v))} />
        <Legend />
        <ReferenceLine yAxisId="uln" y={1} stroke="#888" strokeDasharray="2 2" />
        {timeline.events.map((e) => (
          <ReferenceLine
            key={e.id}
            yAxisId="ml"
            x={e.timeMs}
            stroke="#0082c8"
            strokeDasharray="4 2"
            label={{ value: e.label, position: 'insideTopLeft', fontSize: 10, fill: '#9cc' }}
          />
        ))}
        <Bar
          yAxisId="ml"
          dataKey="totalVolumeMl"
          name="Lesion volume (mL)"
          fill="#3c6e9c"
          isAnimationActive={false}
        />
        {labs.map((s) => (
          <Line
            key={s.key}
            yAxisId="uln"
            dataKey={s.key}
            name={`${s.label} (× ULN)`}
            stroke={COLOURS[s.key] ?? '#ccc'}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
    </figure>
  );
}
