import { allOf, anyOf } from './combineCriteria';
import { isAbove, isAtLeast } from './compareThreshold';
import { timesUln } from './timesUln';
import type { CriterionStatus, LabPanel } from './types';

/** FDA DILI guidance 2009 / EMA: ALT or AST ≥ 3 × ULN (shared/reference/clinical-rules.md). */
export const HYS_TRANSAMINASE_MIN_X_ULN = 3;
/** Total bilirubin ≥ 2 × ULN, as written in clinical-rules.md (FDA 2009 writes "> 2 × ULN"). */
export const HYS_BILIRUBIN_MIN_X_ULN = 2;
/** "Without ALP elevation": ALP ≤ 2 × ULN. */
export const HYS_ALP_MAX_X_ULN = 2;

export interface HysLawCriterion {
  readonly analyte: 'ALT' | 'AST' | 'TBIL' | 'ALP';
  readonly xUln: number | null;
  readonly threshold: string;
  readonly status: CriterionStatus;
}

export interface HysLawResult {
  /** Met only on the laboratory criteria: other causes are for the clinician to exclude. */
  readonly status: CriterionStatus;
  readonly criteria: readonly HysLawCriterion[];
}

function criterion(
  analyte: HysLawCriterion['analyte'],
  xUln: number | null,
  threshold: string,
  test: (x: number) => boolean,
): HysLawCriterion {
  return {
    analyte,
    xUln,
    threshold,
    status: xUln === null ? 'not-evaluable' : test(xUln) ? 'met' : 'not-met',
  };
}

/**
 * Hy's law on one lab panel: (ALT or AST ≥ 3 × ULN) and TBIL ≥ 2 × ULN and ALP ≤ 2 × ULN.
 * A missing value makes the law not evaluable unless another criterion already fails.
 */
export function evaluateHysLaw(panel: LabPanel): HysLawResult {
  const x = (a: keyof LabPanel): number | null => {
    const value = panel[a];
    return value ? timesUln(value) : null;
  };
  const alt = criterion('ALT', x('ALT'), '≥ 3 × ULN', (v) =>
    isAtLeast(v, HYS_TRANSAMINASE_MIN_X_ULN),
  );
  const ast = criterion('AST', x('AST'), '≥ 3 × ULN', (v) =>
    isAtLeast(v, HYS_TRANSAMINASE_MIN_X_ULN),
  );
  const tbil = criterion('TBIL', x('TBIL'), '≥ 2 × ULN', (v) =>
    isAtLeast(v, HYS_BILIRUBIN_MIN_X_ULN),
  );
  const alp = criterion('ALP', x('ALP'), '≤ 2 × ULN', (v) => !isAbove(v, HYS_ALP_MAX_X_ULN));
  const transaminase = anyOf([alt.status, ast.status]);
  return {
    status: allOf([transaminase, tbil.status, alp.status]),
    criteria: [alt, ast, tbil, alp],
  };
}
