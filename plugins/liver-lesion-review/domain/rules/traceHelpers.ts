import { isAbove, isAtLeast } from '../labs/compareThreshold';
import { timesUln } from '../labs/timesUln';
import type { LabAnalyte, LabPanel } from '../labs/types';
import type { RuleStatus, TraceEntry } from './types';

export interface Criterion {
  readonly status: RuleStatus;
  readonly entry: TraceEntry;
}

const round = (v: number): number => Math.round(v * 100) / 100;

/** A × ULN criterion on one analyte of the panel ("> 2", "≥ 5", "≤ 2"). */
export function labMultipleCriterion(
  panel: LabPanel,
  analyte: LabAnalyte,
  comparison: '>' | '≥' | '≤',
  threshold: number,
): Criterion {
  const value = panel[analyte];
  const multiple = value ? timesUln(value) : null;
  const label = `${analyte} × ULN`;
  const thresholdText = `${comparison} ${threshold} × ULN`;
  if (!value || multiple === null)
    return {
      status: 'not-evaluable',
      entry: { label, value: null, threshold: thresholdText, status: 'not-evaluable' },
    };
  const passed =
    comparison === '>'
      ? isAbove(multiple, threshold)
      : comparison === '≥'
        ? isAtLeast(multiple, threshold)
        : !isAbove(multiple, threshold);
  const status: RuleStatus = passed ? 'met' : 'not-met';
  return {
    status,
    entry: {
      label,
      value: round(multiple),
      threshold: thresholdText,
      status,
      date: value.date,
    },
  };
}

/** A yes/no finding as a criterion: true met, false not met, null/missing not evaluable. */
export function presenceCriterion(
  label: string,
  present: boolean | null | undefined,
  date: string | undefined,
): Criterion {
  const status: RuleStatus =
    present === true ? 'met' : present === false ? 'not-met' : 'not-evaluable';
  return {
    status,
    entry: { label, value: present ?? null, status, ...(date ? { date } : {}) },
  };
}

export const statusWord = (s: RuleStatus): string =>
  s === 'met' ? 'met' : s === 'not-met' ? 'not met' : 'not evaluable';
