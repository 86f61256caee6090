import { isAbove } from './compareThreshold';
import { timesUln } from './timesUln';
import type { LabValue } from './types';

export type CtcaeGrade = 0 | 1 | 2 | 3 | 4;

export interface CtcaeGradeResult {
  readonly grade: CtcaeGrade;
  /** The term graded, e.g. "Alanine aminotransferase increased". */
  readonly term: string;
  /** The band the value fell in, e.g. "> 3.0–5.0 × ULN". */
  readonly band: string;
  readonly caveats: readonly string[];
}

// Upper bounds of grades 1, 2, 3 in × ULN; each band's upper bound is inclusive ("> 3.0 – 5.0").
// NCI CTCAE v5.0 (2017), Investigations, for a normal baseline.
const TRANSAMINASE_BANDS = [3, 5, 20] as const;
const ALP_GGT_BANDS = [2.5, 5, 20] as const;
const BILIRUBIN_BANDS = [1.5, 3, 10] as const;
// CTCAE v4.03 fasting glucose in mmol/L (v5 grades hyperglycaemia by intervention instead).
const GLUCOSE_BANDS_MMOL = [8.9, 13.9, 27.8] as const;

const BASELINE_CAVEAT =
  'Grades for a normal baseline (CTCAE v5.0); a raised baseline is graded against the baseline.';

function band(bounds: readonly [number, number, number], multiple: number): CtcaeGrade {
  if (isAbove(multiple, bounds[2])) return 4;
  if (isAbove(multiple, bounds[1])) return 3;
  if (isAbove(multiple, bounds[0])) return 2;
  return isAbove(multiple, 1) ? 1 : 0;
}

function bandText(grade: CtcaeGrade, bounds: readonly [number, number, number], unit: string) {
  const [a, b, c] = bounds;
  if (unit === 'mmol/L')
    return [
      '≤ ULN',
      `> ULN–${a} mmol/L`,
      `> ${a}–${b} mmol/L`,
      `> ${b}–${c} mmol/L`,
      `> ${c} mmol/L`,
    ][grade]!;
  return ['≤ ULN', `> ULN–${a} × ULN`, `> ${a}–${b} × ULN`, `> ${b}–${c} × ULN`, `> ${c} × ULN`][
    grade
  ]!;
}

function gradeGlucose(value: LabValue): CtcaeGradeResult | null {
  const uln = value.referenceRange.upper;
  const caveats = [
    'Hyperglycaemia graded on CTCAE v4.03 fasting glucose values (v5.0 grades by intervention).',
  ];
  if (value.fasting !== true) caveats.push('Sample not recorded as fasting.');
  const [g1, g2, g3] = GLUCOSE_BANDS_MMOL;
  let grade: CtcaeGrade;
  if (isAbove(value.value, g3)) grade = 4;
  else if (isAbove(value.value, g2)) grade = 3;
  else if (isAbove(value.value, g1)) grade = 2;
  else if (uln === null) return null;
  else grade = isAbove(value.value, uln) ? 1 : 0;
  return {
    grade,
    term: 'Hyperglycemia',
    band: bandText(grade, GLUCOSE_BANDS_MMOL, 'mmol/L'),
    caveats,
  };
}

/**
 * CTCAE grade of one lab value (ALT, AST, ALP, GGT, total bilirubin: v5.0 × ULN bands;
 * glucose: v4.03 fasting values), or null when the analyte has no grade here (direct
 * bilirubin) or the ULN needed is missing.
 */
export function gradeCtcae(value: LabValue): CtcaeGradeResult | null {
  if (value.analyte === 'GLU') return gradeGlucose(value);
  const multiple = timesUln(value);
  if (multiple === null) return null;
  const table: Partial<Record<LabValue['analyte'], [string, readonly [number, number, number]]>> = {
    ALT: ['Alanine aminotransferase increased', TRANSAMINASE_BANDS],
    AST: ['Aspartate aminotransferase increased', TRANSAMINASE_BANDS],
    ALP: ['Alkaline phosphatase increased', ALP_GGT_BANDS],
    GGT: ['GGT increased', ALP_GGT_BANDS],
    TBIL: ['Blood bilirubin increased', BILIRUBIN_BANDS],
  };
  const entry = table[value.analyte];
  if (!entry) return null;
  const [term, bounds] = entry;
  const grade = band(bounds, multiple);
  return { grade, term, band: bandText(grade, bounds, '× ULN'), caveats: [BASELINE_CAVEAT] };
}
