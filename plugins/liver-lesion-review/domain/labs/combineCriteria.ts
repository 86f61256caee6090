import type { CriterionStatus } from './types';

/** Kleene AND: any not met → not met; all met → met; otherwise not evaluable. */
export function allOf(statuses: readonly CriterionStatus[]): CriterionStatus {
  if (statuses.includes('not-met')) return 'not-met';
  return statuses.every((s) => s === 'met') ? 'met' : 'not-evaluable';
}

/** Kleene OR: any met → met; all not met → not met; otherwise not evaluable. */
export function anyOf(statuses: readonly CriterionStatus[]): CriterionStatus {
  if (statuses.includes('met')) return 'met';
  return statuses.length > 0 && statuses.every((s) => s === 'not-met')
    ? 'not-met'
    : 'not-evaluable';
}
