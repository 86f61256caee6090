import { daysBetween, isoDateToUtcMs } from './isoDate';
import { timesUln } from './timesUln';
import { LAB_ANALYTE_ORDER, type LabAnalyte, type LabValue, type TreatmentEvent } from './types';

/** Lesion burden of one imaging date: TimepointResponse from quantify fits as it is. */
export interface BurdenPoint {
  readonly date: string;
  readonly totalVolumeMl: number;
  readonly sumLongestDiametersMm?: number | null;
}

/**
 * One date of the chart. Lab keys hold × ULN (the worst value of the day when there are
 * several, as CTCAE grades the worst); null marks "not measured" so lines show gaps.
 */
export type TimelineRow = {
  readonly date: string;
  /** 00:00 UTC of the date: a numeric, time-proportional x axis. */
  readonly timeMs: number;
  /** Days since the first row. */
  readonly dayOffset: number;
  readonly totalVolumeMl: number | null;
  readonly sumLongestDiametersMm: number | null;
  /** The values behind the × ULN figures, for tooltips (value, unit, range). */
  readonly labValues: Partial<Readonly<Record<LabAnalyte, LabValue>>>;
  readonly treatmentEventIds: readonly string[];
} & Readonly<Record<LabAnalyte, number | null>>;

export type TimelineSeriesKey = 'totalVolumeMl' | 'sumLongestDiametersMm' | LabAnalyte;

export interface TimelineSeries {
  readonly key: TimelineSeriesKey;
  readonly label: string;
  readonly unit: string;
  /** Which y axis: burden in mL, diameters in mm, labs in × ULN (a reference line at 1). */
  readonly axis: 'volume-ml' | 'diameter-mm' | 'x-uln';
}

export interface TimelineEvent {
  readonly id: string;
  readonly date: string;
  readonly timeMs: number;
  readonly label: string;
  readonly event: TreatmentEvent;
}

/** A drug at one dose from an event to the next event of that drug (toDate null: ongoing). */
export interface TreatmentSpan {
  readonly drug: string;
  readonly doseMg: number | null;
  readonly fromDate: string;
  readonly fromMs: number;
  readonly toDate: string | null;
  readonly toMs: number | null;
}

export interface CombinedTimeline {
  /** Sorted by date; one row per date with a burden, a lab value or a treatment event. */
  readonly rows: readonly TimelineRow[];
  /** Only the series that have at least one value. */
  readonly series: readonly TimelineSeries[];
  readonly events: readonly TimelineEvent[];
  readonly spans: readonly TreatmentSpan[];
}

function eventLabel(e: TreatmentEvent): string {
  const dose = e.doseMg === null ? '' : ` ${e.doseMg} mg${e.schedule ? ` ${e.schedule}` : ''}`;
  const what = e.kind === 'start' ? 'start' : e.kind === 'stop' ? 'stop' : 'dose change';
  return `${e.drug}${dose} (${what}${e.dateCertainty === 'approximate' ? ', date approximate' : ''})`;
}

/**
 * Lesion burden, lab values (× ULN) and treatment events on one date axis: the rows a chart
 * library draws directly (seed 004's Figures 2, 4 and 5 in one view).
 */
export function buildCombinedTimeline(input: {
  readonly burden: readonly BurdenPoint[];
  readonly labs: readonly LabValue[];
  readonly treatments: readonly TreatmentEvent[];
}): CombinedTimeline {
  const dates = [
    ...new Set([
      ...input.burden.map((b) => b.date),
      ...input.labs.map((v) => v.date),
      ...input.treatments.map((t) => t.date),
    ]),
  ].sort();
  const first = dates[0];
  const rows = dates.map((date): TimelineRow => {
    const burden = input.burden.find((b) => b.date === date);
    const labValues: Partial<Record<LabAnalyte, LabValue>> = {};
    const multiples = Object.fromEntries(LAB_ANALYTE_ORDER.map((a) => [a, null])) as Record<
      LabAnalyte,
      number | null
    >;
    for (const value of input.labs) {
      if (value.date !== date) continue;
      const multiple = timesUln(value);
      const current = multiples[value.analyte];
      if (multiple !== null && (current === null || multiple > current)) {
        multiples[value.analyte] = multiple;
        labValues[value.analyte] = value;
      }
    }
    return {
      date,
      timeMs: isoDateToUtcMs(date),
      dayOffset: first ? daysBetween(first, date) : 0,
      totalVolumeMl: burden?.totalVolumeMl ?? null,
      sumLongestDiametersMm: burden?.sumLongestDiametersMm ?? null,
      labValues,
      treatmentEventIds: input.treatments.filter((t) => t.date === date).map((t) => t.id),
      ...multiples,
    };
  });
  const has = (key: TimelineSeriesKey) => rows.some((r) => r[key] !== null);
  const series: TimelineSeries[] = [
    {
      key: 'totalVolumeMl' as const,
      label: 'Total tumour volume',
      unit: 'mL',
      axis: 'volume-ml' as const,
    },
    {
      key: 'sumLongestDiametersMm' as const,
      label: 'Sum of target diameters',
      unit: 'mm',
      axis: 'diameter-mm' as const,
    },
    ...LAB_ANALYTE_ORDER.map((a) => ({ key: a, label: a, unit: '× ULN', axis: 'x-uln' as const })),
  ].filter((s) => has(s.key));
  const ordered = [...input.treatments].sort((a, b) => a.date.localeCompare(b.date));
  const events = ordered.map((event) => ({
    id: event.id,
    date: event.date,
    timeMs: isoDateToUtcMs(event.date),
    label: eventLabel(event),
    event,
  }));
  const spans: TreatmentSpan[] = [];
  ordered.forEach((event, i) => {
    if (event.kind === 'stop') return;
    const next = ordered.slice(i + 1).find((e) => e.drug === event.drug);
    spans.push({
      drug: event.drug,
      doseMg: event.doseMg,
      fromDate: event.date,
      fromMs: isoDateToUtcMs(event.date),
      toDate: next?.date ?? null,
      toMs: next ? isoDateToUtcMs(next.date) : null,
    });
  });
  return { rows, series, events, spans };
}
