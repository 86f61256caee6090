import { describe, expect, it } from 'vitest';
import { evaluateHysLaw } from '../evaluateHysLaw';
import type { LabPanel } from '../types';
import { lab } from './labFixtures';

// ULNs 40 (ALT), 35 (AST), 20 (TBIL), 100 (ALP).
const panel = (
  alt: number | null,
  tbil: number | null,
  alp: number | null,
  ast: number | null = null,
): LabPanel => ({
  ...(alt === null ? {} : { ALT: lab('ALT', alt, 40) }),
  ...(ast === null ? {} : { AST: lab('AST', ast, 35) }),
  ...(tbil === null ? {} : { TBIL: lab('TBIL', tbil, 20) }),
  ...(alp === null ? {} : { ALP: lab('ALP', alp, 100) }),
});

describe('evaluateHysLaw', () => {
  it('is met at exactly ALT 3 ×, TBIL 2 ×, ALP 2 × ULN', () => {
    expect(evaluateHysLaw(panel(120, 40, 200, 30)).status).toBe('met');
  });

  it('is not met just below ALT 3 ×, just below TBIL 2 × or just above ALP 2 × ULN', () => {
    expect(evaluateHysLaw(panel(119.9, 40, 200, 30)).status).toBe('not-met');
    expect(evaluateHysLaw(panel(120, 39.9, 200, 30)).status).toBe('not-met');
    expect(evaluateHysLaw(panel(120, 40, 200.1, 30)).status).toBe('not-met');
  });

  it('accepts AST ≥ 3 × ULN in place of ALT', () => {
    expect(evaluateHysLaw(panel(50, 40, 100, 105)).status).toBe('met'); // AST 105/35 = 3
  });

  it('is not evaluable when ALP is missing and the other criteria are met', () => {
    // Seed 004, Jul 25: AST 306.6/35 = 8.76 ×, TBIL 316.3/18.52 = 17.08 ×, no ALP.
    const result = evaluateHysLaw({
      ALT: lab('ALT', 110.6, 40),
      AST: lab('AST', 306.6, 35),
      TBIL: lab('TBIL', 316.3, 18.52),
    });
    expect(result.status).toBe('not-evaluable');
    expect(result.criteria.find((c) => c.analyte === 'ALP')?.status).toBe('not-evaluable');
  });

  it('is not met when a criterion fails even with ALP missing', () => {
    // Seed 004, Oct 10: ALT 15.5/40 = 0.39 ×, AST 60.3/35 = 1.72 ×: no transaminase ≥ 3 ×.
    expect(
      evaluateHysLaw({
        ALT: lab('ALT', 15.5, 40),
        AST: lab('AST', 60.3, 35),
        TBIL: lab('TBIL', 50.6, 18.52),
      }).status,
    ).toBe('not-met');
  });

  it('is not evaluable when only ALT is known and below 3 × but AST is missing', () => {
    expect(evaluateHysLaw(panel(50, 40, 100)).status).toBe('not-evaluable');
  });
});
