import { isAbove } from './compareThreshold';

/** Seed 004 discussion (after its ref. 4): mild ALT ≤ 5 × ULN, severe > 10 × ULN. */
export const ALT_MILD_MAX_X_ULN = 5;
export const ALT_SEVERE_MIN_X_ULN = 10;

export type AltSeverity = 'within-normal' | 'mild' | 'intermediate' | 'severe';

/** Where ALT × ULN falls on the seed's hepatocellular severity scale (5–10 × ULN unnamed). */
export function classifyAltSeverity(altXUln: number): AltSeverity {
  if (!isAbove(altXUln, 1)) return 'within-normal';
  if (!isAbove(altXUln, ALT_MILD_MAX_X_ULN)) return 'mild';
  return isAbove(altXUln, ALT_SEVERE_MIN_X_ULN) ? 'severe' : 'intermediate';
}
