import { isAbove, isAtLeast } from './compareThreshold';
import { daysBetween } from './isoDate';
import type { CriterionStatus, LabAnalyte, LabValue } from './types';

/**
 * "Rapidly rising" liver tests, which clinical-rules.md leaves undefined (PRODUCT-OWNER
 * DECISION): the value is above ULN and at least 1.5 × an earlier value of the same analyte
 * taken 1–14 days before it. Basis: seed 000 describes failure "within days to weeks", hence a
 * two-week window; +50 % is close to the reference change value of ALT and bilirubin
 * (within-subject biological variation ≈ 20 %, RCV ≈ 2.77 × √(CVa² + CVi²) ≈ 55–60 %), so a
 * rise this large over two weeks is unlikely to be noise, while still catching a doubling.
 * It is a trigger for "consider", tuned toward sensitivity; both numbers are options.
 */
export const RAPID_RISE_WINDOW_DAYS = 14;
export const RAPID_RISE_MIN_FACTOR = 1.5;

export interface RapidRiseOptions {
  readonly windowDays?: number;
  readonly minFactor?: number;
}

export interface RapidRiseResult {
  readonly analyte: LabAnalyte;
  readonly status: CriterionStatus;
  readonly current: LabValue | null;
  /** The earlier value compared with: the lowest one in the window. */
  readonly reference: LabValue | null;
  /** current ÷ reference. */
  readonly factor: number | null;
  readonly reason: string;
}

/**
 * Whether `current` (an ALT, AST or bilirubin value) is rising rapidly, judged against the
 * lowest earlier value of its analyte within the window before it.
 */
export function detectRapidRise(
  current: LabValue | undefined,
  history: readonly LabValue[],
  analyte: LabAnalyte,
  options: RapidRiseOptions = {},
): RapidRiseResult {
  const windowDays = options.windowDays ?? RAPID_RISE_WINDOW_DAYS;
  const minFactor = options.minFactor ?? RAPID_RISE_MIN_FACTOR;
  const none = { analyte, current: current ?? null, reference: null, factor: null };
  if (!current) return { ...none, status: 'not-evaluable', reason: `No ${analyte} value.` };
  const earlier = history.filter((v) => {
    if (v.analyte !== analyte) return false;
    const days = daysBetween(v.date, current.date);
    return days >= 1 && days <= windowDays;
  });
  const reference = earlier.reduce<LabValue | null>(
    (low, v) => (low === null || v.value < low.value ? v : low),
    null,
  );
  if (!reference || reference.value <= 0)
    return {
      ...none,
      status: 'not-evaluable',
      reason: `No earlier ${analyte} value within ${windowDays} days before ${current.date}.`,
    };
  const factor = current.value / reference.value;
  const uln = current.referenceRange.upper;
  const days = daysBetween(reference.date, current.date);
  const change = `${analyte} ${reference.value} (${reference.date}) → ${current.value} ${current.unit} (${current.date}) in ${days} d: × ${factor.toFixed(2)}`;
  if (uln === null)
    return { ...none, reference, factor, status: 'not-evaluable', reason: `${change}; no ULN.` };
  if (!isAbove(current.value, uln))
    return { ...none, reference, factor, status: 'not-met', reason: `${change}; not above ULN.` };
  const rising = isAtLeast(factor, minFactor);
  return {
    ...none,
    reference,
    factor,
    status: rising ? 'met' : 'not-met',
    reason: `${change} (rapid: ≥ × ${minFactor} within ${windowDays} days, above ULN).`,
  };
}
