import { gradeCtcae, type CtcaeGradeResult } from './gradeCtcae';
import { timesUln } from './timesUln';
import type { LabValue } from './types';

export interface AssessedLabValue {
  readonly value: LabValue;
  /** value ÷ the lab's ULN, null without a ULN. */
  readonly timesUln: number | null;
  /** null for analytes without a grade here (DBIL) or without the ULN needed. */
  readonly ctcae: CtcaeGradeResult | null;
}

export function assessLabValue(value: LabValue): AssessedLabValue {
  return { value, timesUln: timesUln(value), ctcae: gradeCtcae(value) };
}
