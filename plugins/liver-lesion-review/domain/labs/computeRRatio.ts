import { isAbove, isAtLeast } from './compareThreshold';
import { timesUln } from './timesUln';
import type { LabValue } from './types';

/** ACG 2014 (Chalasani et al., Am J Gastroenterol 2014;109:950–966): R ≥ 5 hepatocellular. */
export const R_HEPATOCELLULAR_MIN = 5;
/** ACG 2014: R ≤ 2 cholestatic; 2 < R < 5 mixed. */
export const R_CHOLESTATIC_MAX = 2;

export type InjuryPattern = 'hepatocellular' | 'mixed' | 'cholestatic';

export interface RRatioResult {
  readonly altXUln: number | null;
  readonly alpXUln: number | null;
  /** (ALT / ULN_ALT) ÷ (ALP / ULN_ALP); null without both values and both ULNs. */
  readonly r: number | null;
  /** Null when R is missing or when ALT and ALP are both within normal limits (no injury). */
  readonly pattern: InjuryPattern | null;
  readonly reason: string;
}

/** The R boundaries are inclusive on the hepatocellular (≥ 5) and cholestatic (≤ 2) sides. */
export function classifyInjuryPattern(r: number): InjuryPattern {
  if (isAtLeast(r, R_HEPATOCELLULAR_MIN)) return 'hepatocellular';
  if (!isAbove(r, R_CHOLESTATIC_MAX)) return 'cholestatic';
  return 'mixed';
}

/**
 * R ratio and injury pattern (ACG DILI guideline 2014) from ALT and ALP of the same panel.
 * R classifies an injury: with ALT and ALP both ≤ ULN there is none, so no pattern is given.
 */
export function computeRRatio(alt: LabValue | undefined, alp: LabValue | undefined): RRatioResult {
  const altXUln = alt ? timesUln(alt) : null;
  const alpXUln = alp ? timesUln(alp) : null;
  if (altXUln === null || alpXUln === null || alpXUln === 0) {
    const missing = [
      altXUln === null ? 'ALT (or its ULN)' : null,
      alpXUln === null || alpXUln === 0 ? 'ALP (or its ULN)' : null,
    ].filter((m) => m !== null);
    return {
      altXUln,
      alpXUln,
      r: null,
      pattern: null,
      reason: `Missing ${missing.join(' and ')}.`,
    };
  }
  const r = altXUln / alpXUln;
  if (!isAbove(altXUln, 1) && !isAbove(alpXUln, 1))
    return {
      altXUln,
      alpXUln,
      r,
      pattern: null,
      reason: `R = ${r.toFixed(2)}, but ALT and ALP are both ≤ ULN: no injury to classify.`,
    };
  const pattern = classifyInjuryPattern(r);
  return {
    altXUln,
    alpXUln,
    r,
    pattern,
    reason: `R = ${altXUln.toFixed(2)} ÷ ${alpXUln.toFixed(2)} = ${r.toFixed(2)}: ${pattern} range (≥ 5 hepatocellular, ≤ 2 cholestatic, between mixed; ACG 2014).`,
  };
}
