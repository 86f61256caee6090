import type { LabValue } from './types';

/**
 * The value as a multiple of its lab's upper limit of normal, or null when the report gives
 * no (positive) upper limit. Value and range are in the same unit by construction.
 */
export function timesUln(value: LabValue): number | null {
  const uln = value.referenceRange.upper;
  return uln !== null && uln > 0 ? value.value / uln : null;
}
