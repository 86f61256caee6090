import { daysBetween } from './isoDate';
import type { LabAnalyte, LabPanel, LabValue } from './types';

/**
 * The values that apply on `date`: for each analyte the latest value taken on that date or up
 * to `lookbackDays` before it (0 = the same day only). Later dates are never used: a rule
 * evaluated "as of" a date must not see the future. Several values of an analyte on the same
 * day: the last one in input order.
 */
export function selectLabPanel(
  values: readonly LabValue[],
  date: string,
  lookbackDays: number,
): LabPanel {
  const panel: Partial<Record<LabAnalyte, LabValue>> = {};
  for (const value of values) {
    const age = daysBetween(value.date, date);
    if (age < 0 || age > lookbackDays) continue;
    const current = panel[value.analyte];
    if (!current || current.date <= value.date) panel[value.analyte] = value;
  }
  return panel;
}
