import {
  RECIST_PD_ABSOLUTE_MM,
  RECIST_PD_PCT,
  VOLUMETRIC_PD_PCT,
  type TimepointResponse,
} from '../quantify/assessResponse';
import type { RuleContext, RuleDefinition, RuleOutcome, TraceEntry } from './types';

const pct = (v: number | null): string | null =>
  v === null ? null : `${v >= 0 ? '+' : ''}${v.toFixed(1)} %`;

function outcome(
  response: TimepointResponse | null,
  category: 'recist' | 'volumetric',
  trace: (r: TimepointResponse) => TraceEntry[],
): RuleOutcome {
  if (!response)
    return {
      status: 'not-evaluable',
      summary: 'No lesion measurements on this date.',
      trace: [],
      caveats: [],
    };
  const value = response[category];
  if (value === 'BASELINE')
    return {
      status: 'not-evaluable',
      summary: 'Baseline: nothing to compare with.',
      trace: trace(response),
      caveats: [],
    };
  return {
    status: value === 'PD' ? 'met' : 'not-met',
    summary: `${category === 'recist' ? 'RECIST 1.1' : 'Volumetric'} category ${value}.`,
    trace: [
      ...trace(response),
      ...response.reasons.map((reason): TraceEntry => ({
        label: 'Reason',
        value: reason,
        status: 'info',
      })),
    ],
    caveats: [],
  };
}

export const recistProgressionRule: RuleDefinition = {
  id: 'progression-recist',
  title: 'Progression (RECIST 1.1)',
  inputs: ['Response per date from the lesion review (sum of target diameters, new lesions)'],
  thresholds: [
    { name: 'Sum vs nadir', comparison: '≥', value: RECIST_PD_PCT, unit: '%' },
    { name: 'Absolute increase', comparison: '≥', value: RECIST_PD_ABSOLUTE_MM, unit: 'mm' },
    { name: 'New lesion', comparison: '=', value: 'any', unit: '' },
  ],
  sources: ['RECIST 1.1: Eisenhauer et al., Eur J Cancer 2009;45:228–247, §4.3'],
  statementWhenMet: 'RECIST 1.1 progressive disease criteria met.',
  evaluate: (ctx: RuleContext) =>
    outcome(ctx.response, 'recist', (r) => [
      {
        label: 'Sum of longest diameters',
        value: r.sumLongestDiametersMm,
        unit: 'mm',
        status: 'info',
        date: r.date,
      },
      {
        label: 'Change from nadir',
        value: pct(r.changeFromNadirPct),
        threshold: '≥ +20 % and ≥ +5 mm',
        status: 'info',
        date: r.date,
      },
      {
        label: 'New lesions',
        value: r.newLesions.join(', ') || 'none',
        status: 'info',
        date: r.date,
      },
    ]),
};

export const volumetricProgressionRule: RuleDefinition = {
  id: 'progression-volumetric',
  title: 'Progression (volumetric)',
  inputs: ['Total tumour volume per date from the lesion review, new lesions'],
  thresholds: [
    { name: 'Total volume vs nadir', comparison: '≥', value: VOLUMETRIC_PD_PCT, unit: '%' },
  ],
  sources: [
    'Sphere equivalent of RECIST 1.1 +20 % diameter (≈ +72.8 % volume), shared/reference/clinical-rules.md',
  ],
  statementWhenMet: 'Volumetric progression criteria met.',
  evaluate: (ctx: RuleContext) =>
    outcome(ctx.response, 'volumetric', (r) => [
      {
        label: 'Total tumour volume',
        value: Math.round(r.totalVolumeMl * 100) / 100,
        unit: 'mL',
        status: 'info',
        date: r.date,
      },
      {
        label: 'Volume change from nadir',
        value: pct(r.volumeChangeFromNadirPct),
        threshold: '≥ +72.8 %',
        status: 'info',
        date: r.date,
      },
      {
        label: 'New lesions',
        value: r.newLesions.join(', ') || 'none',
        status: 'info',
        date: r.date,
      },
    ]),
};
