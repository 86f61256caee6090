/**
 * Declarative rules that connect findings, labs and response. A rule states which inputs it
 * reads, its thresholds and sources, and what a met rule is reported as; it never states a
 * diagnosis ("consistent with", "rule met", "consider").
 */
import type { Finding } from '../findings/types';
import type { RapidRiseOptions } from '../labs/detectRapidRise';
import type { CriterionStatus, LabPanel, LabValue } from '../labs/types';
import type { TimepointResponse } from '../quantify/assessResponse';

export type RuleStatus = CriterionStatus;

export type RuleId =
  | 'hepatocellular-pattern'
  | 'cholestatic-pattern'
  | 'biliary-obstruction'
  | 'diffuse-infiltration-warning'
  | 'hys-law'
  | 'ct-steatosis-range'
  | 'progression-recist'
  | 'progression-volumetric';

export interface RuleThreshold {
  readonly name: string;
  readonly comparison: '≥' | '>' | '≤' | '<' | '=';
  readonly value: number | string;
  readonly unit: string;
}

/** One value that took part in a decision, with the date it was taken on. */
export interface TraceEntry {
  readonly label: string;
  readonly value: number | string | boolean | null;
  readonly unit?: string;
  /** e.g. "≥ 3 × ULN"; absent for information only. */
  readonly threshold?: string;
  /** How this criterion came out; 'info' when it is context, not a criterion. */
  readonly status: RuleStatus | 'info';
  /** The date of the value or finding (it may precede the evaluated date, see lookback). */
  readonly date?: string;
}

export interface RuleOutcome {
  readonly status: RuleStatus;
  /** One sentence: why this status, in the trace's numbers. */
  readonly summary: string;
  readonly trace: readonly TraceEntry[];
  readonly caveats: readonly string[];
}

/** Everything a rule may read for one date. */
export interface RuleContext {
  readonly date: string;
  /** Latest value of each analyte on the date or within the lab lookback before it. */
  readonly labs: LabPanel;
  /** Every lab value up to and including the date (for trends). */
  readonly labHistory: readonly LabValue[];
  /** Latest findings of each kind on the date or within the finding lookback before it. */
  readonly findings: readonly Finding[];
  /** The response of this exact date, when lesions were measured on it. */
  readonly response: TimepointResponse | null;
  /** Patient history: a known malignancy (null = not recorded). */
  readonly knownMalignancy: boolean | null;
  readonly rapidRise: RapidRiseOptions;
}

export interface RuleDefinition {
  readonly id: RuleId;
  readonly title: string;
  /** What the rule reads, in words. */
  readonly inputs: readonly string[];
  readonly thresholds: readonly RuleThreshold[];
  readonly sources: readonly string[];
  /** What the product says when the rule is met: a finding statement, never a diagnosis. */
  readonly statementWhenMet: string;
  readonly evaluate: (context: RuleContext) => RuleOutcome;
}
