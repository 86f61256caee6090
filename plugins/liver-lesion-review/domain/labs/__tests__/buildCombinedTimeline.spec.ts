import { describe, expect, it } from 'vitest';
import { SAMPLE_LAB_VALUES, SAMPLE_TREATMENT_EVENTS } from '../../sampleLabs';
import { buildCombinedTimeline } from '../buildCombinedTimeline';
import { lab } from './labFixtures';

// Burden of the sample patient's CT dates (the figures need not be real for the merge).
const BURDEN = [
  { date: '2024-10-07', totalVolumeMl: 40, sumLongestDiametersMm: 64.5 },
  { date: '2024-07-25', totalVolumeMl: 17, sumLongestDiametersMm: 48 },
  { date: '2024-08-12', totalVolumeMl: 38, sumLongestDiametersMm: 63 },
];

describe('buildCombinedTimeline', () => {
  const timeline = buildCombinedTimeline({
    burden: BURDEN,
    labs: SAMPLE_LAB_VALUES,
    treatments: SAMPLE_TREATMENT_EVENTS,
  });

  it('merges burden, lab and treatment dates into one sorted axis', () => {
    expect(timeline.rows.map((r) => r.date)).toEqual([
      '2024-07-25',
      '2024-08-01',
      '2024-08-04',
      '2024-08-12',
      '2024-08-29',
      '2024-09-07',
      '2024-09-15',
      '2024-10-07',
      '2024-10-10',
      '2024-11-07',
    ]);
    // Jul 25 → Nov 7: 6 + 31 + 30 + 31 + 7 = 105 days.
    expect(timeline.rows.at(-1)?.dayOffset).toBe(105);
    expect(timeline.rows[0]?.timeMs).toBe(Date.UTC(2024, 6, 25));
  });

  it('puts nulls where a series has no value, so lines show gaps', () => {
    const aug1 = timeline.rows[1]!;
    expect([aug1.totalVolumeMl, aug1.ALT, aug1.TBIL, aug1.ALP]).toEqual([null, null, null, null]);
    expect(aug1.treatmentEventIds).toEqual(['alpelisib-start']);
    const aug4 = timeline.rows[2]!;
    expect(aug4.totalVolumeMl).toBeNull();
    expect(aug4.ALT).toBeCloseTo(59.7 / 40, 12);
  });

  it('holds labs as × ULN with the value behind them, and burden on imaging dates', () => {
    const aug12 = timeline.rows[3]!;
    expect(aug12).toMatchObject({ totalVolumeMl: 38, sumLongestDiametersMm: 63 });
    expect(aug12.TBIL).toBeCloseTo(162.5 / 18.52, 12);
    expect(aug12.labValues.TBIL?.value).toBe(162.5);
  });

  it('lists only series with data: no ALP or GGT for the sample', () => {
    expect(timeline.series.map((s) => s.key)).toEqual([
      'totalVolumeMl',
      'sumLongestDiametersMm',
      'ALT',
      'AST',
      'TBIL',
      'DBIL',
      'GLU',
    ]);
  });

  it('turns treatment events into labelled markers and dose spans', () => {
    expect(timeline.events.map((e) => e.label)).toContain(
      'Alpelisib 300 mg once daily (start, date approximate)',
    );
    expect(
      timeline.spans
        .filter((s) => s.drug === 'Alpelisib')
        .map((s) => [s.doseMg, s.fromDate, s.toDate]),
    ).toEqual([
      [300, '2024-08-01', '2024-09-15'],
      [150, '2024-09-15', null],
    ]);
  });

  it('closes a span at a stop and keeps the worst value of a day', () => {
    const result = buildCombinedTimeline({
      burden: [],
      labs: [lab('ALT', 80, 40, '2024-01-02'), lab('ALT', 120, 40, '2024-01-02')],
      treatments: [
        {
          id: 'a',
          date: '2024-01-01',
          dateCertainty: 'exact',
          drug: 'X',
          kind: 'start',
          doseMg: 10,
          schedule: null,
        },
        {
          id: 'b',
          date: '2024-01-05',
          dateCertainty: 'exact',
          drug: 'X',
          kind: 'stop',
          doseMg: null,
          schedule: null,
        },
      ],
    });
    expect(result.rows.find((r) => r.date === '2024-01-02')?.ALT).toBe(3);
    expect(result.spans).toEqual([
      expect.objectContaining({ fromDate: '2024-01-01', toDate: '2024-01-05' }),
    ]);
  });

  it('is empty without input', () => {
    expect(buildCombinedTimeline({ burden: [], labs: [], treatments: [] })).toEqual({
      rows: [],
      series: [],
      events: [],
      spans: [],
    });
  });
});
