import type { BiliaryInterruptionFinding, MrcpDuctsFinding } from '../findings/types';
import { allOf, anyOf } from '../labs/combineCriteria';
import { computeRRatio } from '../labs/computeRRatio';
import { labMultipleCriterion, presenceCriterion, statusWord } from './traceHelpers';
import type { RuleContext, RuleDefinition, RuleOutcome, TraceEntry } from './types';

/** Seed 004 discussion (after its ref. 4): ALP > 2 × ULN; GGT 5–10 × ULN. */
export const CHOLESTATIC_ALP_MIN_X_ULN = 2;
export const CHOLESTATIC_GGT_MIN_X_ULN = 5;

function evaluate(ctx: RuleContext): RuleOutcome {
  const alp = labMultipleCriterion(ctx.labs, 'ALP', '>', CHOLESTATIC_ALP_MIN_X_ULN);
  const ggt = labMultipleCriterion(ctx.labs, 'GGT', '≥', CHOLESTATIC_GGT_MIN_X_ULN);
  const tbil = labMultipleCriterion(ctx.labs, 'TBIL', '>', 1);
  const lab = anyOf([alp.status, ggt.status]);
  const ducts = ctx.findings.filter((f): f is MrcpDuctsFinding => f.kind === 'mrcp-ducts');
  const interruptions = ctx.findings.filter(
    (f): f is BiliaryInterruptionFinding => f.kind === 'biliary-interruption',
  );
  // Rigidity/rarefaction may be recorded on the duct reading or with an interruption marker.
  const rigidityValues = [
    ...ducts.map((d) => ({ value: d.rigidityRarefaction, date: d.date })),
    ...interruptions.map((i) => ({ value: i.ductRigidityRarefaction, date: i.date })),
  ];
  const rigidity = rigidityValues.find((v) => v.value === true) ??
    rigidityValues.find((v) => v.value === false) ?? { value: null, date: undefined };
  const dilatation = ducts.find((d) => d.segmentalDilatation !== null) ?? ducts[0];
  const signs = [
    presenceCriterion(
      'MRCP: rigidity and rarefaction of small intrahepatic ducts',
      rigidity.value,
      rigidity.date,
    ),
    presenceCriterion(
      'MRCP: segmental duct dilatation',
      dilatation?.segmentalDilatation,
      dilatation?.date,
    ),
  ];
  const imaging = anyOf(signs.map((s) => s.status));
  const r = computeRRatio(ctx.labs.ALT, ctx.labs.ALP);
  const trace: TraceEntry[] = [
    alp.entry,
    ggt.entry,
    { ...tbil.entry, label: 'TBIL × ULN (usually raised; not required)', status: 'info' },
    {
      label: 'R ratio (≤ 2 cholestatic)',
      value: r.r === null ? null : Math.round(r.r * 100) / 100,
      status: 'info',
    },
    ...signs.map((s) => s.entry),
  ];
  const cbd = ducts.find((d) => d.commonBileDuctDilated !== null);
  if (cbd)
    trace.push({
      label: 'Common bile duct dilated (usually unchanged)',
      value: cbd.commonBileDuctDilated,
      status: 'info',
      date: cbd.date,
    });
  return {
    status: allOf([lab, imaging]),
    summary: `Lab criteria (ALP > 2 × ULN or GGT ≥ 5 × ULN) ${statusWord(lab)}; MRCP signs ${statusWord(imaging)}.`,
    trace,
    caveats: [],
  };
}

export const cholestaticPatternRule: RuleDefinition = {
  id: 'cholestatic-pattern',
  title: 'Cholestatic injury pattern (MRCP and ALP/GGT)',
  inputs: [
    'ALP and GGT with their ULNs',
    'MRCP: rigidity and rarefaction of small intrahepatic ducts',
    'MRCP: segmental duct dilatation',
  ],
  thresholds: [
    { name: 'ALP', comparison: '>', value: CHOLESTATIC_ALP_MIN_X_ULN, unit: '× ULN' },
    { name: 'GGT', comparison: '≥', value: CHOLESTATIC_GGT_MIN_X_ULN, unit: '× ULN' },
  ],
  sources: [
    'Seed 004 discussion: ALP > 2 × ULN, GGT 5–10 × ULN, usually with raised bilirubin; MRCP duct rigidity/rarefaction, segmental dilatation',
    'ACG DILI guideline 2014 (R ≤ 2 cholestatic), shown for information',
  ],
  statementWhenMet:
    'Consistent with a cholestatic injury pattern: raised ALP/GGT with supporting MRCP signs.',
  evaluate,
};
