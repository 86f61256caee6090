import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/__tests__/labFixtures';
import { diffuseInfiltrationRule } from '../diffuseInfiltrationRule';
import { context, pattern } from './ruleFixtures';

const evaluate = diffuseInfiltrationRule.evaluate;

// A seed 000-like course (the report gives no numbers): TBIL 40 → 68 µmol/L (ULN 21) in a week.
const before = lab('TBIL', 40, 21, '2024-07-19');
const now = lab('TBIL', 68, 21, '2024-07-26');
const rising = { labs: { TBIL: now }, labHistory: [before, now] };

describe('diffuseInfiltrationRule', () => {
  it('is met by a diffuse pattern, a known malignancy and TBIL × 1.7 in 7 days → consider biopsy', () => {
    const outcome = evaluate(
      context({ ...rising, findings: [pattern('diffuse')], knownMalignancy: true }),
    );
    expect(outcome.status).toBe('met');
    expect(outcome.trace.find((t) => t.label === 'TBIL rapidly rising')?.status).toBe('met');
    expect(diffuseInfiltrationRule.statementWhenMet).toContain('Consider an early liver biopsy');
  });

  it('counts a mixed pattern but not a nodular one', () => {
    expect(
      evaluate(context({ ...rising, findings: [pattern('mixed')], knownMalignancy: true })).status,
    ).toBe('met');
    expect(
      evaluate(context({ ...rising, findings: [pattern('nodular')], knownMalignancy: true }))
        .status,
    ).toBe('not-met');
  });

  it('needs a known malignancy', () => {
    expect(
      evaluate(context({ ...rising, findings: [pattern('diffuse')], knownMalignancy: false }))
        .status,
    ).toBe('not-met');
    expect(evaluate(context({ ...rising, findings: [pattern('diffuse')] })).status).toBe(
      'not-evaluable',
    );
  });

  it('accepts a rise of ALT or AST as well, at exactly × 1.5', () => {
    const a = lab('AST', 70, 35, '2024-07-20');
    const b = lab('AST', 105, 35, '2024-07-26');
    const outcome = evaluate(
      context({
        labs: { AST: b },
        labHistory: [a, b],
        findings: [pattern('diffuse')],
        knownMalignancy: true,
      }),
    );
    expect(outcome.status).toBe('met');
  });

  it('is not met when the liver tests are flat, and not evaluable without an earlier value', () => {
    const base = { findings: [pattern('diffuse')], knownMalignancy: true };
    // TBIL 40 → 44 (× 1.1), ALT and AST 29 → 30 (× 1.03, within normal limits).
    const flat = {
      TBIL: lab('TBIL', 44, 21, '2024-07-26'),
      ALT: lab('ALT', 30, 40, '2024-07-26'),
      AST: lab('AST', 30, 35, '2024-07-26'),
    };
    const history = [
      before,
      lab('ALT', 29, 40, '2024-07-19'),
      lab('AST', 29, 35, '2024-07-19'),
      ...Object.values(flat),
    ];
    expect(evaluate(context({ ...base, labs: flat, labHistory: history })).status).toBe('not-met');
    expect(evaluate(context({ ...base, labs: { TBIL: now }, labHistory: [now] })).status).toBe(
      'not-evaluable',
    );
  });
});
