import type { Finding, LiverSpleenFinding, PresenceFinding } from '../findings/types';
import { measureLiverToSpleen } from '../findings/measureLiverToSpleen';
import { classifyAltSeverity } from '../labs/classifyAltSeverity';
import { allOf, anyOf } from '../labs/combineCriteria';
import { computeRRatio, R_HEPATOCELLULAR_MIN } from '../labs/computeRRatio';
import { presenceCriterion, statusWord, type Criterion } from './traceHelpers';
import type { RuleContext, RuleDefinition, RuleOutcome, RuleStatus, TraceEntry } from './types';

const round = (v: number): number => Math.round(v * 100) / 100;

function find<K extends Finding['kind']>(findings: readonly Finding[], kind: K) {
  return findings.find((f) => f.kind === kind) as Extract<Finding, { kind: K }> | undefined;
}

/** L/S < 1.0 as an imaging sign; not evaluable on contrast-enhanced CT. */
export function liverSpleenRatioCriterion(finding: LiverSpleenFinding | undefined): Criterion {
  const label = 'CT liver-to-spleen ratio';
  if (!finding)
    return {
      status: 'not-evaluable',
      entry: { label, value: null, threshold: '< 1.0', status: 'not-evaluable' },
    };
  const measurement = measureLiverToSpleen({
    liverRois: finding.liverRois.map((r) => r.statistics),
    spleenRois: finding.spleenRois.map((r) => r.statistics),
    contrastEnhanced: finding.contrastEnhanced,
  });
  const flag = measurement.flags.find((f) => f.id === 'ls-ratio')!;
  const status: RuleStatus =
    flag.status === 'flagged'
      ? 'met'
      : flag.status === 'not-flagged' || flag.status === 'indeterminate'
        ? 'not-met'
        : 'not-evaluable';
  return {
    status,
    entry: {
      label:
        flag.status === 'not-applicable'
          ? `${label} (contrast-enhanced: threshold not applicable)`
          : label,
      value: measurement.ratio === null ? null : round(measurement.ratio),
      threshold: '< 1.0',
      status,
      date: finding.date,
    },
  };
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const r = computeRRatio(ctx.labs.ALT, ctx.labs.ALP);
  const lab: RuleStatus =
    r.r === null ? 'not-evaluable' : r.pattern === 'hepatocellular' ? 'met' : 'not-met';
  const trace: TraceEntry[] = [
    {
      label: 'R ratio (ALT×ULN ÷ ALP×ULN)',
      value: r.r === null ? null : round(r.r),
      threshold: `≥ ${R_HEPATOCELLULAR_MIN}`,
      status: lab,
      ...(ctx.labs.ALT ? { date: ctx.labs.ALT.date } : {}),
    },
  ];
  if (r.altXUln !== null)
    trace.push({
      label: 'ALT severity (mild ≤ 5, severe > 10 × ULN)',
      value: `${round(r.altXUln)} × ULN: ${classifyAltSeverity(r.altXUln)}`,
      status: 'info',
    });
  const hepatomegaly = find(ctx.findings, 'hepatomegaly');
  const presence = (kind: PresenceFinding['kind']) =>
    ctx.findings.find((f): f is PresenceFinding => f.kind === kind);
  const density = presence('homogeneous-density-decrease');
  const oedema = presence('t2-parenchymal-oedema');
  const signs = [
    liverSpleenRatioCriterion(find(ctx.findings, 'liver-spleen')),
    presenceCriterion('Hepatomegaly', hepatomegaly?.present, hepatomegaly?.date),
    presenceCriterion(
      'Homogeneous decrease of parenchymal density',
      density?.present,
      density?.date,
    ),
    presenceCriterion('T2 parenchymal signal increase (oedema)', oedema?.present, oedema?.date),
  ];
  if (hepatomegaly?.liverSpanMm != null)
    trace.push({
      label: 'Liver span',
      value: hepatomegaly.liverSpanMm,
      unit: 'mm',
      status: 'info',
      date: hepatomegaly.date,
    });
  trace.push(...signs.map((s) => s.entry));
  const imaging = anyOf(signs.map((s) => s.status));
  const status = allOf([lab, imaging]);
  return {
    status,
    summary: `Lab pattern (R ≥ 5) ${statusWord(lab)}; imaging signs ${statusWord(imaging)}: ${r.reason}`,
    trace,
    caveats: r.r === null ? ['R needs ALT and ALP of the same panel, each with its ULN.'] : [],
  };
}

export const hepatocellularPatternRule: RuleDefinition = {
  id: 'hepatocellular-pattern',
  title: 'Hepatocellular injury pattern (labs and imaging)',
  inputs: [
    'ALT and ALP with their ULNs (R ratio)',
    'CT liver-to-spleen ratio (unenhanced)',
    'Hepatomegaly',
    'Homogeneous decrease of parenchymal density',
    'T2 parenchymal signal increase (oedema)',
  ],
  thresholds: [
    { name: 'R ratio', comparison: '≥', value: R_HEPATOCELLULAR_MIN, unit: '' },
    { name: 'Liver-to-spleen ratio', comparison: '<', value: 1, unit: '' },
  ],
  sources: [
    'ACG DILI guideline: Chalasani et al., Am J Gastroenterol 2014;109:950–966 (R ≥ 5 hepatocellular)',
    'Seed 004 discussion: hepatomegaly, homogeneous density decrease, L/S < 1, T2 oedema',
    'Kodama et al., AJR 2007;188:1307–1312 (L/S)',
  ],
  statementWhenMet:
    'Consistent with a hepatocellular injury pattern: R ≥ 5 with at least one supporting imaging sign.',
  evaluate,
};
