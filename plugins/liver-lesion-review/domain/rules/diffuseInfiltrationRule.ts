import type { PatternFinding } from '../findings/types';
import { allOf, anyOf } from '../labs/combineCriteria';
import {
  RAPID_RISE_MIN_FACTOR,
  RAPID_RISE_WINDOW_DAYS,
  detectRapidRise,
} from '../labs/detectRapidRise';
import { statusWord } from './traceHelpers';
import type { RuleContext, RuleDefinition, RuleOutcome, RuleStatus, TraceEntry } from './types';

const RISING_ANALYTES = ['TBIL', 'ALT', 'AST'] as const;

function evaluate(ctx: RuleContext): RuleOutcome {
  const finding = ctx.findings.find((f): f is PatternFinding => f.kind === 'pattern');
  const pattern: RuleStatus = !finding
    ? 'not-evaluable'
    : finding.pattern === 'diffuse' || finding.pattern === 'mixed'
      ? 'met'
      : 'not-met';
  const malignancy: RuleStatus =
    ctx.knownMalignancy === null ? 'not-evaluable' : ctx.knownMalignancy ? 'met' : 'not-met';
  const rises = RISING_ANALYTES.map((a) =>
    detectRapidRise(ctx.labs[a], ctx.labHistory, a, ctx.rapidRise),
  );
  const rising = anyOf(rises.map((r) => r.status));
  const trace: TraceEntry[] = [
    {
      label: 'Liver pattern (diffuse or mixed)',
      value: finding?.pattern ?? null,
      status: pattern,
      ...(finding ? { date: finding.date } : {}),
    },
    { label: 'Known malignancy', value: ctx.knownMalignancy, status: malignancy },
    ...rises.map((r): TraceEntry => ({
      label: `${r.analyte} rapidly rising`,
      value: r.factor === null ? null : `× ${r.factor.toFixed(2)}: ${r.reason}`,
      threshold: `≥ × ${ctx.rapidRise.minFactor ?? RAPID_RISE_MIN_FACTOR} within ${ctx.rapidRise.windowDays ?? RAPID_RISE_WINDOW_DAYS} d, above ULN`,
      status: r.status,
      ...(r.current ? { date: r.current.date } : {}),
    })),
  ];
  return {
    status: allOf([pattern, malignancy, rising]),
    summary: `Diffuse/mixed pattern ${statusWord(pattern)}; known malignancy ${statusWord(malignancy)}; rapid rise of TBIL/ALT/AST ${statusWord(rising)}.`,
    trace,
    caveats: [
      '"Rapidly rising" is a product definition (≥ 1.5 × an earlier value within 14 days, above ULN), not a published threshold.',
    ],
  };
}

export const diffuseInfiltrationRule: RuleDefinition = {
  id: 'diffuse-infiltration-warning',
  title: 'Tumour-infiltrating liver injury: diffuse infiltration warning',
  inputs: [
    'Liver pattern (diffuse or mixed)',
    'Known malignancy',
    'TBIL, ALT, AST trend (rapid rise)',
  ],
  thresholds: [
    {
      name: 'Rapid rise factor',
      comparison: '≥',
      value: RAPID_RISE_MIN_FACTOR,
      unit: '× earlier value',
    },
    { name: 'Rapid rise window', comparison: '≤', value: RAPID_RISE_WINDOW_DAYS, unit: 'days' },
  ],
  sources: [
    'Seed 000: diffuse hepatic sinusoidal metastasis mimicking benign diffuse liver disease (Chen et al., Front Oncol 2025, doi:10.3389/fonc.2025.1655532)',
    'Seed 004: tumour-infiltrating liver injury (TILI)',
  ],
  statementWhenMet:
    'Diffuse liver change with a known malignancy and rapidly rising liver tests: diffuse (sinusoidal) infiltration can mimic benign diffuse liver disease. Consider an early liver biopsy.',
  evaluate,
};
