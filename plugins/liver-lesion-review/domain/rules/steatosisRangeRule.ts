import {
  LIVER_ATTENUATION_THRESHOLD_HU,
  L_MINUS_S_THRESHOLD_HU,
  measureLiverToSpleen,
  type ThresholdFlag,
} from '../findings/measureLiverToSpleen';
import type { LiverSpleenFinding } from '../findings/types';
import { anyOf } from '../labs/combineCriteria';
import type { RuleContext, RuleDefinition, RuleOutcome, RuleStatus, TraceEntry } from './types';

const toStatus = (flag: ThresholdFlag): RuleStatus =>
  flag.status === 'flagged' ? 'met' : flag.status === 'not-flagged' ? 'not-met' : 'not-evaluable';

function evaluate(ctx: RuleContext): RuleOutcome {
  const finding = ctx.findings.find((f): f is LiverSpleenFinding => f.kind === 'liver-spleen');
  if (!finding)
    return {
      status: 'not-evaluable',
      summary: 'No liver/spleen attenuation measured for this date.',
      trace: [],
      caveats: [],
    };
  const m = measureLiverToSpleen({
    liverRois: finding.liverRois.map((r) => r.statistics),
    spleenRois: finding.spleenRois.map((r) => r.statistics),
    contrastEnhanced: finding.contrastEnhanced,
  });
  const used = m.flags.filter((f) => f.id === 'l-minus-s' || f.id === 'liver-attenuation');
  const trace: TraceEntry[] = used.map((f) => ({
    label:
      f.status === 'not-applicable' ? `${f.label} (contrast-enhanced: not applicable)` : f.label,
    value: f.value === null ? null : Math.round(f.value * 10) / 10,
    unit: f.unit,
    threshold: f.threshold,
    status: toStatus(f),
    date: finding.date,
  }));
  const status = anyOf(used.map(toStatus));
  return {
    status,
    summary: m.thresholdsApplicable
      ? `L − S ${m.differenceHu?.toFixed(1) ?? 'n/a'} HU, liver ${m.liver.mean?.toFixed(1) ?? 'n/a'} HU.`
      : 'Contrast-enhanced series: the unenhanced-CT thresholds do not apply.',
    trace,
    caveats: [...m.warnings],
  };
}

export const steatosisRangeRule: RuleDefinition = {
  id: 'ct-steatosis-range',
  title: 'CT attenuation in the moderate–severe steatosis range (unenhanced CT)',
  inputs: ['Liver and spleen ROI mean HU on unenhanced CT'],
  thresholds: [
    { name: 'Liver − spleen', comparison: '<', value: L_MINUS_S_THRESHOLD_HU, unit: 'HU' },
    {
      name: 'Liver attenuation',
      comparison: '<',
      value: LIVER_ATTENUATION_THRESHOLD_HU,
      unit: 'HU',
    },
  ],
  sources: [
    'Kodama et al., AJR 2007;188:1307–1312',
    'Park YS et al., Radiology 2011 (normal L − S +1 to +18 HU)',
    'Pickhardt et al. 2024 (portal-venous vs unenhanced)',
  ],
  statementWhenMet:
    'Attenuation in the moderate–severe steatosis range (L − S < −10 HU or liver < 40 HU on unenhanced CT).',
  evaluate,
};
