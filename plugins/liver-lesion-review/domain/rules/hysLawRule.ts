import type { BiliaryInterruptionFinding } from '../findings/types';
import {
  HYS_ALP_MAX_X_ULN,
  HYS_BILIRUBIN_MIN_X_ULN,
  HYS_TRANSAMINASE_MIN_X_ULN,
  evaluateHysLaw,
} from '../labs/evaluateHysLaw';
import type { RuleContext, RuleDefinition, RuleOutcome, TraceEntry } from './types';

function evaluate(ctx: RuleContext): RuleOutcome {
  const result = evaluateHysLaw(ctx.labs);
  const trace: TraceEntry[] = result.criteria.map((c) => ({
    label: `${c.analyte} × ULN`,
    value: c.xUln === null ? null : Math.round(c.xUln * 100) / 100,
    threshold: c.threshold,
    status: c.status,
    ...(ctx.labs[c.analyte] ? { date: ctx.labs[c.analyte]!.date } : {}),
  }));
  const caveats = [
    'Hy’s law also requires that other causes (viral, biliary obstruction, other drugs, tumour infiltration) are excluded: not evaluated here.',
  ];
  const obstruction = ctx.findings.find(
    (f): f is BiliaryInterruptionFinding =>
      f.kind === 'biliary-interruption' && f.upstreamDilatation === true,
  );
  if (obstruction)
    caveats.push(
      `A biliary interruption with upstream dilatation is recorded on ${obstruction.date}: another cause.`,
    );
  const missing = result.criteria.filter((c) => c.status === 'not-evaluable').map((c) => c.analyte);
  return {
    status: result.status,
    summary:
      result.status === 'met'
        ? 'ALT or AST ≥ 3 × ULN and TBIL ≥ 2 × ULN with ALP ≤ 2 × ULN.'
        : result.status === 'not-met'
          ? 'At least one laboratory criterion of Hy’s law is not met.'
          : `Not evaluable: ${missing.join(', ')} missing (or without ULN).`,
    trace,
    caveats,
  };
}

export const hysLawRule: RuleDefinition = {
  id: 'hys-law',
  title: 'Hy’s law (laboratory criteria)',
  inputs: ['ALT, AST, total bilirubin and ALP with their ULNs'],
  thresholds: [
    { name: 'ALT or AST', comparison: '≥', value: HYS_TRANSAMINASE_MIN_X_ULN, unit: '× ULN' },
    { name: 'Total bilirubin', comparison: '≥', value: HYS_BILIRUBIN_MIN_X_ULN, unit: '× ULN' },
    { name: 'ALP', comparison: '≤', value: HYS_ALP_MAX_X_ULN, unit: '× ULN' },
  ],
  sources: [
    'FDA guidance, Drug-Induced Liver Injury: Premarketing Clinical Evaluation (2009); EMA',
    'shared/reference/clinical-rules.md (≈ 10 % risk of liver failure)',
  ],
  statementWhenMet:
    'Hy’s law laboratory criteria met: ≈ 10 % risk of acute liver failure if drug-induced; consider other causes.',
  evaluate,
};
