import { daysBetween } from '../labs/isoDate';
import type { Finding } from './types';

/**
 * The findings that apply on `date`: for each kind, those of the latest date on or up to
 * `lookbackDays` before it (a later reading of a kind replaces an earlier one; several
 * findings of a kind on that date, e.g. two interruptions, are all kept). Never the future.
 */
export function selectFindingsAsOf(
  findings: readonly Finding[],
  date: string,
  lookbackDays: number,
): Finding[] {
  const latest = new Map<Finding['kind'], string>();
  const eligible = findings.filter((f) => {
    const age = daysBetween(f.date, date);
    return age >= 0 && age <= lookbackDays;
  });
  for (const f of eligible) {
    const current = latest.get(f.kind);
    if (current === undefined || f.date > current) latest.set(f.kind, f.date);
  }
  return eligible.filter((f) => latest.get(f.kind) === f.date);
}
