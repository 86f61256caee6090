import { describe, expect, it } from 'vitest';
import { computePatternSupport } from '../../findings/computePatternSupport';
import type { Finding } from '../../findings/types';
import { assessResponse } from '../../quantify/assessResponse';
import { SAMPLE_KNOWN_MALIGNANCY, SAMPLE_LAB_VALUES } from '../../sampleLabs';
import { evaluateRules, type DateEvaluation } from '../evaluateRules';
import { LIVER_RULES } from '../liverRules';
import type { RuleId } from '../types';
import { interruption, liverSpleen, mrcpDucts, pattern, presence } from './ruleFixtures';

const sphereMl = (d: number) => ((4 / 3) * Math.PI * (d / 2) ** 3) / 1000;
const lesion = (lesionId: string, d: number) => ({
  lesionId,
  longestAxialMm: d,
  volumeMl: sphereMl(d),
});

// The sample patient (seed 004): CT July/August/October, MR + MRCP on 2024-07-26.
const RESPONSES = assessResponse([
  { date: '2024-07-25', lesions: [lesion('L1', 28), lesion('L2', 20), lesion('L3', 14)] },
  {
    date: '2024-08-12',
    lesions: [
      lesion('L1', 36),
      lesion('L2', 27),
      lesion('L3', 20),
      lesion('L4', 13),
      lesion('L5', 16),
    ],
  },
  {
    date: '2024-10-07',
    lesions: [
      lesion('L1', 37),
      lesion('L2', 27.5),
      lesion('L3', 20),
      lesion('L4', 13),
      lesion('L5', 16),
    ],
  },
]).timepoints;

const FINDINGS: Finding[] = [
  {
    ...pattern('nodular', '2024-07-25'),
    support: computePatternSupport({
      lesions: [
        { volumeMl: sphereMl(28), segment: 'VII' },
        { volumeMl: sphereMl(20), segment: 'VIII' },
        { volumeMl: sphereMl(14), segment: 'IVb' },
      ],
      liverVolumeMl: 1600,
      liverVolumeIncludesLesions: false,
    }),
  },
  pattern('nodular', '2024-08-12'),
  pattern('nodular', '2024-10-07'),
  { ...liverSpleen(86, 100, true), date: '2024-08-12' }, // portal-venous: not applicable
  { ...interruption(true, true), date: '2024-07-26' },
  { ...mrcpDucts(true, null), date: '2024-07-26' },
  presence('ascites', true, '2024-07-25'),
];

const evaluation = evaluateRules({
  labs: SAMPLE_LAB_VALUES,
  findings: FINDINGS,
  responses: RESPONSES,
  knownMalignancy: SAMPLE_KNOWN_MALIGNANCY,
});

const statusOf = (day: DateEvaluation | undefined, id: RuleId) =>
  day?.results.find((r) => r.ruleId === id)?.status;
const byDate = (date: string) => evaluation.dates.find((d) => d.date === date);
const column = (id: RuleId) => evaluation.dates.map((d) => statusOf(d, id));

describe('evaluateRules (the sample patient, seed 004)', () => {
  it('evaluates every date with labs, findings or a response, oldest first', () => {
    expect(evaluation.dates.map((d) => d.date)).toEqual([
      '2024-07-25',
      '2024-07-26',
      '2024-08-04',
      '2024-08-12',
      '2024-08-29',
      '2024-09-07',
      '2024-10-07',
      '2024-10-10',
      '2024-11-07',
    ]);
    expect(evaluation.rules.map((r) => r.id)).toEqual(LIVER_RULES.map((r) => r.id));
    expect(evaluation.rules[0]).not.toHaveProperty('evaluate');
  });

  it('meets biliary obstruction from the MRCP date for a week, with its statement and source', () => {
    expect(column('biliary-obstruction')).toEqual([
      'not-evaluable', // 07-25: the MRCP is read the next day; rules never look ahead
      'met',
      'not-evaluable', // 08-04: 9 days after the MRCP, beyond the 7-day lookback
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
    ]);
    const result = byDate('2024-07-26')?.results.find((r) => r.ruleId === 'biliary-obstruction');
    expect(result?.statement).toContain('Consistent with biliary obstruction');
    expect(result?.sources.join(' ')).toContain('Bismuth–Corlette');
  });

  it('does not raise the diffuse infiltration warning: the pattern is nodular', () => {
    expect(statusOf(byDate('2024-07-25'), 'diffuse-infiltration-warning')).toBe('not-met');
    expect(statusOf(byDate('2024-10-10'), 'diffuse-infiltration-warning')).toBe('not-met');
    // 08-29: no pattern within 7 days and no earlier lab within 14 days.
    expect(statusOf(byDate('2024-08-29'), 'diffuse-infiltration-warning')).toBe('not-evaluable');
  });

  it('leaves Hy’s law not evaluable for want of ALP, except on Oct 10 where no transaminase reaches 3 × ULN', () => {
    // Jul 26 uses the Jul 25 panel (lookback): AST 8.76 ×, TBIL 17.08 ×, ALP missing.
    expect(column('hys-law')).toEqual([
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-evaluable',
      'not-met',
      'not-evaluable',
    ]);
    const jul26 = byDate('2024-07-26')?.results.find((r) => r.ruleId === 'hys-law');
    expect(jul26?.trace.find((t) => t.label === 'TBIL × ULN')).toMatchObject({
      value: 17.08,
      date: '2024-07-25',
    });
  });

  it('leaves the hepatocellular and cholestatic patterns not evaluable without ALP/GGT', () => {
    expect(new Set(column('hepatocellular-pattern'))).toEqual(new Set(['not-evaluable']));
    expect(new Set(column('cholestatic-pattern'))).toEqual(new Set(['not-evaluable']));
  });

  it('does not flag the portal-venous L/S of August (thresholds for unenhanced CT)', () => {
    const aug12 = byDate('2024-08-12')?.results.find((r) => r.ruleId === 'ct-steatosis-range');
    expect(aug12?.status).toBe('not-evaluable');
    expect(aug12?.caveats.join(' ')).toContain('Contrast-enhanced');
  });

  it('meets progression in August and October (against the nadir), not evaluable at baseline', () => {
    expect(statusOf(byDate('2024-07-25'), 'progression-recist')).toBe('not-evaluable');
    expect(statusOf(byDate('2024-08-12'), 'progression-recist')).toBe('met');
    expect(statusOf(byDate('2024-10-07'), 'progression-recist')).toBe('met');
    expect(statusOf(byDate('2024-09-07'), 'progression-recist')).toBe('not-evaluable');
  });

  it('never words a result as a diagnosis', () => {
    const statements = LIVER_RULES.map((r) => r.statementWhenMet);
    for (const s of statements) expect(s).not.toMatch(/\bdiagnos/i);
  });
});

describe('evaluateRules (a seed 000-like course)', () => {
  it('raises "consider biopsy" for a diffuse pattern, malignancy and bilirubin × 1.9 in 6 days', () => {
    const tbil = (value: number, date: string) => ({
      analyte: 'TBIL' as const,
      date,
      value,
      unit: 'µmol/L' as const,
      referenceRange: { lower: 3.4, upper: 20.5 },
    });
    const result = evaluateRules({
      labs: [tbil(45, '2025-03-01'), tbil(85.5, '2025-03-07')],
      findings: [pattern('diffuse', '2025-03-06')],
      responses: [],
      knownMalignancy: true,
      options: { dates: ['2025-03-07'] },
    });
    const warning = result.dates[0]?.results.find(
      (r) => r.ruleId === 'diffuse-infiltration-warning',
    );
    expect(warning?.status).toBe('met');
    expect(warning?.statement).toContain('Consider an early liver biopsy');
  });
});
