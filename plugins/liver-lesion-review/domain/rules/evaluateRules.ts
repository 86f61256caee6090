import { selectFindingsAsOf } from '../findings/selectFindingsAsOf';
import type { Finding } from '../findings/types';
import type { RapidRiseOptions } from '../labs/detectRapidRise';
import { selectLabPanel } from '../labs/selectLabPanel';
import type { LabValue } from '../labs/types';
import type { TimepointResponse } from '../quantify/assessResponse';
import { LIVER_RULES } from './liverRules';
import type { RuleDefinition, RuleId, RuleOutcome } from './types';

/**
 * How far back a value or finding still applies to a date (PRODUCT-OWNER DECISION; no source
 * sets it). 7 days pairs each imaging date of seed 004 with its labs (CT 07-25 and MR 07-26 with
 * the labs of 07-25) without carrying a reading into the next month.
 */
export const DEFAULT_LAB_LOOKBACK_DAYS = 7;
export const DEFAULT_FINDING_LOOKBACK_DAYS = 7;

export interface RuleEngineInput {
  readonly labs: readonly LabValue[];
  readonly findings: readonly Finding[];
  /** Response per date, from quantify's assessResponse (or buildLesionReview().response). */
  readonly responses: readonly TimepointResponse[];
  readonly knownMalignancy: boolean | null;
  readonly options?: RuleEngineOptions;
}

export interface RuleEngineOptions {
  readonly labLookbackDays?: number;
  readonly findingLookbackDays?: number;
  readonly rapidRise?: RapidRiseOptions;
  /** Evaluate these dates only; by default every date with a lab value, finding or response. */
  readonly dates?: readonly string[];
  /** Defaults to LIVER_RULES. */
  readonly rules?: readonly RuleDefinition[];
}

export interface RuleResult extends RuleOutcome {
  readonly ruleId: RuleId;
  readonly title: string;
  readonly sources: readonly string[];
  /** The rule's statement when met, else null. */
  readonly statement: string | null;
}

export interface DateEvaluation {
  readonly date: string;
  readonly results: readonly RuleResult[];
}

/** Rule metadata for a legend: everything but the evaluate function. */
export type RuleSummary = Omit<RuleDefinition, 'evaluate'>;

export interface RuleEvaluation {
  readonly rules: readonly RuleSummary[];
  /** Oldest first. */
  readonly dates: readonly DateEvaluation[];
}

/** Every rule on every date, each with its status, the values that decided it and its sources. */
export function evaluateRules(input: RuleEngineInput): RuleEvaluation {
  const options = input.options ?? {};
  const rules = options.rules ?? LIVER_RULES;
  const labLookback = options.labLookbackDays ?? DEFAULT_LAB_LOOKBACK_DAYS;
  const findingLookback = options.findingLookbackDays ?? DEFAULT_FINDING_LOOKBACK_DAYS;
  const dates = options.dates ?? [
    ...new Set([
      ...input.labs.map((v) => v.date),
      ...input.findings.map((f) => f.date),
      ...input.responses.map((r) => r.date),
    ]),
  ];
  return {
    rules: rules.map(({ evaluate: _evaluate, ...summary }) => summary),
    dates: [...dates].sort().map((date) => {
      const context = {
        date,
        labs: selectLabPanel(input.labs, date, labLookback),
        labHistory: input.labs.filter((v) => v.date <= date),
        findings: selectFindingsAsOf(input.findings, date, findingLookback),
        response: input.responses.find((r) => r.date === date) ?? null,
        knownMalignancy: input.knownMalignancy,
        rapidRise: options.rapidRise ?? {},
      };
      return {
        date,
        results: rules.map((rule): RuleResult => {
          const outcome = rule.evaluate(context);
          return {
            ...outcome,
            ruleId: rule.id,
            title: rule.title,
            sources: rule.sources,
            statement: outcome.status === 'met' ? rule.statementWhenMet : null,
          };
        }),
      };
    }),
  };
}
