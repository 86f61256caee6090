import type { BiliaryInterruptionFinding } from '../findings/types';
import { anyOf } from '../labs/combineCriteria';
import { describeBiliaryLevel } from './describeBiliaryLevel';
import { presenceCriterion } from './traceHelpers';
import type { RuleContext, RuleDefinition, RuleOutcome, TraceEntry } from './types';

function evaluate(ctx: RuleContext): RuleOutcome {
  const interruptions = ctx.findings.filter(
    (f): f is BiliaryInterruptionFinding => f.kind === 'biliary-interruption',
  );
  const mrcpRead = ctx.findings.find((f) => f.kind === 'mrcp-ducts');
  const malignancy: TraceEntry = {
    label: 'Known malignancy',
    value: ctx.knownMalignancy,
    status: 'info',
  };
  if (interruptions.length === 0)
    return mrcpRead
      ? {
          status: 'not-met',
          summary: `MRCP of ${mrcpRead.date} read; no duct interruption marked.`,
          trace: [
            {
              label: 'Duct interruption marked',
              value: false,
              status: 'not-met',
              date: mrcpRead.date,
            },
            malignancy,
          ],
          caveats: [],
        }
      : {
          status: 'not-evaluable',
          summary: 'No MRCP reading for this date.',
          trace: [{ label: 'Duct interruption marked', value: null, status: 'not-evaluable' }],
          caveats: [],
        };
  const perInterruption = interruptions.map((i) => {
    const criterion = presenceCriterion(
      `Upstream dilatation at ${describeBiliaryLevel(i.level)}`,
      i.upstreamDilatation,
      i.date,
    );
    return { interruption: i, criterion };
  });
  const trace: TraceEntry[] = perInterruption.flatMap(({ interruption, criterion }) => [
    {
      label: 'Duct interruption',
      value: `${describeBiliaryLevel(interruption.level)} at (${interruption.pointMm.map((v) => v.toFixed(1)).join(', ')}) mm`,
      status: 'met' as const,
      date: interruption.date,
    },
    criterion.entry,
  ]);
  trace.push(malignancy);
  const status = anyOf(perInterruption.map((p) => p.criterion.status));
  const met = perInterruption.find((p) => p.criterion.status === 'met');
  return {
    status,
    summary: met
      ? `Duct interruption at ${describeBiliaryLevel(met.interruption.level)} with upstream dilatation.`
      : `Duct interruption marked; upstream dilatation ${status === 'not-met' ? 'absent' : 'not recorded'}.`,
    trace,
    caveats:
      ctx.knownMalignancy === true
        ? []
        : ['Tumour as the cause presumes a known malignancy or a lesion at the level; check.'],
  };
}

export const biliaryObstructionRule: RuleDefinition = {
  id: 'biliary-obstruction',
  title: 'Biliary obstruction (MRCP interruption with upstream dilatation)',
  inputs: ['MRCP duct interruption marker and its level', 'Upstream duct dilatation'],
  thresholds: [{ name: 'Upstream dilatation', comparison: '=', value: 'yes', unit: '' }],
  sources: [
    'Seed 004, Figure 3c (interruption from tumour invasion or external compression)',
    'Bismuth–Corlette classification of hilar level',
  ],
  statementWhenMet:
    'Consistent with biliary obstruction (tumour invasion or external compression) at the marked level.',
  evaluate,
};
