import { assessLabValue, type AssessedLabValue } from './assessLabValue';
import { computeRRatio, type RRatioResult } from './computeRRatio';
import { evaluateHysLaw, type HysLawResult } from './evaluateHysLaw';
import { selectLabPanel } from './selectLabPanel';
import { LAB_ANALYTE_ORDER, type LabAnalyte, type LabValue } from './types';

export interface LabTableDate {
  readonly date: string;
  /** The values taken on this date, each with × ULN and CTCAE grade. */
  readonly values: Partial<Readonly<Record<LabAnalyte, AssessedLabValue>>>;
  /** From this date's ALT and ALP. */
  readonly rRatio: RRatioResult;
  /** On this date's values only (rules may look back further, see evaluateRules). */
  readonly hysLaw: HysLawResult;
}

export interface LabTable {
  /** Analytes present in the input, in the usual report order. */
  readonly analytes: readonly LabAnalyte[];
  /** One entry per sampling date, oldest first. */
  readonly dates: readonly LabTableDate[];
}

/** The lab table of a patient: a column per date, computed figures per value and per date. */
export function buildLabTable(values: readonly LabValue[]): LabTable {
  const dates = [...new Set(values.map((v) => v.date))].sort();
  const present = new Set(values.map((v) => v.analyte));
  return {
    analytes: LAB_ANALYTE_ORDER.filter((a) => present.has(a)),
    dates: dates.map((date) => {
      const panel = selectLabPanel(values, date, 0);
      const assessed: Partial<Record<LabAnalyte, AssessedLabValue>> = {};
      for (const [analyte, value] of Object.entries(panel) as [LabAnalyte, LabValue][])
        assessed[analyte] = assessLabValue(value);
      return {
        date,
        values: assessed,
        rRatio: computeRRatio(panel.ALT, panel.ALP),
        hysLaw: evaluateHysLaw(panel),
      };
    }),
  };
}
