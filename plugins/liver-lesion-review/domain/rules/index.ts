/** Rules: declarative rules over findings, labs and response, and the engine that runs them. */
export type * from './types';
export {
  evaluateRules,
  DEFAULT_FINDING_LOOKBACK_DAYS,
  DEFAULT_LAB_LOOKBACK_DAYS,
  type DateEvaluation,
  type RuleEngineInput,
  type RuleEngineOptions,
  type RuleEvaluation,
  type RuleResult,
  type RuleSummary,
} from './evaluateRules';
export { LIVER_RULES } from './liverRules';
export { describeBiliaryLevel } from './describeBiliaryLevel';
